// The bundled language server, spoken to over stdio as an editor would.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionItemTag } from 'vscode-languageserver-protocol';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentLink,
  Hover,
  Location,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../server/src/core/project';
import { applyEdits } from '../../server/src/core/fixes';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { TODAY, TestClient, applyLspEdits, tempCopy, uriOf } from './client';

const SOP1 = 'sops/sop-001-control-of-documents.md';
const SOP2 = 'sops/sop-002-control-of-records.md';
const SOP3 = 'sops/sop-003-corrective-and-preventive-action.md';
const SOP5 = 'sops/sop-005-training-and-competence.md';

/** Position of the `nth` occurrence of `needle` in a text, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const rulesOf = (items: Diagnostic[]) => [...new Set(items.map((d) => String(d.code)))].sort();

describe('language server over stdio', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const read = (rel: string) => readFileSync(file(rel), 'utf8');

  beforeAll(async () => {
    dir = tempCopy('examples');
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    expect(caps.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: true });
    expect(caps.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'source.qmslint.bumpRevision']) });
    expect(caps.completionProvider?.triggerCharacters).toContain(':');
    expect(caps).toMatchObject({ hoverProvider: true, definitionProvider: true, referencesProvider: true, workspaceSymbolProvider: true });
    expect(caps.documentLinkProvider).toBeDefined();
    expect(client.initializeResult.serverInfo?.name).toBe('qmslint');
  });

  it.each([
    [SOP1, []],
    [SOP2, []],
    [SOP3, ['clause-edition', 'clause-unknown', 'doc-reference-unresolved', 'revision-mismatch']],
    [SOP5, ['approval-missing', 'clause-edition', 'field-missing', 'link-broken']],
    ['sops/sop-004-internal-audit.md', []],
    ['sops/sop-007-management-review.md', []],
    ['manual/qm-001-quality-manual.md', []],
    ['forms/frm-001-capa-request.md', []],
    ['work-instructions/wi-001-label-inspection.md', []],
    ['imported/sop-006-purchasing.md', ['front-matter-missing']],
  ])('diagnostics for the example %s', async (rel, expected) => {
    await client.open(file(rel));
    const items = await client.pull(file(rel));
    expect(rulesOf(items)).toEqual(expected);
    for (const d of items) expect(d.source).toBe('qmslint');
    await client.close(file(rel));
  });

  it('maps severities and keeps the engine fix in the diagnostic data', async () => {
    const items = await client.pull(file(SOP3));
    const mismatch = items.find((d) => d.code === 'revision-mismatch')!;
    expect(mismatch.severity).toBe(1);
    expect(mismatch.range.start.line).toBe(4);
    expect((mismatch.data as { fix?: { title: string } }).fix?.title).toBe('Set revision to E');
    expect(items.find((d) => d.code === 'clause-edition')!.severity).toBe(2);
  });

  it('offers every core fix as a quick fix that yields the engine-fixed text', async () => {
    const result = await lint({ workspace: new DiskWorkspace(), files: [file(SOP3), file(SOP5), file('imported/sop-006-purchasing.md')], root: dir, today: TODAY });
    let checked = 0;
    for (const rel of [SOP3, SOP5, 'imported/sop-006-purchasing.md']) {
      const text = read(rel);
      const uri = await client.open(file(rel), text);
      const items = await client.pull(file(rel));
      for (const d of items.filter((x) => (x.data as { fix?: unknown }).fix)) {
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
        const title = (d.data as { fix: { title: string } }).fix.title;
        const action = actions.find((a) => a.title === title);
        expect(action, title).toBeDefined();
        expect(action!.isPreferred).toBe(true);
        const fixed = applyLspEdits(text, action!.edit!.changes![uri]);
        const finding = result.files.find((f) => f.path === file(rel))!.findings.find((f) => f.message === d.message)!;
        expect(fixed).toBe(applyEdits(text, finding.fix!.edits));
        // The fixed buffer no longer has that finding.
        await client.change(file(rel), fixed);
        expect((await client.pull(file(rel))).map((x) => x.message)).not.toContain(d.message);
        await client.change(file(rel), text);
        checked++;
      }
      await client.close(file(rel));
    }
    // revision-mismatch (SOP3), clause-edition's publisher (SOP5), front-matter-missing, and SOP3's
    // withdrawn ISO 13485:2003, 8.5.3 (a fix: 8.5.3 keeps its number in 2016, transition table).
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('disables a rule on one line with an HTML comment in the body, a YAML comment in front matter, and in the whole file', async () => {
    const text = read(SOP5);
    const uri = await client.open(file(SOP5), text);
    const items = await client.pull(file(SOP5));
    for (const rule of ['field-missing', 'clause-edition', 'link-broken']) {
      const d = items.find((x) => x.code === rule)!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      for (const title of [`Disable ${rule} on this line`, `Disable ${rule} in this file`]) {
        const action = actions.find((a) => a.title === title)!;
        expect(action, title).toBeDefined();
        const edited = applyLspEdits(text, action.edit!.changes![uri]);
        if (rule === 'field-missing' && title.includes('line')) expect(edited).toContain(`# qmslint-disable-next-line field-missing\nowner:`);
        else if (title.includes('line')) expect(edited).toContain(`<!-- qmslint-disable-line ${rule} -->`);
        else expect(edited).toContain(`---\n<!-- qmslint-disable-file ${rule} -->\n`);
        await client.change(file(SOP5), edited);
        const after = await client.pull(file(SOP5));
        expect(after.filter((x) => x.code === rule && x.range.start.line === (title.includes('line') ? d.range.start.line + (edited.split('\n').length - text.split('\n').length) : x.range.start.line))).toEqual([]);
        expect(after.length).toBeGreaterThan(0); // the other rules still report
        await client.change(file(SOP5), text);
      }
    }
    await client.close(file(SOP5));
  });

  it('bumps the revision: next revision, history row dated today, draft, new approval round, old approvals kept in the history', async () => {
    const text = read(SOP1);
    const uri = await client.open(file(SOP1), text);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    });
    const bump = actions.find((a) => a.kind === 'source.qmslint.bumpRevision')!;
    expect(bump.title).toBe('Bump revision (C -> D)');
    const bumped = applyLspEdits(text, bump.edit!.changes![uri]);
    expect(bumped).toContain('revision: D\n');
    expect(bumped).toContain('status: draft\n');
    expect(bumped).toContain('approvals: []\nnext_review');
    expect(bumped).toContain(`| D | ${TODAY} | <enter author> | <enter description of change> |`);
    expect(bumped).toContain('for the QMSR. Approved by author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12, approver Lena Brandt 2026-02-14 |');
    await client.change(file(SOP1), bumped);
    const rules = rulesOf(await client.pull(file(SOP1)));
    expect(rules).not.toContain('revision-mismatch');
    expect(rules).toEqual(['field-placeholder']); // the prompts to fill in: author, description, effective date
    await client.close(file(SOP1));
  });

  describe('completion', () => {
    const complete = async (rel: string, text: string, position: { line: number; character: number }) => {
      const uri = await client.open(file(rel), text);
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
      await client.close(file(rel));
      return items;
    };

    it('front matter keys, status and type values', async () => {
      const text = read(SOP1).replace('owner: Quality Manager\n', 'owner: Quality Manager\nsu\n').replace('status: effective', 'status: ');
      const keys = await complete(SOP1, text, positionOf(text, '\nsu\n', 3));
      expect(keys.map((i) => i.label)).toContain('superseded_by');
      expect(keys.map((i) => i.label)).not.toContain('title');
      const statuses = await complete(SOP1, text, positionOf(text, 'status: ', 8));
      expect(statuses.map((i) => i.label)).toEqual(['draft', 'in-review', 'approved', 'effective', 'obsolete']);
      const types = await complete(SOP1, text, positionOf(text, 'type: SOP', 6));
      expect(types.map((i) => i.label)).toEqual(expect.arrayContaining(['SOP', 'WI', 'FRM']));
    });

    it('approval roles, standards, clause ids with headings and document ids', async () => {
      const text = read(SOP1)
        .replace('  - {role: approver, name: Lena Brandt, date: 2026-02-14}', '  - {role: approver, name: Lena Brandt, date: 2026-02-14}\n  - {role: ')
        .replace('clauses: ["4.2.4"]', 'clauses: ["4.2.4", "7.3.')
        .replace('references: [QM-001, SOP-002, SOP-005]', 'references: [QM-001, ')
        .replace('owner: Quality Manager\n', 'owner: Quality Manager\nstandard: \n');
      const roles = await complete(SOP1, text, positionOf(text, '- {role: ', 9, 3));
      expect(roles.map((i) => i.label)).toEqual(expect.arrayContaining(['author', 'reviewer', 'approver']));
      const standards = await complete(SOP1, text, positionOf(text, 'standard: ', 10));
      expect(standards.map((i) => i.label)).toEqual(expect.arrayContaining(['iso13485:2016', 'iso9001:2015', '21cfr820']));
      const clauses = await complete(SOP1, text, positionOf(text, '"7.3.', 5));
      expect(clauses.map((i) => i.label)).toContain('7.3.2');
      expect(clauses.every((i) => i.label.startsWith('7.3.'))).toBe(true);
      expect(clauses.find((i) => i.label === '7.3.2')!.detail).toBe('Design and development planning');
      const refs = await complete(SOP1, text, positionOf(text, 'references: [QM-001, ', 21));
      const sop2 = refs.find((i) => i.label === 'SOP-002')!;
      expect(sop2.detail).toBe('Control of Records (rev B, effective)');
      expect(refs.map((i) => i.label)).not.toContain('SOP-001');
    });

    it('clause numbers after a standard name, §, clause or para., and document ids in the body', async () => {
      const base = read(SOP1);
      const cases: [string, string, string][] = [
        ['ISO 9001:2015 8.5', 'ISO 9001:2015 8.5', '8.5.1'],
        ['per ISO 13485:2016 §7.3', 'ISO 13485:2016 §7.3', '7.3.2'],
        ['see clause 8.2', 'clause 8.2', '8.2.2'],
        ['see para. 4.2', 'para. 4.2', '4.2.4'],
        ['under 21 CFR 820.3', '21 CFR 820.3', '820.35'],
      ];
      for (const [line, needle, expected] of cases) {
        const text = base.replace('## Scope', `${line}\n\n## Scope`);
        const items = await complete(SOP1, text, positionOf(text, needle, needle.length));
        expect(items.map((i) => i.label), line).toContain(expected);
      }
      const text = base.replace('## Scope', 'Records go to SOP-00\n\n## Scope');
      const ids = await complete(SOP1, text, positionOf(text, 'SOP-00\n', 6));
      expect(ids.map((i) => i.label)).toEqual(expect.arrayContaining(['SOP-002', 'SOP-003']));
      expect(ids.find((i) => i.label === 'SOP-002')!.detail).toBe('Control of Records (rev B, effective)');
      expect(ids.find((i) => i.label === 'SOP-002')!.textEdit).toMatchObject({ newText: 'SOP-002' });
    });

    it('shows titles and headings in the row and strikes through obsolete documents', async () => {
      // SOP-005 made obsolete in an open buffer: the index reads open documents.
      await client.open(file(SOP5), read(SOP5).replace('status: effective', 'status: obsolete\nsuperseded_by: SOP-002'));
      try {
        const text = read(SOP1).replace('references: [QM-001, SOP-002, SOP-005]', 'references: [QM-001, ').replace('clauses: ["4.2.4"]', 'clauses: ["7.3.');
        const refs = await complete(SOP1, text, positionOf(text, 'references: [QM-001, ', 21));
        const sop2 = refs.find((i) => i.label === 'SOP-002')!;
        expect(sop2.labelDetails).toEqual({ description: 'Control of Records' });
        expect(sop2.tags ?? []).not.toContain(CompletionItemTag.Deprecated);
        const sop5 = refs.find((i) => i.label === 'SOP-005')!;
        expect(sop5.labelDetails).toEqual({ description: 'Training and Competence' });
        expect(sop5.tags).toEqual([CompletionItemTag.Deprecated]);
        expect(sop5.detail).toContain('obsolete');
        // Live documents sort before obsolete ones.
        expect(sop5.sortText! > sop2.sortText!).toBe(true);
        const clauses = await complete(SOP1, text, positionOf(text, '"7.3.', 5));
        expect(clauses.find((i) => i.label === '7.3.2')!.labelDetails).toEqual({ description: 'Design and development planning' });
      } finally {
        await client.close(file(SOP5));
      }
    });
  });

  describe('hover', () => {
    const hoverAt = async (rel: string, needle: string, delta = 0, nth = 0) => {
      const text = read(rel);
      const uri = await client.open(file(rel), text);
      await client.pull(file(rel));
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, delta, nth) });
      await client.close(file(rel));
      return h ? (h.contents as { value: string }).value : '';
    };

    it('on a clause: standard, heading, documented procedure, covering documents', async () => {
      const value = await hoverAt(SOP1, '§4.2.4', 2);
      expect(value).toContain('ISO 13485:2016 4.2.4');
      expect(value).toContain('Control of documents');
      expect(value).toContain('documented procedure');
      expect(value).toContain('SOP-001');
    });

    it('on a document id: title, revision, status, effective date, file', async () => {
      const value = await hoverAt(SOP1, 'SOP-002', 2);
      expect(value).toContain('**SOP-002** Control of Records');
      expect(value).toMatch(/revision B · effective · effective 20\d\d-\d\d-\d\d/);
      expect(value).toContain(SOP2);
    });

    it('on a diagnostic: the rule and the clause behind it', async () => {
      const value = await hoverAt(SOP3, 'revision: D', 10);
      expect(value).toContain('`revision-mismatch`');
      expect(value).toContain('Why: ISO 13485:2016 4.2.4 c) (Control of documents)');
    });
  });

  describe('navigation', () => {
    it('goes from a document id to its document, and from a relative link to its file', async () => {
      const text = read(SOP1);
      const uri = await client.open(file(SOP1), text);
      const byId = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'SOP-002', 1) });
      expect(byId.map((l) => l.uri)).toEqual([uriOf(file(SOP2))]);
      expect(byId[0].range.start.line).toBe(1); // the id in its front matter
      const byLink = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, '(../manual/qm-001', 3) });
      expect(byLink.map((l) => l.uri)).toEqual([uriOf(file('manual/qm-001-quality-manual.md'))]);
      await client.close(file(SOP1));
    });

    it('finds every document citing a document id or a clause', async () => {
      const text = read(SOP2);
      const uri = await client.open(file(SOP2), text);
      const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'id: SOP-002', 5), context: { includeDeclaration: true } });
      const files = new Set(refs.map((l) => path.relative(dir, new URL(l.uri).pathname)));
      expect(files).toContain(SOP1);
      expect(files).toContain(SOP2); // the declaration
      expect(files).toContain(SOP3);
      await client.close(file(SOP2));

      const sop1 = read(SOP1);
      const uri1 = await client.open(file(SOP1), sop1);
      const clauseRefs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri1 }, position: positionOf(sop1, '§4.2.4', 2), context: { includeDeclaration: true } });
      expect(clauseRefs.length).toBeGreaterThanOrEqual(2);
      expect(clauseRefs.every((l) => l.uri.endsWith('.md'))).toBe(true);
      await client.close(file(SOP1));
    });

    it('makes relative links and document ids clickable', async () => {
      const text = read(SOP1);
      const uri = await client.open(file(SOP1), text);
      const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
      const targets = links.map((l) => l.target!);
      expect(targets).toContain(uriOf(file(SOP2)));
      expect(targets).toContain(uriOf(file('manual/qm-001-quality-manual.md')));
      expect(targets.some((t) => /#L\d+$/.test(t))).toBe(true); // the [Revision History](#revision-history) anchor
      expect(links.find((l) => l.tooltip === 'SOP-005 Training and Competence')).toBeDefined();
      await client.close(file(SOP1));
    });

    it('lists documents as workspace symbols by id and title', async () => {
      const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
      expect(all.map((s) => s.name)).toEqual(expect.arrayContaining(['SOP-001 Control of Documents', 'QM-001 Quality Manual']));
      const some = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'records' });
      expect(some.map((s) => s.name)).toEqual(['SOP-002 Control of Records']);
      expect(some[0].location.uri).toBe(uriOf(file(SOP2)));
    });
  });

  describe('custom requests', () => {
    it('qmslint/coverage: the clause coverage matrix', async () => {
      const m = await client.request<{
        standard: string;
        summary: { clauses: number; covered: number; partial: number; draftOnly: number; uncontrolled: number; notCovered: number; required: number; requiredCovered: number };
        clauses: { id: string; state: string; required: boolean; gap: boolean; documentedInformation: boolean; documents: { id?: string; uri: string; controlled: boolean; via: string; cites?: string; counts: boolean }[] }[];
      }>('qmslint/coverage', {});
      expect(m.standard).toBe('iso13485:2016');
      const c = m.clauses.find((x) => x.id === '4.2.4')!;
      expect(c.state).toBe('covered');
      expect(c.documents.map((d) => d.id)).toContain('SOP-001');
      expect(c.documents.every((d) => d.controlled)).toBe(true);
      expect(m.clauses.find((x) => x.id === '7.3.2')!.state).toBe('not-covered');
      // The imported purchasing procedure has no front matter, so no id: its mapping table cites 7.4.1, uncontrolled.
      const purchasing = m.clauses.find((x) => x.id === '7.4.1')!;
      expect(purchasing.state).toBe('uncontrolled');
      expect(purchasing.documents).toEqual([expect.objectContaining({ uri: uriOf(file('imported/sop-006-purchasing.md')), controlled: false })]);
      expect(purchasing.documents[0].id).toBeUndefined();
      expect(m.summary.uncontrolled).toBe(m.clauses.filter((x) => x.state === 'uncontrolled').length);
      // 4.2 has only subclauses cited (4.2.4 ...): partly covered, apart in the summary.
      const docs = m.clauses.find((x) => x.id === '4.2')!;
      expect(docs.state).toBe('partial');
      expect(docs.documents[0]).toMatchObject({ via: 'subclause', counts: true });
      expect(docs.documents[0].cites).toMatch(/^4\.2\.\d$/);
      expect(m.summary.partial).toBe(m.clauses.filter((x) => x.state === 'partial').length);
      expect(m.summary.partial).toBeGreaterThan(0);
      expect(m.summary.covered + m.summary.partial + m.summary.draftOnly + m.summary.uncontrolled + m.summary.notCovered).toBe(m.summary.clauses);
      // The server says which clauses are gaps (the view reads `gap` as is): required ones not covered, in any other state.
      expect(c).toMatchObject({ required: true, gap: false });
      expect(purchasing).toMatchObject({ required: true, gap: true });
      expect(m.clauses.find((x) => x.required && x.state === 'not-covered')).toMatchObject({ gap: true });
      // Cited by no document, but it requires none: not a gap.
      expect(m.clauses.find((x) => x.id === '7.3.2')).toMatchObject({ state: 'not-covered', required: false, gap: false });
      expect(m.clauses.every((x) => typeof x.gap === 'boolean')).toBe(true);
      expect(m.clauses.filter((x) => x.gap).length).toBe(m.summary.required - m.summary.requiredCovered);
      const other = await client.request<{ standard: string; clauses: { id: string; documentedInformation: boolean }[] }>('qmslint/coverage', { uri: uriOf(dir), standard: 'ISO 9001:2015' });
      expect(other.standard).toBe('iso9001:2015');
      // ISO 9001:2015 4.3 asks for documented information to be maintained (the view shows it).
      expect(other.clauses.find((x) => x.id === '4.3')!.documentedInformation).toBe(true);
      expect(other.clauses.find((x) => x.id === '4.1')!.documentedInformation).toBe(false);
      await expect(client.request('qmslint/coverage', { standard: 'ISO 99999' })).rejects.toMatchObject({ code: -32602 });
    });

    it('qmslint/documentInfo: the model of one document', async () => {
      const info = await client.request<Record<string, unknown> & { approvals: unknown[]; history: { rows: unknown[]; order: string }; references: { id: string }[]; citations: { clause: string; heading?: string }[] }>(
        'qmslint/documentInfo',
        { textDocument: { uri: uriOf(file(SOP1)) } },
      );
      expect(info).toMatchObject({ id: 'SOP-001', title: 'Control of Documents', type: 'SOP', revision: 'C', status: 'effective', controlled: true });
      expect(info.approvals).toHaveLength(3);
      expect(info.history.rows).toHaveLength(3);
      expect(info.history.order).toBe('oldest-first');
      expect(info.references.map((r) => r.id)).toEqual(expect.arrayContaining(['QM-001', 'SOP-002']));
      expect(info.citations.find((c) => c.clause === '4.2.4')?.heading).toBe('Control of documents');
      expect(await client.request('qmslint/documentInfo', { textDocument: { uri: uriOf(path.join(dir, '.qmslint.yaml')) } })).toBeNull();
    });
  });

  describe('changes across documents', () => {
    it('renaming an id in one open buffer updates the diagnostics of a document that references it', async () => {
      const sop2 = read(SOP2);
      await client.open(file(SOP1));
      await client.open(file(SOP2), sop2);
      expect(await client.pull(file(SOP1))).toEqual([]);
      const refreshed = client.nextRefresh();
      await client.change(file(SOP2), sop2.replace('id: SOP-002', 'id: SOP-012'));
      await refreshed;
      expect(rulesOf(await client.pull(file(SOP1)))).toEqual(['doc-reference-unresolved']);
      const back = client.nextRefresh();
      await client.change(file(SOP2), sop2);
      await back;
      expect(await client.pull(file(SOP1))).toEqual([]);
      await client.close(file(SOP2));
      await client.close(file(SOP1));
    });

    it('a document made obsolete warns the documents that cite it', async () => {
      const sop2 = read(SOP2);
      await client.open(file(SOP2), sop2);
      const refreshed = client.nextRefresh();
      await client.change(file(SOP2), sop2.replace('status: effective', 'status: obsolete\nsuperseded_by: SOP-001'));
      await refreshed;
      expect(rulesOf(await client.pull(file(SOP1)))).toEqual(['doc-reference-obsolete']);
      await client.change(file(SOP2), sop2);
      await client.close(file(SOP2));
    });

    it('a config change on disk triggers a refresh and new results', async () => {
      expect(rulesOf(await client.pull(file(SOP3)))).toContain('clause-edition');
      const config = path.join(dir, '.qmslint.yaml');
      const original = readFileSync(config, 'utf8');
      writeFileSync(config, original + 'rules:\n  clause-edition: off\n');
      const refreshed = client.nextRefresh();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
      await refreshed;
      expect(rulesOf(await client.pull(file(SOP3)))).not.toContain('clause-edition');
      writeFileSync(config, 'rules: [not, a, map]\n');
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
      const broken = await client.pull(file(SOP3));
      expect(broken.map((d) => d.code)).toEqual(['config-invalid']);
      writeFileSync(config, original);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
      expect(rulesOf(await client.pull(file(SOP3)))).toContain('clause-edition');
    });

    it('a file deleted on disk is gone from the index', async () => {
      const text = read(SOP2);
      rmSync(file(SOP2));
      const refreshed = client.nextRefresh();
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file(SOP2)), type: 3 }] });
      await refreshed;
      expect(rulesOf(await client.pull(file(SOP1)))).toEqual(['doc-reference-unresolved', 'link-broken']);
      writeFileSync(file(SOP2), text);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file(SOP2)), type: 1 }] });
      expect(await client.pull(file(SOP1))).toEqual([]);
    });
  });

  describe('robustness', () => {
    it('answers malformed requests with LSP errors and stays alive', async () => {
      await expect(client.request('textDocument/hover', {})).rejects.toMatchObject({ code: -32602 });
      await expect(client.request('textDocument/completion', { textDocument: { uri: uriOf(file(SOP1)) }, position: { line: -1, character: 'x' } })).rejects.toMatchObject({ code: -32602 });
      await expect(client.request('textDocument/diagnostic', { textDocument: { uri: 42 } })).rejects.toMatchObject({ code: -32602 });
      await expect(client.request('qmslint/coverage', 'nonsense')).rejects.toMatchObject({ code: -32602 });
      await expect(client.request('qmslint/noSuchRequest', {})).rejects.toMatchObject({ code: -32601 });
      await expect(client.request('textDocument/definition', { textDocument: { uri: 'file:///nowhere/x.md' }, position: { line: 0, character: 0 } })).resolves.toEqual([]);
      await expect(client.request('textDocument/hover', { textDocument: { uri: uriOf(file(SOP1)) }, position: { line: 9999, character: 9999 } })).resolves.toBeDefined();
      expect(client.alive()).toBe(true);
      expect(await client.pull(file(SOP1))).toEqual([]);
    });
  });
});
