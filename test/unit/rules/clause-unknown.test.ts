import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../server/src/core/fixes';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

const withBody = (line: string) => CLEAN_SOP.replace('## Revision History', `${line}\n\n## Revision History`);
const text = (t: string, f: { range: { start: number; end: number } }) => t.slice(f.range.start, f.range.end);
/** The text an edit replaces. */
const replaced = (t: string, e: { start: number; end: number }) => t.slice(e.start, e.end);

describe('clause-unknown', () => {
  it('reports a clause the standard does not have, with a did-you-mean offered as a suggestion, never a fix', async () => {
    const doc = withBody('See ISO 13485:2016 clause 4.21 for the documentation requirements.');
    const [f, ...rest] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(rest).toEqual([]);
    expect(text(doc, f)).toBe('4.21');
    expect(f.message).toBe('ISO 13485:2016 has no clause 4.21.');
    expect(f.detail).toContain('Did you mean 4.2.1');
    // Another clause number changes what the document claims: --fix must never pick it.
    expect(f.fix).toBeUndefined();
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Change 4.21 to 4.2.1']);
    const chosen = applyEdits(doc, f.suggestions![0].edits);
    expect(chosen).toContain('ISO 13485:2016 clause 4.2.1 for');
    expect(findings(await lintFiles({ 'sop.md': chosen }), 'sop.md', 'clause-unknown')).toEqual([]);
  });

  it('suggests every candidate when several clauses are equally close, in the order the message names them', async () => {
    const doc = withBody('Design changes follow ISO 13485:2016 §7.3.11.');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(text(doc, f)).toBe('7.3.11');
    expect(f.fix).toBeUndefined();
    const ids = f.suggestions!.map((s) => s.edits[0].text);
    expect(ids.length).toBeGreaterThan(1);
    expect(f.message).toBe('ISO 13485:2016 has no clause 7.3.11.');
    expect(f.detail).toContain('Did you mean');
    expect(f.detail!.match(/\d+(?:\.\d+)+(?= \()/g)).toEqual(ids);
    for (const s of f.suggestions!) {
      expect(s.title).toBe(`Change 7.3.11 to ${s.edits[0].text}`);
      expect(s.edits).toHaveLength(1);
      expect(replaced(doc, s.edits[0])).toBe('7.3.11');
    }
  });

  it('offers no suggestion when no clause is close', async () => {
    const doc = withBody('As ISO 13485:2016 §99.99.99 requires.');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(f.message).toBe('ISO 13485:2016 has no clause 99.99.99.');
    expect(f.detail).toContain('Check the number against the standard');
    expect(f.fix).toBeUndefined();
    expect(f.suggestions).toBeUndefined();
  });

  it('moves suggestion edits past a byte order mark, as it moves fixes', async () => {
    const doc = '\ufeff' + withBody('See ISO 13485:2016 clause 4.21 for the documentation requirements.');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(text(doc, f)).toBe('4.21');
    expect(replaced(doc, f.suggestions![0].edits[0])).toBe('4.21');
    expect(applyEdits(doc, f.suggestions![0].edits)).toContain('clause 4.2.1 for');
  });

  it('checks standard-less citations against the document standard', async () => {
    const doc = withBody('As §9.9.9 requires.').replace('clauses: ["4.2.4"]', 'clauses: ["4.2.4"]\nstandard: iso9001:2015');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(f.message).toContain('ISO 9001:2015 has no clause 9.9.9');
  });

  it('reports an item the clause does not have', async () => {
    const doc = withBody('Approval follows ISO 13485:2016 4.2.4 z).');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(f.message).toMatch(/4\.2\.4 has no item z\)/);
  });

  it('stays silent on existing clauses, unknown standards, withdrawn editions and code', async () => {
    const doc = withBody(
      [
        'See ISO 13485:2016 7.3.2, 7.5.9.1 and 4.2.4 a), ISO 9001:2015 8.5.1, 21 CFR 820.10(c).',
        'ISO 14155:2020 clause 99.1 is another standard; ISO 13485:2003 7.5.9.9 is an old edition.',
        '`ISO 13485:2016 4.21` in code does not count.',
      ].join('\n'),
    );
    expect(findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown')).toEqual([]);
  });
});

testRule('clause-unknown', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'a dot lost: one suggestion (docs example)',
      text: CLEAN_SOP.replace('§4.2.4 for all', '§4.21 for all'),
      findings: [{ message: 'ISO 13485:2016 has no clause 4.21.', line: 21, column: 43, endColumn: 47, severity: 'error' }],
    },
    {
      name: 'a clause past the last: every close candidate',
      text: CLEAN_SOP.replace('for all controlled documents.', 'for all controlled documents, and ISO 13485:2016 §8.5.4.'),
      findings: [{ message: 'ISO 13485:2016 has no clause 8.5.4.', line: 21, column: 99, endColumn: 104 }],
    },
  ],
});
