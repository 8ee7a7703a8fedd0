import { describe, expect, it } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

const broken = (extra: string) => CLEAN_SOP.replace('## Revision History', `${extra}\n\n## Revision History`);

describe('suppressions', () => {
  const line = 'See ISO 13485:2016 clause 4.21 here.';

  it('reports the finding without a directive', async () => {
    expect(findings(await lintFiles({ 's.md': broken(line) }), 's.md', 'clause-unknown')).toHaveLength(1);
  });

  it.each([
    ['disable-next-line', `<!-- qmslint-disable-next-line clause-unknown -->\n${line}`],
    ['disable-line', `${line} <!-- qmslint-disable-line clause-unknown -->`],
    ['disable-file', `<!-- qmslint-disable-file clause-unknown -->\n\n${line}`],
    ['disable ... enable', `<!-- qmslint-disable clause-unknown -->\n\n${line}\n\n<!-- qmslint-enable clause-unknown -->`],
    ['disable of all rules', `<!-- qmslint-disable -->\n\n${line}`],
  ])('honours %s', async (_, text) => {
    expect(findings(await lintFiles({ 's.md': broken(text) }), 's.md', 'clause-unknown')).toEqual([]);
  });

  it('re-enables after qmslint-enable and only for the named rules', async () => {
    const text = broken(`<!-- qmslint-disable clause-unknown -->\n\nx\n\n<!-- qmslint-enable clause-unknown -->\n\n${line}`);
    expect(findings(await lintFiles({ 's.md': text }), 's.md', 'clause-unknown')).toHaveLength(1);
    const other = broken(`<!-- qmslint-disable-next-line link-broken -->\n${line}`);
    expect(findings(await lintFiles({ 's.md': other }), 's.md', 'clause-unknown')).toHaveLength(1);
  });

  it('honours a YAML comment inside front matter', async () => {
    const doc = CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager\ndepartment: TBD');
    expect(findings(await lintFiles({ 's.md': doc }), 's.md', 'field-placeholder')).toHaveLength(1);
    const suppressed = CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager\n# qmslint-disable-next-line field-placeholder\ndepartment: TBD');
    expect(findings(await lintFiles({ 's.md': suppressed }), 's.md', 'field-placeholder')).toEqual([]);
  });

  it('reads a reason after two dashes as words for readers, not rule names', async () => {
    for (const text of [
      `<!-- qmslint-disable-next-line clause-unknown -- the clause is from the customer's own numbering -->\n${line}`,
      `${line} <!-- qmslint-disable-line clause-unknown --- see CAPA-12 -->`,
    ]) {
      const result = await lintFiles({ 's.md': broken(text) });
      expect(findings(result, 's.md', 'clause-unknown'), text).toEqual([]);
      expect(findings(result, 's.md', 'suppression-unknown-rule'), text).toEqual([]);
    }
    // A name after the reason is part of the reason.
    const after = broken(`<!-- qmslint-disable-next-line link-broken -- and clause-unknown -->\n${line}`);
    expect(findings(await lintFiles({ 's.md': after }), 's.md', 'clause-unknown')).toHaveLength(1);
    // A name that merely contains dashes is still a name.
    const dashes = broken(`<!-- qmslint-disable-next-line clause--unknown -->\n${line}`);
    expect(findings(await lintFiles({ 's.md': dashes }), 's.md', 'suppression-unknown-rule')).toHaveLength(1);
  });

  it('ignores directives inside code', async () => {
    const text = broken(`\`<!-- qmslint-disable-file clause-unknown -->\`\n\n${line}`);
    expect(findings(await lintFiles({ 's.md': text }), 's.md', 'clause-unknown')).toHaveLength(1);
  });
});
