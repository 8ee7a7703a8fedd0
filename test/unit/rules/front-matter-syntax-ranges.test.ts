// front-matter-syntax: where a YAML error's squiggle goes (server/src/core/yaml-error-range.ts).
// The yaml library notices an unclosed bracket or quote only on a later line; the finding must
// cover the opening bracket or quote through the end of its line, where the user has to look.
// Messages are the rule's (front-matter-syntax.test.ts); these cases check positions only.
import { testRule } from '../../rule-tester';

const fm = (...lines: string[]) => `---\n${lines.join('\n')}\n---\n\n# X\n`;

testRule('front-matter-syntax', {
  valid: [{ name: 'a closed flow sequence and a closed quote', text: fm('id: SOP-001', 'clauses: [4.2.3, 4.2.4]', 'title: "Control \\" of Documents"') }],
  invalid: [
    {
      name: 'an unclosed [ on line 8 covers the bracket through the end of line 8, not one character of line 9',
      text: fm('id: SOP-001', 'title: Control of Documents', 'type: SOP', 'revision: C', 'status: draft', 'owner: QA Manager', 'clauses: [4.2.3, 4.2.4', 'review_period_months: 12'),
      findings: [{ includes: 'Flow sequence in block collection', line: 8, column: 10, endLine: 8, endColumn: 23 }],
    },
    {
      name: 'an unclosed { covers the brace through the end of its line',
      text: fm('id: SOP-001', 'meta: {a: 1, b: 2', 'revision: C'),
      findings: [{ includes: 'Flow map in block collection', line: 3, column: 7, endLine: 3, endColumn: 18 }],
    },
    {
      name: 'an unclosed [ on the last line of the front matter',
      text: fm('id: SOP-001', 'clauses: [4.2.3, 4.2.4'),
      findings: [{ includes: 'Flow sequence', line: 3, column: 10, endLine: 3, endColumn: 23 }],
    },
    {
      name: 'nested unclosed brackets: each error on its own bracket',
      text: fm('id: SOP-001', 'clauses: [4.2.3, [4.2.4', 'x: 1'),
      findings: [
        { includes: 'Flow sequence', line: 3, column: 10, endLine: 3, endColumn: 24 },
        { includes: 'Flow sequence', line: 3, column: 18, endLine: 3, endColumn: 24 },
      ],
    },
    {
      name: 'an unclosed [ with CRLF line endings stops before the CR',
      text: '---\r\nid: SOP-001\r\nclauses: [4.2.3, 4.2.4\r\nx: 1\r\n---\r\n\r\n# X\r\n',
      findings: [{ includes: 'Flow sequence', line: 3, column: 10, endLine: 3, endColumn: 23 }],
    },
    {
      name: 'an unclosed quote covers the quote through the end of its line, not the end of the front matter',
      text: fm('id: SOP-001', 'title: "Control of Documents', 'revision: C'),
      findings: [{ includes: 'Missing closing "quote', line: 3, column: 8, endLine: 3, endColumn: 29 }],
    },
    {
      name: 'bad indentation: the range the library gives, from the value through the wrongly indented key',
      text: fm('id: SOP-001', 'title: X', '  revision: C'),
      findings: [
        { includes: 'Nested mappings are not allowed in compact mappings', line: 3, column: 8, endLine: 3, endColumn: 9 },
        { includes: 'Implicit keys need to be on a single line', line: 3, column: 8, endLine: 4, endColumn: 11 },
      ],
    },
    {
      name: 'a duplicate key covers the whole key',
      text: fm('id: SOP-001', 'title: X', 'title: Y'),
      findings: [{ includes: 'Map keys must be unique', line: 4, column: 1, endLine: 4, endColumn: 6 }],
    },
    {
      name: 'a tab used as indentation covers the tab',
      text: fm('id: SOP-001', 'owner:', '\tname: QA'),
      findings: [{ includes: 'Tabs are not allowed as indentation', line: 4, column: 1, endLine: 4, endColumn: 2 }],
    },
  ],
});
