import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, applyFindingFixes } from '../../../server/src/core/fixes';
import { CLEAN_SOP, findings, lintFiles, tempWorkspace } from '../../helpers';
import { runCli } from '../../run-cli';
import { testRule } from '../../rule-tester';

const RULE = 'clause-heading-mismatch';
const withBody = (line: string) => CLEAN_SOP.replace('## Revision History', `${line}\n\n## Revision History`);
const text = (t: string, f: { range: { start: number; end: number } }) => t.slice(f.range.start, f.range.end);
const mismatches = async (line: string) => findings(await lintFiles({ 'sop.md': withBody(line) }), 'sop.md', RULE);

describe('clause-heading-mismatch', () => {
  it('reports a number cited with another clause heading, offering that clause as a suggestion, never a fix', async () => {
    const doc = withBody('Documents are controlled per ISO 13485:2016, 4.2.3 Control of documents.');
    const [f, ...rest] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', RULE);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(text(doc, f)).toBe('4.2.3');
    expect(f.message).toBe(
      '\'Control of documents\' is the heading of 4.2.4, not of ISO 13485:2016 4.2.3.',
    );
    expect(f.fix).toBeUndefined();
    expect(f.suggestions).toEqual([{ title: 'Change 4.2.3 to 4.2.4', edits: [{ start: f.range.start, end: f.range.end, text: '4.2.4' }] }]);
    const chosen = applyEdits(doc, f.suggestions![0].edits);
    expect(chosen).toContain('ISO 13485:2016, 4.2.4 Control of documents.');
    expect(findings(await lintFiles({ 'sop.md': chosen }), 'sop.md', RULE)).toEqual([]);
  });

  it('reads ISO 13485:2003 numbering for what it is: 7.3.2 was Design and development inputs', async () => {
    const [f] = await mismatches('- ISO 13485:2016 §7.3.2 Design and development inputs');
    expect(f.message).toContain('\'Design and development inputs\' is the heading of 7.3.3, not of ISO 13485:2016 7.3.2.');
    expect(f.suggestions![0].edits[0].text).toBe('7.3.3');
  });

  it.each([
    ['the right heading', 'ISO 13485:2016 4.2.4 Control of documents'],
    ['the right heading after a section sign', 'ISO 13485:2016 §7.3.3 Design and development inputs'],
    ['a parent clause with its heading', 'ISO 13485:2016 7.3 Design and development'],
    ['a parent with the start of a subclause heading', 'ISO 13485:2016 7.3 Design and development planning'],
    ['the start of the own heading', 'ISO 13485:2016 7.3.1 Design and development'],
    ['the heading of the enclosing clause', 'ISO 13485:2016 7.3.3 Design and development'],
    ['another standard with its own headings', 'ISO 9001:2015 7.5.3 Control of documented information'],
    ['the withdrawn edition whose numbering it is (clause-edition reports the edition)', 'ISO 13485:2003 4.2.3 Control of documents'],
    ['a near-miss heading', 'ISO 13485:2016, 4.2.3 Control of the documents'],
    ['a short common heading', 'ISO 13485:2016 4.2.3 Purchasing'],
    ['a procedure name covering two clauses', 'ISO 13485:2016 4.2.5 Control of documents and records'],
    ['a heading after a list', 'ISO 13485:2016 4.2.4, 4.2.5 Control of documents'],
    ['a heading after a comma', 'ISO 13485:2016 4.2.3, Control of documents'],
    ['case and punctuation aside', 'ISO 13485:2016 7.3.1 – DESIGN AND DEVELOPMENT: General'],
  ])('is clean for %s', async (_, line) => {
    expect(await mismatches(line)).toEqual([]);
  });

  it.each([
    ['a dash', 'ISO 13485:2016 4.2.3 – Control of documents'],
    ['a colon', 'ISO 13485:2016 4.2.3: Control of documents'],
    ['brackets and emphasis', 'ISO 13485:2016 4.2.3 (*Control of Documents*)'],
    ['quotes', 'ISO 13485:2016 clause 4.2.3 "Control of documents"'],
  ])('reads a heading past %s', async (_, line) => {
    const [f, ...rest] = await mismatches(line);
    expect(rest).toEqual([]);
    expect(f.suggestions![0].edits[0].text).toBe('4.2.4');
  });

  it('reads the heading from the next cell of a mapping table', async () => {
    const table = ['| ISO 13485:2016 Clause | Title | Procedure |', '|---|---|---|', '| 4.2.3 | Control of documents | SOP-001 |', '| 4.2.5 | Control of records | SOP-001 |'].join('\n');
    const doc = withBody(table);
    const fs = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', RULE);
    expect(fs.map((f) => text(doc, f))).toEqual(['4.2.3']);
    expect(fs[0].message).toContain("'Control of documents' is the heading of 4.2.4");
  });

  it('is not applied by --fix', async () => {
    const doc = withBody('Documents are controlled per ISO 13485:2016, 4.2.3 Control of documents.');
    const result = await lintFiles({ 'sop.md': doc });
    const fs = findings(result, 'sop.md', RULE);
    expect(fs).toHaveLength(1);
    expect(applyFindingFixes(doc, fs).applied).toEqual([]);

    const dir = tempWorkspace({ 'sop.md': doc });
    try {
      const run = runCli(['--fix', '--format', 'json', 'sop.md'], { cwd: dir });
      expect(readFileSync(join(dir, 'sop.md'), 'utf8')).toBe(doc);
      const report = JSON.parse(run.stdout) as { messages: { ruleId: string; suggestions?: unknown[] }[] }[];
      const m = report[0].messages.find((x) => x.ruleId === RULE);
      expect(m?.suggestions).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** CLEAN_SOP with one list item after its Purpose sentence. */
const withItem = (item: string) => CLEAN_SOP.replace('for all controlled documents.', `for all controlled documents.\n\n- ${item}\n`);

testRule('clause-heading-mismatch', {
  valid: [{ text: CLEAN_SOP }, { text: withItem('ISO 13485:2016, 4.2.4 Control of documents') }],
  invalid: [
    {
      name: 'the heading of the next clause (docs example)',
      text: withItem('ISO 13485:2016, 4.2.3 Control of documents'),
      findings: [
        {
          message: '\'Control of documents\' is the heading of 4.2.4, not of ISO 13485:2016 4.2.3.',
          line: 23,
          column: 19,
          endColumn: 24,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'design inputs cited as planning',
      text: withItem('ISO 13485:2016 §7.3.2 Design and development inputs'),
      findings: [
        {
          message: "'Design and development inputs' is the heading of 7.3.3, not of ISO 13485:2016 7.3.2.",
          detail: 'ISO 13485:2016 7.3.2 is Design and development planning (numbering of another edition?). Cite 7.3.3, or correct the heading.',
          line: 23,
        },
      ],
    },
  ],
});
