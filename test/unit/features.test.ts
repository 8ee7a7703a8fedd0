// Editor features in core (completion, hover, navigation, suppression edits),
// tested without a language server: plain functions over offsets.
import { describe, expect, it } from 'vitest';
import { documentContext } from '../../server/src/core/document-context';
import { completionsAt } from '../../server/src/core/features/completion';
import { hoverAt, rationaleHeading, ruleHover } from '../../server/src/core/features/hover';
import { definitionAt, documentLinks, referencesAt, workspaceSymbols } from '../../server/src/core/features/navigation';
import { disableInFileFix, disableOnLineFix } from '../../server/src/core/features/suppress';
import { applyEdits } from '../../server/src/core/fixes';
import { Catalog } from '../../server/src/core/standards/catalog';
import { CLEAN_SOP, TODAY, findings, lintFiles } from '../helpers';

const B = CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('title: Control of Documents', 'title: Control of Records');

async function setup(a: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 'a.md': a, 'b.md': B, ...files });
  const doc = result.index.byPath.get('/ws/a.md')!;
  const context = documentContext(doc, result.config, result.catalog, result.index, TODAY);
  return { result, doc, context, at: (needle: string, delta = 0) => doc.parsed.text.indexOf(needle) + delta };
}

describe('suppression edits', () => {
  const relint = async (text: string) => lintFiles({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 'a.md': text, 'b.md': B });

  it.each([
    ['body line', CLEAN_SOP.replace('for all controlled documents.', 'for all controlled documents and ISO 13485:2016 4.21.'), 'clause-unknown', '4.21. <!-- qmslint-disable-line clause-unknown -->'],
    ['table row', CLEAN_SOP.replace('| B | 2025-02-01', '| B | 2025.02.01'), 'revision-history-malformed', 'Added electronic signatures <!-- qmslint-disable-line revision-history-malformed --> |'],
    ['front matter', CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager\ndepartment: <enter department>'), 'field-placeholder', '# qmslint-disable-next-line field-placeholder\ndepartment: <enter department>'],
  ])('on one line (%s)', async (_, text, rule, expected) => {
    const result = await relint(text);
    const f = findings(result, 'a.md', rule)[0];
    const doc = result.index.byPath.get('/ws/a.md')!;
    const fix = disableOnLineFix(doc, rule, f.range.start)!;
    const edited = applyEdits(text, fix.edits);
    expect(edited).toContain(expected);
    expect(findings(await relint(edited), 'a.md', rule)).toEqual([]);
    // In the whole file too.
    const file = applyEdits(text, disableInFileFix(doc, rule)!.edits);
    expect(file).toContain(`---\n<!-- qmslint-disable-file ${rule} -->\n`);
    expect(findings(await relint(file), 'a.md', rule)).toEqual([]);
  });

  it('adds the rule to a directive already there, and offers nothing where no comment can go', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager\n# qmslint-disable-next-line field-invalid\ndepartment: <enter department>');
    const result = await relint(text);
    const doc = result.index.byPath.get('/ws/a.md')!;
    const f = findings(result, 'a.md', 'field-placeholder')[0];
    const edited = applyEdits(text, disableOnLineFix(doc, 'field-placeholder', f.range.start)!.edits);
    expect(edited).toContain('# qmslint-disable-next-line field-invalid, field-placeholder\ndepartment:');
    expect(disableOnLineFix(doc, 'field-missing', 0)).toBeUndefined(); // the opening ---
    const withFile = applyEdits(text, disableInFileFix(doc, 'clause-unknown')!.edits);
    const doc2 = (await relint(withFile)).index.byPath.get('/ws/a.md')!;
    expect(applyEdits(withFile, disableInFileFix(doc2, 'link-broken')!.edits)).toContain('<!-- qmslint-disable-file clause-unknown, link-broken -->');
    expect(disableInFileFix(doc2, 'clause-unknown')).toBeUndefined();
  });

  it('addresses the file text when it starts with a BOM', async () => {
    const text = '\uFEFF' + CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager\ndepartment: <enter department>');
    const result = await relint(text);
    const doc = result.index.byPath.get('/ws/a.md')!;
    const f = findings(result, 'a.md', 'field-placeholder')[0];
    expect(applyEdits(text, disableOnLineFix(doc, 'field-placeholder', f.range.start)!.edits)).toContain('\n# qmslint-disable-next-line field-placeholder\ndepartment:');
  });
});

describe('completion', () => {
  it('offers the keys not yet written, required ones first with the clause that requires them', async () => {
    const { context, at } = await setup(CLEAN_SOP.replace('owner: Quality Manager\n', ''));
    const items = completionsAt(context, at('next_review'));
    expect(items.find((i) => i.label === 'owner')).toMatchObject({ detail: 'required by your configuration (house rule)', insertText: 'owner: ' });
    expect(items.map((i) => i.label)).not.toContain('title');
  });

  it('offers clause ids quoted in a flow list unless a quote is open', async () => {
    const { context, at } = await setup(CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses: [4.2.4, 8.5'));
    const items = completionsAt(context, at('8.5', 3));
    expect(items.map((i) => i.label)).toEqual(['8.5', '8.5.1', '8.5.2', '8.5.3']);
    expect(items[1]).toMatchObject({ insertText: '"8.5.1"', detail: expect.any(String) });
  });

  it('offers nothing in prose that asks for nothing', async () => {
    const { context, at } = await setup(CLEAN_SOP);
    expect(completionsAt(context, at('for all controlled', 3))).toEqual([]);
  });
});

describe('hover', () => {
  it('describes an unknown clause with suggestions, and a standard without a catalog', async () => {
    const { context, doc, result, at } = await setup(CLEAN_SOP.replace('for all controlled documents.', 'for all, see ISO 13485:2016 4.21 and IEC 62304:2006 5.1.'));
    const ctx = { doc, index: result.index, catalog: result.catalog, defaultStandard: context.config.standard, root: '/ws' };
    expect(hoverAt(ctx, at('4.21', 1))!.markdown).toContain('has no clause 4.21. Did you mean 4.2.1');
    expect(hoverAt(ctx, at('5.1.', 1))!.markdown).toContain('no clause catalog');
  });

  it('names CFR sections as cited', async () => {
    const { context, doc, result, at } = await setup(CLEAN_SOP.replace('for all controlled documents.', 'for all, see 21 CFR 820.10.'));
    const ctx = { doc, index: result.index, catalog: result.catalog, defaultStandard: context.config.standard, root: '/ws' };
    expect(hoverAt(ctx, at('820.10', 2))!.markdown).toMatch(/^\*\*21 CFR 820\.10\*\* Requirements for a quality management system/);
  });

  it('finds the heading of a rule rationale', () => {
    const catalog = Catalog.builtin();
    expect(rationaleHeading('ISO 13485:2016 4.2.4 c)', catalog)).toBe('Control of documents');
    expect(rationaleHeading('ISO 9001:2015 7.5.1', catalog)).toBeDefined();
    expect(ruleHover('approval-missing', undefined, catalog)).toContain('Why: ISO 13485:2016 4.2.4 a) (Control of documents)');
    expect(ruleHover('no-such-rule', undefined, catalog)).toBeUndefined();
  });
});

describe('navigation', () => {
  it('definition, references, links and symbols over the index', async () => {
    const a = CLEAN_SOP.replace('for all controlled documents.', 'for all controlled documents; records per SOP-002, see [records](b.md#purpose).');
    const { doc, result, at } = await setup(a);
    const index = result.index;
    expect(definitionAt(doc, at('SOP-002', 2), index)).toEqual([{ path: '/ws/b.md', range: index.byPath.get('/ws/b.md')!.fields.get('id')!.valueRange }]);
    const purpose = index.byPath.get('/ws/b.md')!.headings.find((h) => h.slug === 'purpose')!;
    expect(definitionAt(doc, at('(b.md', 2), index)).toEqual([{ path: '/ws/b.md', range: purpose.range }]);
    const refs = referencesAt(doc, at('SOP-002', 2), index, result.catalog, 'iso13485:2016', true);
    expect(refs.map((r) => r.path).sort()).toEqual(['/ws/a.md', '/ws/b.md']);
    const clauseRefs = referencesAt(doc, at('§4.2.4', 2), index, result.catalog, 'iso13485:2016', false);
    expect(new Set(clauseRefs.map((r) => r.path))).toEqual(new Set(['/ws/a.md', '/ws/b.md']));
    const links = documentLinks(doc, index);
    expect(links.map((l) => l.path)).toEqual(['/ws/b.md', '/ws/b.md']);
    expect(links[0].target).toEqual(purpose.range);
    expect(workspaceSymbols(index, 'recs').map((s) => s.name)).toEqual(['SOP-002 Control of Records']);
  });
});
