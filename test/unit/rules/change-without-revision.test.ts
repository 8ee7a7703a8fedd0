// change-without-revision, run alone by the RuleTester (test/rule-tester.ts) on small fixtures.
import { CLEAN_SOP } from '../../helpers';
import { testRule } from '../../rule-tester';

testRule('change-without-revision', {
  valid: [
    { name: 'unchanged', text: CLEAN_SOP, base: CLEAN_SOP },
    { name: 'new at the base: left to the document rules', text: CLEAN_SOP, base: null },
    { name: 'only change-control fields changed', text: CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2028-06-01'), base: CLEAN_SOP },
  ],
  invalid: [
    {
      name: 'the body changed, the revision did not (docs example)',
      text: CLEAN_SOP.replace('for all controlled documents.', 'for all documents.'),
      base: CLEAN_SOP,
      findings: [
        {
          message:
            'Content changed since the base, but the revision is still C (ISO 13485:2016 4.2.4 c)).',
          line: 5,
          column: 11,
          endColumn: 12,
          severity: 'error',
        },
      ],
    },
    {
      name: 'the revision went down',
      text: CLEAN_SOP.replace('revision: C', 'revision: B'),
      base: CLEAN_SOP,
      findings: [{ includes: 'Revision went back from C to B', line: 5, column: 11 }],
    },
  ],
});
