// change-without-history, run alone by the RuleTester (test/rule-tester.ts) on small fixtures.
import { CLEAN_SOP } from '../../helpers';
import { testRule } from '../../rule-tester';

/** CLEAN_SOP raised to revision D, with `row` (if any) added to its history. */
const revisionD = (row = '') => CLEAN_SOP.replace('revision: C', 'revision: D') + row;

testRule('change-without-history', {
  valid: [
    { name: 'a new revision with its row', text: revisionD('| D | 2026-10-01 | Dana Whitfield | Records added to the scope |\n'), base: CLEAN_SOP },
    { name: 'the same revision', text: CLEAN_SOP, base: CLEAN_SOP },
  ],
  invalid: [
    {
      name: 'no row for the new revision',
      text: revisionD(),
      base: CLEAN_SOP,
      findings: [
        {
          message: 'Revision changed from C to D, but the history has no row for D (ISO 13485:2016 4.2.4 c)).',
          line: 5,
          column: 11,
          endColumn: 12,
          severity: 'error',
        },
      ],
    },
    {
      name: 'the new row predates the previous one (docs example)',
      text: revisionD('| D | 2026-01-05 | Dana Whitfield | Records added to the scope |\n'),
      base: CLEAN_SOP,
      findings: [{ message: 'The history row for D is dated before the previous newest row (ISO 13485:2016 4.2.4 c)).', includes: 'Revision D is dated 2026-01-05, the previous newest row (C) 2026-02-10', line: 30, column: 7, endColumn: 17 }],
    },
  ],
});
