// change-approvals-carried, run alone by the RuleTester (test/rule-tester.ts) on small fixtures.
import { CLEAN_SOP } from '../../helpers';
import { testRule } from '../../rule-tester';

/** CLEAN_SOP as revision D with its history row, status `status`, and one more edit. */
const revisionD = (status: string, edit: (text: string) => string) =>
  edit(CLEAN_SOP.replace('revision: C', 'revision: D').replace('status: effective', `status: ${status}`)) + '| D | 2026-10-01 | Dana Whitfield | Wording |\n';
const bodyEdit = (text: string) => text.replace('for all controlled', 'for all the controlled');
/** The message: the problem and the clause it rests on. */
const CARRIED = 'Approvals of revision C carried to D, whose content changed (ISO 13485:2016 4.2.4 b)).';
/** The detail's tail: what the clause requires and the way out. */
const CARRIED_TAIL =
  'they approved the old text. ISO 13485:2016 4.2.4 b) requires changes to be reviewed and approved. Record the approvals of revision D, or set the status to draft or in-review until it is approved.';

testRule('change-approvals-carried', {
  valid: [
    { name: 'new approvals (docs example)', text: revisionD('effective', (t) => bodyEdit(t).replace(/2026-02-1([024])/g, '2026-10-1$1')), base: CLEAN_SOP },
    { name: 'in review may keep the old approvals', text: revisionD('in-review', bodyEdit), base: CLEAN_SOP },
  ],
  invalid: [
    {
      name: 'effective with the old approvals, body changed',
      text: revisionD('effective', bodyEdit),
      base: CLEAN_SOP,
      findings: [{ message: CARRIED, detail: `Revision D is effective with the approvals of revision C (same roles, names and dates), although the body from line 21 changed: ${CARRIED_TAIL}`, line: 10, column: 1, endColumn: 10, severity: 'warning' }],
    },
    {
      name: 'approved with the old approvals, a front matter field changed',
      text: revisionD('approved', (t) => t.replace('owner: Quality Manager', 'owner: Head of Quality')),
      base: CLEAN_SOP,
      findings: [{ message: CARRIED, detail: `Revision D is approved with the approvals of revision C (same roles, names and dates), although owner changed: ${CARRIED_TAIL}`, line: 10 }],
    },
  ],
});
