import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../server/src/core/fixes';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';

const withBody = (line: string) => CLEAN_SOP.replace('## Revision History', `${line}\n\n## Revision History`);
const text = (t: string, f: { range: { start: number; end: number } }) => t.slice(f.range.start, f.range.end);

describe('clause-unknown', () => {
  it('reports a clause the standard does not have, with a did-you-mean and a fix', async () => {
    const doc = withBody('See ISO 13485:2016 clause 4.21 for the documentation requirements.');
    const [f, ...rest] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(rest).toEqual([]);
    expect(text(doc, f)).toBe('4.21');
    expect(f.message).toContain('Did you mean 4.2.1');
    const fixed = applyEdits(doc, f.fix!.edits);
    expect(fixed).toContain('ISO 13485:2016 clause 4.2.1 for');
    expect(findings(await lintFiles({ 'sop.md': fixed }), 'sop.md', 'clause-unknown')).toEqual([]);
  });

  it('offers no fix when several clauses are equally close', async () => {
    const doc = withBody('Design changes follow ISO 13485:2016 §7.3.11.');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown');
    expect(text(doc, f)).toBe('7.3.11');
    expect(f.fix).toBeUndefined();
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
