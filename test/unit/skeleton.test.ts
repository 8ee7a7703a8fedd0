// New-document skeletons (issue 16, point 2; point 9's indentation): the one skeleton text
// (server/src/shared/skeleton.ts), the facts core finds for it (core/features/skeleton.ts),
// and the completion items, checked without a language server. Every skeleton, inserted
// with its defaults, is linted by the engine and must come out clean.
import { describe, expect, it } from 'vitest';
import { documentContext } from '../../server/src/core/document-context';
import { listIndentOf, nextIdOfType, skeletonCompletions } from '../../server/src/core/features/skeleton';
import { applyEdits } from '../../server/src/core/fixes';
import { skeletonKind, skeletonSnippet, snippetDefaults, type SkeletonFacts } from '../../server/src/shared/skeleton';
import { CLEAN_SOP, TODAY, findings, lintFiles } from '../helpers';

const FACTS: SkeletonFacts = {
  type: 'SOP',
  id: 'SOP-014',
  today: TODAY,
  clause: '4.2.4',
  standardTitle: 'ISO 13485:2016',
  historyHeading: 'Revision History',
  keys: {},
};

const CONFIG = '.qmslint.yaml';
const QUIET = 'rules: {coverage-gap: off}\n';

describe('the skeleton text', () => {
  it('is a procedure for SOP and unknown types, with the id as text and the title, owner and clause as tab stops', () => {
    const s = skeletonSnippet(FACTS);
    expect(s.startsWith('---\nid: SOP-014\ntitle: ${1:Title}\ntype: SOP\nrevision: A\nstatus: draft\neffective_date: 2026-11-26\nowner: ${2:Quality Manager}\nclauses: ["${3:4.2.4}"]\napprovals: []\nreferences: []\n---\n\n# ${1}\n')).toBe(true);
    expect(s).toContain('It implements ISO 13485:2016 §${3}.');
    expect(s).toContain('\n## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n| A | 2026-11-26 | ${2} | First issue |\n');
    expect(skeletonSnippet({ ...FACTS, type: 'POL', id: 'POL-001' })).toContain('## Procedure');
    expect(skeletonKind('POL')).toBe('procedure');
  });

  it('has each kind its own sections; a record has no revision, status, approvals or history', () => {
    expect(skeletonSnippet({ ...FACTS, type: 'WI', id: 'WI-002' })).toContain('## Equipment and materials');
    expect(skeletonSnippet({ ...FACTS, type: 'FRM', id: 'FRM-001' })).toContain('## Sign-off');
    const record = skeletonSnippet({ ...FACTS, type: 'REC', id: 'REC-001' });
    expect(record).not.toMatch(/^(revision|status|approvals):|Revision History/m);
    expect(record).toContain('| Date | 2026-11-26 |');
  });

  it('writes a known title as text (quoted in YAML where needed) and escapes what snippets treat specially', () => {
    const s = skeletonSnippet({ ...FACTS, title: 'Costs: $1 {x}', standardTitle: 'ACME $2', historyHeading: 'Changes }' });
    expect(s).toContain('\ntitle: "Costs: \\$1 {x\\}"\n');
    expect(s).toContain('\n# Costs: \\$1 {x\\}\n');
    const text = snippetDefaults(s);
    expect(text).toContain('\ntitle: "Costs: $1 {x}"\n');
    expect(text).toContain('It implements ACME $2 §4.2.4.');
    expect(text).toContain('\n## Changes }\n');
  });

  it("writes the folder's key names and its list layout", () => {
    const s = skeletonSnippet({ ...FACTS, keys: { id: 'doc_id', clauses: 'iso_clauses' }, listIndent: 4 });
    expect(s).toContain('\ndoc_id: SOP-014\n');
    expect(s).toContain('\niso_clauses:\n    - "${3:4.2.4}"\n');
    expect(skeletonSnippet({ ...FACTS, listIndent: 2 })).toContain('\nclauses:\n  - "${3:4.2.4}"\n');
  });

  it('reads with every tab stop at its default, mirrors included', () => {
    const text = snippetDefaults(skeletonSnippet(FACTS));
    expect(text).not.toMatch(/\$\{?\d/);
    expect(text).toContain('\ntitle: Title\n');
    expect(text).toContain('\n# Title\n');
    expect(text).toContain('\n| Quality Manager | Owns this procedure and keeps it current. |\n');
    expect(text).toContain('It implements ISO 13485:2016 §4.2.4.');
  });
});

describe('the facts of a folder', () => {
  const block = (id: string, indent: number) =>
    CLEAN_SOP.replace('SOP-001', id).replace(/^clauses: \["([^"]*)"\]$/m, (_, c: string) => `clauses:\n${' '.repeat(indent)}- "${c}"`);

  it('takes the next id after the highest of the type, past ids a document gives itself', async () => {
    const result = await lintFiles({ [CONFIG]: QUIET, 'a.md': CLEAN_SOP.replace('SOP-001', 'SOP-007'), 'sop-008-draft.md': '# A draft named SOP-008\n' });
    expect(result.index.declaredIds.has('SOP-008')).toBe(true);
    const docs = result.index.documents;
    expect(nextIdOfType('SOP', docs)).toBe('SOP-009');
    expect(nextIdOfType('WI', docs)).toBe('WI-001');
    // Writing that file: the id its name gives, as no other document has it.
    const draft = result.index.byPath.get('/ws/sop-008-draft.md');
    expect(nextIdOfType('SOP', docs, draft)).toBe('SOP-008');
    expect(nextIdOfType('WI', docs, draft)).toBe('WI-001');
  });

  it("follows the type's documents' clause lists: flow, or block with their indentation; else all documents'", async () => {
    const result = await lintFiles({ [CONFIG]: QUIET, 'a.md': block('SOP-001', 4), 'b.md': block('SOP-002', 4), 'c.md': CLEAN_SOP.replace('SOP-001', 'SOP-003') });
    expect(result.index.documents.length).toBe(3);
    expect(listIndentOf('SOP', result.index.documents, result.config)).toBe(4);
    // No WI: the SOPs decide.
    expect(listIndentOf('WI', result.index.documents, result.config)).toBe(4);
    const flow = await lintFiles({ [CONFIG]: QUIET, 'a.md': CLEAN_SOP });
    expect(listIndentOf('SOP', flow.index.documents, flow.config)).toBeUndefined();
    const none = await lintFiles({ [CONFIG]: QUIET, 'a.md': '# Notes\n' });
    expect(listIndentOf('SOP', none.index.documents, none.config)).toBeUndefined();
  });
});

describe('skeleton completion items', () => {
  async function itemsAt(text: string, offset: number, snippets = false, files: Record<string, string> = {}) {
    const result = await lintFiles({ [CONFIG]: QUIET, 'b.md': CLEAN_SOP.replace('SOP-001', 'SOP-013'), 'new.md': text, ...files });
    const doc = result.index.byPath.get('/ws/new.md')!;
    return skeletonCompletions(documentContext(doc, result.config, result.catalog, result.index, TODAY), offset, snippets);
  }

  it('offers one per document type in an empty file, labelled with the next free id and found by the usual words', async () => {
    const items = await itemsAt('', 0);
    const sop = items.find((i) => i.label === 'SOP skeleton (SOP-014)')!;
    expect(sop).toBeDefined();
    expect(sop.kind).toBe('skeleton');
    expect(sop.range).toEqual({ start: 0, end: 0 });
    expect(sop.filterText!.split(' ')).toEqual(expect.arrayContaining(['sop', 'procedure']));
    expect(items.find((i) => i.label.startsWith('WI skeleton'))!.filterText!.split(' ')).toContain('wi');
    expect(items.find((i) => i.label.startsWith('FRM skeleton'))!.filterText!.split(' ')).toContain('form');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['WI skeleton (WI-001)', 'FRM skeleton (FRM-001)', 'REC skeleton (REC-001)']));
  });

  it("continues the prefix the type's documents use, and is found by it", async () => {
    const items = await itemsAt('', 0, false, { 'b.md': CLEAN_SOP.replace('SOP-001', 'QP-12') });
    const sop = items.find((i) => i.label.startsWith('SOP skeleton'))!;
    expect(sop.label).toBe('SOP skeleton (QP-13)');
    expect(sop.filterText!.split(' ')).toEqual(expect.arrayContaining(['sop', 'qp']));
  });

  it('replaces the word typed on the first line; its text is plain without snippet support, a snippet with it', async () => {
    const plain = (await itemsAt('\n\nsop', 5)).find((i) => i.label.startsWith('SOP'))!;
    expect(plain.range).toEqual({ start: 2, end: 5 });
    expect(plain.snippet).toBe(false);
    expect(plain.insertText).toMatch(/^---\nid: SOP-014\ntitle: Title\n/);
    const snippet = (await itemsAt('\n\nsop', 5, true)).find((i) => i.label.startsWith('SOP'))!;
    expect(snippet.snippet).toBe(true);
    expect(snippet.insertText).toMatch(/^---\nid: SOP-014\ntitle: \$\{1:Title\}\n/);
    expect(snippetDefaults(snippet.insertText!)).toBe(plain.insertText);
  });

  it('is not offered where a skeleton cannot start the file', async () => {
    expect(await itemsAt(CLEAN_SOP.replace('SOP-001', 'SOP-020'), CLEAN_SOP.length)).toEqual([]);
    expect(await itemsAt('# Notes\n\nsop', 12)).toEqual([]);
    expect(await itemsAt('see sop', 7)).toEqual([]);
  });

  it.each(['iso9001:2015', '21cfr820'])('inserted with its defaults, lints clean under %s too', async (standard) => {
    const config = `standard: ${standard}\n${QUIET}`;
    const result = await lintFiles({ [CONFIG]: config, 'new.md': '' });
    const doc = result.index.byPath.get('/ws/new.md')!;
    const items = skeletonCompletions(documentContext(doc, result.config, result.catalog, result.index, TODAY), 0, false);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const linted = await lintFiles({ [CONFIG]: config, 'new.md': item.insertText! });
      expect(findings(linted, 'new.md').map((f) => `${f.ruleId}: ${f.message}`), `${item.label}:\n${item.insertText}`).toEqual([]);
    }
  });

  it('inserted with its defaults, lints clean, for every type', async () => {
    const items = await itemsAt('', 0);
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) {
      const text = applyEdits('', [{ start: item.range.start, end: item.range.end, text: item.insertText! }]);
      const result = await lintFiles({ [CONFIG]: QUIET, 'b.md': CLEAN_SOP.replace('SOP-001', 'SOP-013'), 'new.md': text });
      expect(findings(result, 'new.md').map((f) => `${f.ruleId}: ${f.message}`), `${item.label}:\n${text}`).toEqual([]);
    }
  });
});
