import { describe, expect, it } from 'vitest';
import { bumpRevision } from '../../server/src/core/bump';
import { historyDirection } from '../../server/src/core/history-table';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { applyEdits } from '../../server/src/core/fixes';
import { CLEAN_SOP, TODAY, lintFiles, ruleIds } from '../helpers';

const doc = (text: string) => buildDocument('/ws/a.md', text, defaultConfig('/ws'), false);

function bump(text: string, options: Partial<Parameters<typeof bumpRevision>[1]> = {}): string {
  const r = bumpRevision(doc(text), { today: TODAY, ...options });
  if (!r.ok) throw new Error(r.reason);
  return applyEdits(text, r.fix.edits);
}

describe('bumpRevision', () => {
  it('opens the next revision: history row, draft, new approval round, old round kept in the history', () => {
    const out = bump(CLEAN_SOP);
    expect(out).toContain('revision: D\nstatus: draft\n');
    expect(out).toContain('approvals: []\nnext_review: 2028-03-01');
    expect(out).not.toContain('{role: author');
    expect(out).toContain('| C | 2026-02-10 | Dana Whitfield | Periodic review updates; approved by author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12, approver Lena Brandt 2026-02-14 |');
    expect(out.trimEnd().endsWith(`| D | ${TODAY} | <enter author> | <enter description of change> |`)).toBe(true);
    // The new revision is not in force: effective_date becomes a prompt; next_review stays for the approver to set at issue.
    expect(out).toContain('effective_date: <enter effective date>\n');
    expect(out).toContain('next_review: 2028-03-01');
  });

  it('leaves a document the engine accepts as a draft, except the prompts to fill in', async () => {
    const result = await lintFiles({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 'a.md': bump(CLEAN_SOP) });
    expect(ruleIds(result, 'a.md')).toEqual(['field-placeholder']);
  });

  it('puts the new row at the top of a newest-first table', () => {
    const text = CLEAN_SOP.replace(
      /\| A \|.*\n\| B \|.*\n\| C \|.*\n/,
      '| C | 2026-02-10 | Dana Whitfield | Periodic review updates |\n| B | 2025-02-01 | Dana Whitfield | Added electronic signatures |\n| A | 2024-01-10 | Dana Whitfield | First issue |\n',
    );
    expect(historyDirection(doc(text).history!)).toBe(-1);
    const out = bump(text);
    expect(out).toContain(`|---|---|---|---|\n| D | ${TODAY} | <enter author> | <enter description of change> |\n| C | 2026-02-10`);
  });

  it.each([
    ['3', '4'],
    ['09', '10'],
    ['1.4', '1.5'],
    ['Z', 'AA'],
    ['"C"', '"D"'],
  ])('revision %s becomes %s, in its own scheme and quoting', (from, to) => {
    const plain = from.replace(/"/g, '');
    const text = CLEAN_SOP.replace('revision: C', `revision: ${from}`).replace('| C | 2026-02-10', `| ${plain} | 2026-02-10`);
    const out = bump(text);
    expect(out).toContain(`revision: ${to}\n`);
    expect(out).toContain(`| ${to.replace(/"/g, '')} | ${TODAY} |`);
  });

  it('dotted revisions can take a major step', () => {
    const text = CLEAN_SOP.replace('revision: C', 'revision: 1.4').replace('| C | 2026-02-10', '| 1.4 | 2026-02-10');
    expect(bump(text, { major: true })).toContain('revision: 2.0\n');
  });

  it('keeps CRLF line breaks, a BOM and tables without outer pipes', () => {
    const text = '\uFEFF' + CLEAN_SOP.replace(/\| (.*) \|\n/g, '$1\n').replace(/\n/g, '\r\n');
    const out = bump(text);
    expect(out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(out).toContain('revision: D\r\n');
    expect(out).toContain(`\r\nD | ${TODAY} | <enter author> | <enter description of change>`);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds a status, a history table or a whole section when the document has none', () => {
    const noStatus = CLEAN_SOP.replace('status: effective\n', '');
    expect(bump(noStatus)).toContain('status: draft\n---');
    const noTable = CLEAN_SOP.replace(/\| Revision[\s\S]*$/, '');
    expect(bump(noTable)).toContain(`## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n| D | ${TODAY} | <enter author> | <enter description of change> (revision C was approved by author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12, approver Lena Brandt 2026-02-14) |`);
    const noSection = CLEAN_SOP.replace(/## Revision History[\s\S]*$/, '');
    const out = bump(noSection, { historyHeading: 'Change Log' });
    expect(out).toContain(`## Change Log\n\n| Revision | Date | Author | Description |`);
  });

  it('says why it cannot bump', () => {
    expect(bumpRevision(doc('# no front matter\n'), { today: TODAY })).toMatchObject({ ok: false });
    expect(bumpRevision(doc(CLEAN_SOP.replace('revision: C', 'revision: draft-x')), { today: TODAY })).toMatchObject({ ok: false, reason: expect.stringContaining('draft-x') });
  });
});
