// The document master list (core/master-list): the rows built from a real index (the engine run
// over files in memory) and each format's escaping of what a hostile repository can write.
import { describe, expect, it } from 'vitest';
import { ConfigResolver } from '../../server/src/core/config';
import { masterListFormatters } from '../../server/src/core/master-list';
import { MASTER_LIST_CSV_HEADER, formatMasterListCsv } from '../../server/src/core/master-list/csv';
import { MASTER_LIST_CSP, formatMasterListHtml } from '../../server/src/core/master-list/html';
import { formatMasterListJson } from '../../server/src/core/master-list/json';
import { formatMasterListMarkdown } from '../../server/src/core/master-list/markdown';
import { buildMasterList, idOrder, type MasterListRow } from '../../server/src/core/master-list/rows';
import { lint } from '../../server/src/core/project';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

/** The master list of files given as {relativePath: text} under /ws, as both doors build it. */
async function masterList(files: Record<string, string>): Promise<MasterListRow[]> {
  const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])));
  const md = Object.keys(files).filter((p) => p.endsWith('.md')).map((p) => `/ws/${p}`);
  const result = await lint({ workspace, files: md, root: '/ws', today: TODAY });
  return buildMasterList(result, '/ws', new ConfigResolver(workspace, '/ws'));
}

const doc = (front: string, body = '# Title\n') => `---\n${front}\n---\n\n${body}`;

const row = (over: Partial<MasterListRow> = {}): MasterListRow => ({
  id: 'SOP-001',
  title: 'Title',
  type: 'SOP',
  revision: 'A',
  status: 'effective',
  effectiveDate: '2026-01-01',
  owner: 'QA',
  nextReview: '2028-01-01',
  approvals: [{ role: 'approver', name: 'Lena Brandt', date: '2025-12-20' }],
  path: 'sops/sop-001.md',
  references: [],
  supersededBy: null,
  training: [],
  ...over,
});

describe('master list rows', () => {
  it('reads every column from front matter, with paths relative to the root', async () => {
    const [r] = await masterList({ 'sops/sop-001.md': CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2028-03-01\nreferences: [SOP-002]\ntraining: [Operators]') });
    expect(r).toEqual({
      id: 'SOP-001',
      title: 'Control of Documents',
      type: 'SOP',
      revision: 'C',
      status: 'effective',
      effectiveDate: '2026-03-01',
      owner: 'Quality Manager',
      nextReview: '2028-03-01',
      approvals: [
        { role: 'author', name: 'Dana Whitfield', date: '2026-02-10' },
        { role: 'reviewer', name: 'Omar Haddad', date: '2026-02-12' },
        { role: 'approver', name: 'Lena Brandt', date: '2026-02-14' },
      ],
      path: 'sops/sop-001.md',
      references: ['SOP-002'],
      supersededBy: null,
      training: ['Operators'],
    });
  });

  it('lists controlled documents only: an id, or a documents glob; a file with neither is not listed', async () => {
    const rows = await masterList({
      '.qmslint.yaml': 'documents: ["controlled/**"]\n',
      'controlled/notes.md': '# Line notes\n',
      'readme.md': '# Read me\n',
      'sop.md': doc('id: SOP-001'),
    });
    expect(rows.map((r) => [r.id, r.path, r.title])).toEqual([
      ['SOP-001', 'sop.md', 'Title'],
      [null, 'controlled/notes.md', 'Line notes'],
    ]);
    // Absent scalars are null, absent lists empty.
    expect(rows[1]).toMatchObject({ type: null, revision: null, status: null, owner: null, nextReview: null, approvals: [], references: [], supersededBy: null, training: [] });
  });

  it('says whether each superseded_by id is a document of the list', async () => {
    const rows = await masterList({
      'a.md': doc('id: SOP-001\nstatus: obsolete\nsuperseded_by: SOP-002'),
      'b.md': doc('id: SOP-002\nstatus: effective'),
      'c.md': doc('id: SOP-003\nstatus: obsolete\nsuperseded_by: [SOP-002, SOP-099]'),
    });
    expect(rows.map((r) => r.supersededBy)).toEqual([[{ id: 'SOP-002', exists: true }], null, [{ id: 'SOP-002', exists: true }, { id: 'SOP-099', exists: false }]]);
  });

  it('references: front matter as written, then text mentions with a prefix in use; not its own id, code, or other prefixes', async () => {
    const [r] = await masterList({
      'a.md': doc('id: SOP-001\nreferences: [WI-004, SOP-404]', 'Follow SOP-002 and WI-004 (see SOP-001). COVID-19 and UTF-8 are no documents. `SOP-003` is code.\n'),
      'b.md': doc('id: SOP-002'),
      'c.md': doc('id: WI-004'),
    });
    expect(r.references).toEqual(['WI-004', 'SOP-404', 'SOP-002']);
  });

  it('training: the document’s own roles, else its type’s default in its configuration', async () => {
    const rows = await masterList({
      '.qmslint.yaml': 'types:\n  SOP:\n    training: [Operators, QA]\n',
      'a.md': doc('id: SOP-001\ntype: SOP'),
      'b.md': doc('id: SOP-002\ntype: SOP\ntraining: [Engineers]'),
      'c.md': doc('id: WI-001\ntype: WI'),
    });
    expect(rows.map((r) => r.training)).toEqual([['Operators', 'QA'], ['Engineers'], []]);
  });

  it('nextReview: as written, else effective date plus the review period for a document in force', async () => {
    const rows = await masterList({
      '.qmslint.yaml': 'reviewPeriodMonths: 12\n',
      'a.md': doc('id: SOP-001\nstatus: effective\neffective_date: 2026-03-01'),
      'b.md': doc('id: SOP-002\nstatus: effective\neffective_date: 2026-03-01\nreview_period_months: 36'),
      'c.md': doc('id: SOP-003\nstatus: draft\neffective_date: 2026-03-01'),
      'd.md': doc('id: SOP-004\nstatus: effective\neffective_date: 2026-03-01\nnext_review: 2026-09-01'),
    });
    expect(rows.map((r) => r.nextReview)).toEqual(['2027-03-01', '2029-03-01', null, '2026-09-01']);
  });

  it('sorts by id with numbers compared as numbers, then documents without an id, ties by path', async () => {
    const rows = [
      row({ id: null, path: 'b.md' }),
      row({ id: 'SOP-10', path: 'x.md' }),
      row({ id: null, path: 'a.md' }),
      row({ id: 'SOP-9', path: 'z.md' }),
      row({ id: 'SOP-9', path: 'y.md' }),
      row({ id: 'SOP-009', path: 'w.md' }),
      row({ id: 'QM-1', path: 'q.md' }),
    ].sort(idOrder);
    expect(rows.map((r) => `${r.id}:${r.path}`)).toEqual(['QM-1:q.md', 'SOP-009:w.md', 'SOP-9:y.md', 'SOP-9:z.md', 'SOP-10:x.md', 'null:a.md', 'null:b.md']);
  });
});

describe('master list formats', () => {
  const hostile = row({
    id: 'SOP-001',
    title: '=HYPERLINK("http://example.invalid/?x","click"), more',
    owner: '+1 cell',
    revision: '-2',
    type: '@SUM(A1)',
    status: '\tlead tab',
    effectiveDate: '\rlead return',
    approvals: [{ role: '=approver', name: 'Ann "the" Smith', date: null }],
    references: ['SOP-002', 'WI-001'],
    supersededBy: [{ id: 'SOP-099', exists: false }],
    training: ['Line | A', 'QA\nnight shift'],
  });

  it('CSV: RFC 4180 quoting, CRLF lines, and formula-like cells kept as text', () => {
    const csv = formatMasterListCsv([hostile]);
    const [header, line, end] = csv.split('\r\n');
    expect(header).toBe(MASTER_LIST_CSV_HEADER.join(','));
    expect(end).toBe('');
    expect(line).toBe(
      [
        'SOP-001',
        `"'=HYPERLINK(""http://example.invalid/?x"",""click""), more"`,
        `'@SUM(A1)`,
        `'-2`,
        `'\tlead tab`,
        `"'\rlead return"`,
        `'+1 cell`,
        '2028-01-01',
        `"'=approver: Ann ""the"" Smith, no date"`,
        `"Line | A; QA\nnight shift"`,
        'SOP-002; WI-001',
        'SOP-099 (not in the workspace)',
        'sops/sop-001.md',
      ].join(','),
    );
  });

  it('Markdown: pipes and line breaks cannot make cells or rows; HTML and links are escaped', () => {
    const text = formatMasterListMarkdown([row({ title: 'A | B\nC <b>x</b> [l](u)', training: ['Line | A'] })]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('<!-- qmslint-disable-file -->');
    expect(lines[1]).toBe('# Document master list');
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(3);
    const cells = table[2].split(/(?<!\\)\|/).slice(1, -1);
    expect(cells).toHaveLength(13);
    expect(cells[1].trim()).toBe('A \\| B C \\<b\\>x\\</b\\> \\[l\\](u)');
    expect(cells[9].trim()).toBe('Line \\| A');
    expect(text).toContain('1 controlled document: 1 effective.');
  });

  it('HTML: one self-contained page, every value escaped, control characters shown', () => {
    const html = formatMasterListHtml([row({ title: '<script>alert(1)</script>', owner: 'a\u202eb', supersededBy: [{ id: 'SOP-"9"', exists: false }] })], '1.2.3');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('a\\u202eb');
    expect(html).toContain('SOP-&#34;9&#34; <span class="missing">(not in the workspace)</span>');
    expect(html).toContain(`content="${MASTER_LIST_CSP}"`);
    // Nothing is fetched: no URL in a src or href, no external style or script.
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('Generated by qmslint 1.2.3.');
  });

  it('JSON: an array of objects with exactly the documented keys, in order', () => {
    const parsed = JSON.parse(formatMasterListJson([hostile, row({ id: null })]));
    expect(Array.isArray(parsed)).toBe(true);
    for (const o of parsed) {
      expect(Object.keys(o)).toEqual(['id', 'title', 'type', 'revision', 'status', 'effectiveDate', 'owner', 'nextReview', 'approvals', 'path', 'references', 'supersededBy', 'training']);
    }
    expect(parsed[0].supersededBy).toEqual([{ id: 'SOP-099', exists: false }]);
    expect(parsed[1].id).toBeNull();
  });

  it('offers the formats the CLI and the editor name', () => {
    expect(Object.keys(masterListFormatters)).toEqual(['markdown', 'csv', 'json', 'html']);
  });
});
