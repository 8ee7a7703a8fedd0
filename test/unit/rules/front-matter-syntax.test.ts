// front-matter-syntax, run alone by the RuleTester (test/rule-tester.ts) on small fixtures.
import { CLEAN_SOP } from '../../helpers';
import { testRule } from '../../rule-tester';

/** The message's tail: the clause the rule rests on. */
const ON = ' (ISO 13485:2016 4.2.4 e)).';
/** The detail's tail: the fix and what the clause requires. */
const WHY = " Fix the YAML so the document's identity can be read. ISO 13485:2016 4.2.4 e) requires documents to remain legible and readily identifiable.";

testRule('front-matter-syntax', {
  valid: [{ text: CLEAN_SOP }, { name: 'no front matter at all is front-matter-missing’s business', text: '# Notes\n' }],
  invalid: [
    {
      name: 'an unclosed quote (docs example)',
      text: '---\nid: SOP-001\ntitle: "Control of Documents\nrevision: C\n---\n\n# X\n',
      findings: [{ message: `Front matter is not valid YAML: Missing closing "quote${ON}`, detail: `Missing closing "quote.${WHY}`, line: 3, column: 8, endLine: 3, endColumn: 29, severity: 'error' }],
    },
    {
      name: 'a duplicate key',
      text: '---\nid: SOP-001\nid: SOP-002\n---\n\n# X\n',
      findings: [{ message: `Front matter is not valid YAML: Map keys must be unique${ON}`, detail: `Map keys must be unique.${WHY}`, line: 3, column: 1, endLine: 3, endColumn: 3 }],
    },
    {
      name: 'a list, not a mapping',
      text: '---\n- a\n- b\n---\n\n# X\n',
      findings: [{ message: `Front matter is not valid YAML${ON}`, detail: `Front matter must be a mapping of keys to values.${WHY}`, line: 2, column: 1, endLine: 3, endColumn: 4 }],
    },
  ],
});
