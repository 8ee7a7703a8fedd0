// qsr-term alone: the QSR's record names in a document under the QMSR, and what is not one.
import { describe, expect, it } from 'vitest';
import { CLEAN_SOP } from '../../helpers';
import { runRule, testRule } from '../../rule-tester';
import { ruleById } from '../../../server/src/core/rules';

const PURPOSE = 'for all controlled documents.\n';
/** The clean SOP (effective 2026-03-01) with `body` after its purpose. */
const sop = (body: string, base = CLEAN_SOP) => base.replace(PURPOSE, `${PURPOSE}\n${body}\n`);
const effective = (date: string, body: string) => sop(body).replace('effective_date: 2026-03-01', `effective_date: ${date}`);
/** Line of the body paragraph in sop(). */
const LINE = 23;

testRule('qsr-term', {
  valid: [
    { name: 'a clean SOP', text: CLEAN_SOP },
    { name: 'ISO 13485 names', text: sop('The design and development file and the medical device file are kept by QA.') },
    { name: 'effective before the QMSR: written under the QSR', text: effective('2025-06-01', 'Design records are filed in the DHF.') },
    { name: 'effective on 2026-02-02 but run before it', text: effective('2026-02-02', 'Design records are filed in the DHF.'), today: '2026-02-01' },
    { name: 'obsolete', text: sop('Design records are filed in the DHF.').replace('status: effective', 'status: obsolete') },
    { name: 'code, a code block and a link destination', text: sop('Run `export DHF` and see [the index](https://example.com/DHF/index).\n\n```\nDMR = load()\n```') },
    { name: 'part of an identifier or a longer word, and lower case', text: sop('Form DHF-001 and DHR_2 are in dhf/ and DMRX; the file is dhf.md.') },
    { name: 'said as history', text: sop('Design records were formerly filed in the DHF.') },
    { name: 'said as history, with the new name', text: sop('The design and development file (formerly the DHF) is kept by QA.') },
    { name: 'renamed in the revision history', text: CLEAN_SOP.replace('| C | 2026-02-10 | Dana Whitfield | Periodic review updates |', '| C | 2026-02-10 | Dana Whitfield | Renamed the DHF |') },
    { name: 'a row of the history table without a history word', text: CLEAN_SOP.replace('| C | 2026-02-10 | Dana Whitfield | Periodic review updates |', '| C | 2026-02-10 | Dana Whitfield | DHF index added |') },
    {
      name: 'the document says once which ISO 13485 record its DHF is',
      text: sop('Our DHF is the design and development file of ISO 13485:2016 7.3.10.\n\nDesign records are filed in the DHF.'),
    },
    { name: 'an abbreviation the document defines as something else', text: sop('The Department of Human Resources (DHR) keeps training files. The DHR signs them.') },
    { name: 'in an HTML comment', text: sop('<!-- DHF index to be added -->') },
  ],
  invalid: [
    {
      name: 'the three abbreviations',
      text: sop('Design records are filed in the DHF.\n\nThe DMR lists the specifications; each batch has a DHR.'),
      findings: [
        { message: 'DHF is a QSR term: ISO 13485:2016 7.3.10 calls it the design and development file.', line: LINE, column: 33, endColumn: 36 },
        { message: 'DMR is a QSR term: ISO 13485:2016 4.2.3 calls it the medical device file.', line: LINE + 2, column: 5 },
        { message: 'DHR is a QSR term: ISO 13485:2016 7.5.1 asks for a record of each device or batch.', line: LINE + 2, column: 52, severity: 'warning' },
      ],
    },
    {
      name: 'spelled out with its abbreviation: one finding, with a rename suggestion',
      text: sop('A Design History File (DHF) is opened for each project.'),
      findings: [{ message: 'DHF is a QSR term: ISO 13485:2016 7.3.10 calls it the design and development file.', line: LINE, column: 3, endColumn: 28 }],
    },
    {
      name: 'plural and possessive',
      text: sop("Device master records are approved.\n\nThe DHF's index is kept."),
      findings: [
        { includes: 'DMR is a QSR term', line: LINE, column: 1, endColumn: 22 },
        { includes: 'DHF is a QSR term', line: LINE + 2, column: 5, endColumn: 10 },
      ],
    },
    {
      name: 'one finding per term and line: a glossary row',
      text: sop('| Term | Meaning |\n|---|---|\n| DHF | Design History File |'),
      findings: [{ includes: 'DHF is a QSR term', line: LINE + 2, column: 3 }],
    },
    {
      name: 'a document with no effective date (a draft) is read as current',
      text: sop('Design records are filed in the DHF.').replace('effective_date: 2026-03-01\n', ''),
      findings: [{ includes: 'DHF is a QSR term', line: LINE - 1 }],
    },
    {
      name: 'the mapping of one term does not map another',
      text: sop('Our DHF is the design and development file (ISO 13485:2016 7.3.10). The DMR is kept by production.'),
      findings: [{ includes: 'DMR is a QSR term', line: LINE }],
    },
    {
      name: 'in a heading and a table cell',
      text: sop('### Device History Record\n\n| Record | Kept |\n|---|---|\n| DHR | 10 years |'),
      findings: [
        { includes: 'DHR is a QSR term', line: LINE, column: 5, endColumn: 26 },
        { includes: 'DHR is a QSR term', line: LINE + 4 },
      ],
    },
  ],
});

describe('qsr-term suggestions', () => {
  it('offers the ISO 13485 name for the spelled-out DHF and DMR, never a fix, and nothing for the DHR', async () => {
    const rule = ruleById('qsr-term')!;
    const text = sop('A Design History File (DHF) is opened. The device master records are approved. Each Device History Record is signed.');
    const found = await runRule(rule, { text });
    expect(found.map((f) => f.fix)).toEqual([undefined, undefined, undefined]);
    const edits = found.map((f) => f.suggestions?.map((s) => s.edits.map((e) => [text.slice(e.start, e.end), e.text])));
    expect(edits).toEqual([[[['Design History File', 'Design and Development File']]], [[['device master records', 'medical device files']]], undefined]);
  });
});
