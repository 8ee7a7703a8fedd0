// Bump revision on the revision history tables people write: aligned or not,
// newest first or last, with or without an Author column, CRLF.
import { describe, expect, it } from 'vitest';
import { bumpRevision } from '../../server/src/core/bump';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { applyEdits } from '../../server/src/core/fixes';
import { CLEAN_SOP, TODAY, lintFiles, ruleIds } from '../helpers';

const doc = (text: string) => buildDocument('/ws/a.md', text, defaultConfig('/ws'), false);
const APPROVED = 'approved by author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12, approver Lena Brandt 2026-02-14';

function run(text: string, author?: string) {
  const r = bumpRevision(doc(text), { today: TODAY, ...(author !== undefined ? { author } : {}) });
  if (!r.ok) throw new Error(r.reason);
  return { out: applyEdits(text, r.fix.edits), changes: r.changes, edits: r.fix.edits };
}

/** CLEAN_SOP with its history table replaced. */
const withTable = (table: string) => CLEAN_SOP.replace(/\| Revision[\s\S]*$/, table);
const tableOf = (out: string) => out.slice(out.indexOf('## Revision History') + '## Revision History'.length).trim().split(/\r?\n/);

/** Every pipe in the same column on every line. */
function pipeColumns(line: string): string {
  return [...line].flatMap((c, i) => (c === '|' && line[i - 1] !== '\\' ? [i] : [])).join(',');
}

describe('bumpRevision: the new history row', () => {
  it('is a table row of its own, with the configured author; the approvals go into the row of the revision they approved', () => {
    const { out } = run(CLEAN_SOP, 'Ana Ruiz');
    expect(tableOf(out)).toEqual([
      '| Revision | Date | Author | Description |',
      '|---|---|---|---|',
      '| A | 2024-01-10 | Dana Whitfield | First issue |',
      '| B | 2025-02-01 | Dana Whitfield | Added electronic signatures |',
      `| C | 2026-02-10 | Dana Whitfield | Periodic review updates; ${APPROVED} |`,
      `| D | ${TODAY} | Ana Ruiz | <enter description of change> |`,
    ]);
  });

  it('writes a prompt for the author when none is configured, and escapes a pipe in the configured name', () => {
    expect(tableOf(run(CLEAN_SOP).out).pop()).toBe(`| D | ${TODAY} | <enter author> | <enter description of change> |`);
    expect(tableOf(run(CLEAN_SOP, '  ').out).pop()).toBe(`| D | ${TODAY} | <enter author> | <enter description of change> |`);
    expect(tableOf(run(CLEAN_SOP, 'R&D | QA').out).pop()).toBe(`| D | ${TODAY} | R&D \\| QA | <enter description of change> |`);
  });

  it('keeps an aligned table aligned, the longer record included', () => {
    const table = [
      '| Revision | Date       | Author         | Description                 |',
      '| -------- | ---------- | -------------- | --------------------------- |',
      '| A        | 2024-01-10 | Dana Whitfield | First issue                 |',
      '| B        | 2025-02-01 | Dana Whitfield | Added electronic signatures |',
      '| C        | 2026-02-10 | Dana Whitfield | Periodic review updates     |',
      '',
    ].join('\n');
    const lines = tableOf(run(withTable(table), 'Ana Ruiz').out);
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map(pipeColumns)).size).toBe(1);
    expect(lines[4]).toMatch(new RegExp(`^\\| C {8}\\| 2026-02-10 \\| Dana Whitfield \\| Periodic review updates; ${APPROVED} +\\|$`));
    expect(lines[5]).toMatch(new RegExp(`^\\| D {8}\\| ${TODAY} \\| Ana Ruiz {7}\\| <enter description of change> +\\|$`));
    expect(lines[1]).toMatch(/^\| -{8} \| -{10} \| -{14} \| -+ \|$/);
    // Only white space and dashes change in the rows that were there.
    expect(lines.slice(0, 4).map((l) => l.replace(/[\s-]+/g, ' '))).toEqual(table.split('\n').slice(0, 4).map((l) => l.replace(/[\s-]+/g, ' ')));
  });

  it('keeps an aligned newest-first table aligned, the new row on top, the record in the row below it', () => {
    const table = [
      '| Revision | Date       | Description                 |',
      '|:--------:|-----------:|-----------------------------|',
      '|    C     | 2026-02-10 | Periodic review updates     |',
      '|    B     | 2025-02-01 | Added electronic signatures |',
      '|    A     | 2024-01-10 | First issue                 |',
      '',
    ].join('\n');
    const lines = tableOf(run(withTable(table), 'Ana Ruiz').out);
    expect(new Set(lines.map(pipeColumns)).size).toBe(1);
    // Alignment colons stay, and say how the cells are padded; no Author column, so no author.
    expect(lines[1]).toMatch(/^\|:-+:\|-+:\|-+\|$/);
    expect(lines[2]).toMatch(new RegExp(`^\\| +D +\\| ${TODAY} \\| <enter description of change> +\\|$`));
    expect(lines[3]).toContain(`| Periodic review updates; ${APPROVED} |`);
    expect(lines[4]).toMatch(/^\| +B +\| 2025-02-01 \| Added electronic signatures +\|$/);
    expect(lines.join('\n')).not.toContain('Ana Ruiz');
  });

  it('adds to an unaligned newest-first table without touching the other rows', () => {
    const table = [
      '| Revision | Date | Author | Description |',
      '|---|---|---|---|',
      '| C | 2026-02-10 | Dana Whitfield | Periodic review updates. |',
      '| B | 2025-02-01 | Dana Whitfield | Added electronic signatures |',
      '| A | 2024-01-10 | Dana Whitfield | First issue |',
      '',
    ].join('\n');
    const { out, edits } = run(withTable(table), 'Ana Ruiz');
    expect(tableOf(out)).toEqual([
      '| Revision | Date | Author | Description |',
      '|---|---|---|---|',
      `| D | ${TODAY} | Ana Ruiz | <enter description of change> |`,
      `| C | 2026-02-10 | Dana Whitfield | Periodic review updates. ${APPROVED.replace('approved', 'Approved')} |`,
      '| B | 2025-02-01 | Dana Whitfield | Added electronic signatures |',
      '| A | 2024-01-10 | Dana Whitfield | First issue |',
    ]);
    // Insertions only, in the table: nothing of the other rows is rewritten.
    const tableStart = withTable(table).indexOf('| Revision');
    expect(edits.filter((e) => e.start >= tableStart).every((e) => e.start === e.end)).toBe(true);
  });

  it('fills an empty description cell of the previous row', () => {
    const { out } = run(CLEAN_SOP.replace('| Periodic review updates |', '|  |'));
    expect(out).toContain(`| C | 2026-02-10 | Dana Whitfield | Approved by author Dana Whitfield 2026-02-10,`);
  });

  it('keeps CRLF line breaks in an aligned table', () => {
    const table = [
      '| Revision | Date       | Author         | Description             |',
      '|----------|------------|----------------|-------------------------|',
      '| C        | 2026-02-10 | Dana Whitfield | Periodic review updates |',
      '',
    ].join('\r\n');
    const text = withTable(table).replace(/\r?\n/g, '\r\n');
    const { out } = run(text);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = tableOf(out);
    expect(new Set(lines.map(pipeColumns)).size).toBe(1);
    expect(lines[1]).toMatch(/^\|-{10}\|-{12}\|-{16}\|-+\|$/);
    expect(lines[3]).toMatch(new RegExp(`^\\| D {8}\\| ${TODAY} \\| <enter author> \\| <enter description of change> +\\|$`));
  });

  it('says what it changes, in words', () => {
    expect(run(CLEAN_SOP, 'Ana Ruiz').changes).toEqual([
      'revision C -> D',
      'status effective -> draft',
      'effective_date 2026-03-01 cleared (filled in when revision D is issued)',
      'approvals cleared (kept in the history row of C)',
      `new history row D, dated ${TODAY}, author Ana Ruiz`,
    ]);
    const noDescription = withTable('| Revision | Date | Author |\n|---|---|---|\n| C | 2026-02-10 | Dana Whitfield |\n');
    const { changes, out } = run(noDescription);
    expect(changes).toContain('approvals cleared (not kept: the history table has no description column)');
    expect(tableOf(out).pop()).toBe(`| D | ${TODAY} | <enter author> |`);
  });

  it('leaves a draft whose only findings are the prompts to fill in, for an aligned table too', async () => {
    const table = ['| Revision | Date       | Author         | Description             |', '| -------- | ---------- | -------------- | ----------------------- |', '| C        | 2026-02-10 | Dana Whitfield | Periodic review updates |', ''].join('\n');
    const result = await lintFiles({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 'a.md': run(withTable(table), 'Ana Ruiz').out });
    expect(ruleIds(result, 'a.md')).toEqual(['field-placeholder']);
  });
});

describe('bumpRevision: an indented history table', () => {
  it('indents the new row as the table', () => {
    const table = ['  | Revision | Date | Author | Description |', '  |---|---|---|---|', '  | C | 2026-02-10 | Dana Whitfield | Periodic review updates |', ''].join('\n');
    const lines = run(withTable(table), 'Ana Ruiz').out.trimEnd().split('\n');
    expect(lines.pop()).toBe(`  | D | ${TODAY} | Ana Ruiz | <enter description of change> |`);
    expect(lines.pop()).toBe(`  | C | 2026-02-10 | Dana Whitfield | Periodic review updates; ${APPROVED} |`);
  });
});
