// qsr-inspection-exemption alone: a claim, in a document under the QMSR, that audit and management
// review reports are kept from FDA inspection (old 21 CFR 820.180(c)), and what is not one.
import { CLEAN_SOP } from '../../helpers';
import { testRule } from '../../rule-tester';

const PURPOSE = 'for all controlled documents.\n';
const sop = (body: string) => CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${body}\n`);
const LINE = 23;
const MESSAGE = 'Claims audit and management review reports are exempt from FDA inspection (old 21 CFR 820.180(c)).';

testRule('qsr-inspection-exemption', {
  valid: [
    { name: 'a clean SOP', text: CLEAN_SOP },
    { name: 'available to FDA', text: sop('Internal audit reports and management review minutes are made available to FDA investigators on request.') },
    { name: 'denied', text: sop('Management reviews are not exempt from FDA inspection.') },
    { name: 'said as history', text: sop('Under the QSR, internal audit reports were not subject to FDA inspection; that exception no longer applies.') },
    { name: 'no exception', text: sop('FDA may inspect supplier audit reports; there is no exception.') },
    { name: 'two of the three only', text: sop('Supplier audit reports are not shown to customers. FDA inspections are hosted by QA.') },
    { name: 'effective before the QMSR', text: sop('Internal audit reports are not subject to FDA inspection.').replace('effective_date: 2026-03-01', 'effective_date: 2025-01-10') },
    { name: 'run before the QMSR', text: sop('Internal audit reports are not subject to FDA inspection.'), today: '2026-01-15' },
    { name: 'obsolete', text: sop('Internal audit reports are not subject to FDA inspection.').replace('status: effective', 'status: obsolete') },
    { name: 'in code', text: sop('`audit reports are exempt from FDA inspection`') },
    { name: 'another paragraph of 820.180', text: sop('Records are kept as 21 CFR 820.180(b) required.') },
  ],
  invalid: [
    {
      name: 'one sentence pairs FDA inspection, an exemption and audit reports',
      text: sop('Reports of internal audits are confidential. Internal audit reports are not subject to FDA inspection.'),
      findings: [{ message: MESSAGE, line: LINE, column: 46, endColumn: 103, severity: 'warning' }],
    },
    {
      name: 'exempt, management review, the inspector',
      text: sop('Management review minutes are exempt from review by the FDA investigator.'),
      findings: [{ message: MESSAGE, line: LINE, column: 1 }],
    },
    {
      name: 'a citation of 820.180(c), once per sentence',
      text: sop('Per 21 CFR 820.180(c), supplier audit reports are withheld from FDA inspectors.\n\nSee also 21 CFR 820.180(c).'),
      findings: [
        { message: MESSAGE, line: LINE, column: 12, endColumn: 22 },
        { message: MESSAGE, line: LINE + 2, column: 17 },
      ],
    },
  ],
});
