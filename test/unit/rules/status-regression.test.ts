// status-regression, run alone by the RuleTester (test/rule-tester.ts) on small fixtures.
import { CLEAN_SOP } from '../../helpers';
import { testRule } from '../../rule-tester';

testRule('status-regression', {
  valid: [
    { name: 'effective to obsolete', text: CLEAN_SOP.replace('status: effective', 'status: obsolete'), base: CLEAN_SOP },
    { name: 'a new revision may start as draft (docs example)', text: CLEAN_SOP.replace('revision: C', 'revision: D').replace('status: effective', 'status: draft'), base: CLEAN_SOP },
  ],
  invalid: [
    {
      name: 'effective back to draft (docs example)',
      text: CLEAN_SOP.replace('status: effective', 'status: draft'),
      base: CLEAN_SOP,
      findings: [
        {
          message:
            'Status went from effective to draft under the same revision C (ISO 13485:2016 4.2.4 c)).',
          line: 6,
          column: 9,
          endColumn: 14,
          severity: 'error',
        },
      ],
    },
    {
      name: 'out of obsolete',
      text: CLEAN_SOP,
      base: CLEAN_SOP.replace('status: effective', 'status: obsolete'),
      findings: [{ message: 'Status went from obsolete to effective under the same revision C (ISO 13485:2016 4.2.4 h)).', includes: 'ISO 13485:2016 4.2.4 h) requires obsolete documents to be kept out of use.', line: 6, column: 9, endColumn: 18 }],
    },
    {
      name: 'effective back to approved',
      text: CLEAN_SOP.replace('status: effective', 'status: approved'),
      base: CLEAN_SOP,
      findings: [{ message: 'Status went from effective to approved under the same revision C (ISO 13485:2016 4.2.4 c)).', line: 6 }],
    },
  ],
});
