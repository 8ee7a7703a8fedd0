import { fullMessage } from '../../server/src/core/findings';
// 21 CFR 820 (the QMSR) incorporates ISO 13485:2016 through 820.10: the pack data says so
// (`incorporates`), and resolution, coverage and document-control messages follow it.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../server/src/core/coverage';
import { documentContext } from '../../server/src/core/document-context';
import { completionsAt } from '../../server/src/core/features/completion';
import { coverageRowLabel } from '../../server/src/core/coverage-label';
import { resolvedCitations } from '../../server/src/core/resolve';
import { Catalog } from '../../server/src/core/standards/catalog';
import { CLEAN_SOP, TODAY, acmePack, findings, lintFiles } from '../helpers';

const catalog = Catalog.builtin();

/** CLEAN_SOP under 21 CFR 820, with `body` as its Purpose section. */
const qmsrSop = (body: string, id = 'SOP-001') =>
  CLEAN_SOP.replace('SOP-001', id)
    .replace('owner: Quality Manager', 'owner: Quality Manager\nstandard: 21cfr820')
    .replace('clauses: ["4.2.4"]\n', '')
    .replace('This procedure implements ISO 13485:2016 §4.2.4 for all controlled documents.', body);

describe('catalog: incorporates', () => {
  it('21 CFR 820 incorporates ISO 13485:2016 through 820.10', () => {
    expect(catalog.incorporated('21cfr820').map((i) => [i.pack.id, i.by])).toEqual([['iso13485:2016', '820.10']]);
    expect(catalog.incorporated('iso13485:2016')).toEqual([]);
  });

  it('checks a clause number in the pack that has it: its own, superseded, incorporated, or shaped like one', () => {
    const packOf = (clause: string) => catalog.clausePack('21cfr820', clause)?.id;
    expect(packOf('820.35')).toBe('21cfr820');
    expect(packOf('820.30')).toBe('21cfr820'); // superseded QSR section
    expect(packOf('820.99')).toBe('21cfr820'); // unknown, but "820.x": reported against the QMSR
    expect(packOf('7.3.2')).toBe('iso13485:2016');
    expect(packOf('4.2.4 a)')).toBe('iso13485:2016');
    expect(packOf('7.3.99')).toBe('iso13485:2016'); // ISO 13485 numbering: reported unknown there
    expect(catalog.clausePack('iso13485:2016', '7.3.99')?.id).toBe('iso13485:2016');
  });

  it('accepts a user pack that incorporates a loaded pack, and its profile may name that pack clauses', () => {
    const mine = catalog.clone();
    const pack = `${acmePack('  - {id: "2", title: Incorporation}\n')}incorporates:
  - {pack: "ISO 13485:2016", by: "2"}
documentControl:
  requiredFields:
    - {field: id, clause: 4.2.4 e)}
  approvalClause: 4.2.4 a)
  changeClause: "1"
  reviewClause: 4.2.4 b)
  types:
    SOP: {approvals: [author, approver]}
`;
    expect(mine.addPack(pack, 'packs/acme.yaml')).toEqual([]);
    expect(mine.incorporated('acme-qms:2026').map((i) => [i.pack.id, i.by])).toEqual([['iso13485:2016', '2']]);
    expect(mine.clausePack('acme-qms:2026', '7.3')?.id).toBe('iso13485:2016');
  });

  it('refuses an incorporation of a pack not loaded, by a clause not in the pack, or sharing clause numbers', () => {
    const problems = (incorporates: string, more = '') =>
      catalog
        .clone()
        .addPack(`${acmePack(more && `${more}\n`)}incorporates:\n${incorporates}`, 'packs/acme.yaml')
        .map((e) => `${e.path}: ${e.message}`);
    expect(problems('  - {pack: "iso14971:2019", by: "1"}')).toEqual(['incorporates[0].pack: no pack "iso14971:2019" is loaded (a pack it incorporates must be loaded before it)']);
    expect(problems('  - {pack: "iso13485:2016", by: "9"}')).toEqual(['incorporates[0].by: clause "9" is not in this pack']);
    expect(problems('  - {pack: "iso13485:2016", by: "1"}', '  - {id: "4.2.4", title: Documents}')).toEqual([
      'incorporates[0].pack: clause "4.2.4" is in this pack and in ISO 13485:2016; the clause numbers of this pack and of the packs it incorporates must all differ',
    ]);
    // ISO 9001:2015 and ISO 13485:2016 share numbers (4, 4.1, 7.5.1...): one pack cannot incorporate both.
    expect(problems('  - {pack: "iso13485:2016", by: "1"}\n  - {pack: "iso9001:2015", by: "1"}')).toEqual([
      expect.stringMatching(/^incorporates\[1\]\.pack: clause "4" is in ISO 13485:2016 and in ISO 9001:2015;/),
    ]);
    expect(problems('  - {pack: "acme-qms:2026", by: "1"}')).toEqual([expect.stringMatching(/^id: a pack|incorporates\[0\]\.pack: /)]);
    // The schema: both keys, nothing else.
    expect(problems('  - {pack: "iso13485:2016"}')[0]).toMatch(/incorporates\[0\].*by/);
  });

  it('a profile clause that is in neither the pack nor what it incorporates is refused', () => {
    const errors = catalog
      .clone()
      .addPack(`${acmePack()}documentControl:\n  requiredFields: []\n  approvalClause: 4.2.4 a)\n  changeClause: "1"\n  reviewClause: "1"\n  types: {}\n`, 'p.yaml');
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['documentControl.approvalClause: clause "4.2.4" is not in this pack']);
  });
});

describe('resolution in a 21 CFR 820 document', () => {
  it('an unbound ISO 13485 clause number is ISO 13485:2016; named citations keep their standard', async () => {
    const doc = qmsrSop('This procedure implements clause 7.3.2, ISO 13485:2016 7.3.3 and 21 CFR 820.35(a).');
    const result = await lintFiles({ 'sop.md': doc });
    const resolved = resolvedCitations(result.index.documents[0], result.catalog, 'iso13485:2016');
    const packs = Object.fromEntries(resolved.filter((r) => r.citation.form !== 'front-matter').map((r) => [r.citation.clause, r.pack?.id]));
    expect(packs).toEqual({ '7.3.2': 'iso13485:2016', '7.3.3': 'iso13485:2016', '820.35': '21cfr820' });
  });

  it('clause-unknown is quiet for a valid ISO 13485 clause and reports one ISO 13485:2016 lacks', async () => {
    const quiet = await lintFiles({ 'sop.md': qmsrSop('Design planning follows clause 7.3.2.') });
    expect(findings(quiet, 'sop.md', 'clause-unknown')).toEqual([]);
    const loud = await lintFiles({ 'sop.md': qmsrSop('Design planning follows clause 7.3.99.') });
    const [f, ...rest] = findings(loud, 'sop.md', 'clause-unknown');
    expect(rest).toEqual([]);
    expect(fullMessage(f)).toMatch(/^ISO 13485:2016 has no clause 7\.3\.99\./);
    // An unknown section in CFR numbering is still the QMSR's.
    const cfr = await lintFiles({ 'sop.md': qmsrSop('Records follow 21 CFR 820.99.') });
    expect(findings(cfr, 'sop.md', 'clause-unknown').map((x) => x.message)).toEqual([expect.stringMatching(/^21 CFR 820 has no clause 820\.99\b/)]);
  });
});

describe('coverage of 21 CFR 820', () => {
  it('lists the QMSR sections, then the ISO 13485:2016 clauses it incorporates, which citations of them cover', async () => {
    const result = await lintFiles({
      'a.md': qmsrSop('This procedure implements ISO 13485:2016 §4.2.4 and clause 7.3.2, and 21 CFR 820.35.'),
    });
    const m = computeCoverage(result.index, result.catalog, '21cfr820', 'iso13485:2016')!;
    const ids = m.clauses.map((c) => c.clause.id);
    const iso = catalog.pack('iso13485:2016')!.clauses.map((c) => c.id);
    expect(ids).toEqual(['820.1', '820.3', '820.7', '820.10', '820.35', '820.45', ...iso]);
    const get = (id: string) => m.clauses.find((c) => c.clause.id === id)!;
    expect(get('820.35')).toMatchObject({ state: 'covered' });
    expect(get('820.35').incorporated).toBeUndefined();
    for (const id of ['4.2.4', '7.3.2']) {
      expect(get(id), id).toMatchObject({ state: 'covered', required: id === '4.2.4', incorporated: { standard: 'iso13485:2016', title: 'ISO 13485:2016', by: '820.10' } });
      expect(get(id).documents.map((d) => d.via)).toEqual(['direct']);
    }
    expect(get('8.2.2')).toMatchObject({ state: 'not-covered', required: true });
    expect(coverageRowLabel(get('7.3.2'))).toBe('ISO 13485:2016 7.3.2');
    expect(coverageRowLabel(get('820.35'))).toBe('820.35');
    // The required rows: the QMSR's own and ISO 13485's documented procedures and processes.
    const required = m.clauses.filter((c) => c.required).map((c) => c.clause.id);
    expect(required.slice(0, 2)).toEqual(['820.10', '820.45']);
    expect(required).toEqual(expect.arrayContaining(['4.2.4', '4.2.5', '8.2.2', '8.5.2', '6.2', '7.1']));
    expect(m.summary.clauses).toBe(6 + iso.length);
  });

  it('an ISO 9001 citation reaches the incorporated rows through the crosswalk, without covering them', async () => {
    const result = await lintFiles({ 'a.md': qmsrSop('Documented information follows ISO 9001:2015 7.5.3.') });
    const m = computeCoverage(result.index, result.catalog, '21cfr820', 'iso13485:2016')!;
    const row = m.clauses.find((c) => c.clause.id === '4.2.4')!;
    expect(row.state).toBe('not-covered');
    expect(row.documents).toEqual([expect.objectContaining({ via: 'crosswalk', from: { standard: 'iso9001:2015', title: 'ISO 9001:2015', clause: '7.5.3' } })]);
  });

  it('coverage-gap names the missing ISO 13485 procedures with their standard', async () => {
    const result = await lintFiles({ 'a.md': qmsrSop('This procedure implements ISO 13485:2016 §4.2.4.') }, { standard: '21cfr820' });
    const [gap] = findings(result, undefined, 'coverage-gap');
    expect(fullMessage(gap)).toMatch(/^21 CFR 820: \d+ of \d+ required clauses not covered \(21 CFR 820\.10 \(ISO 13485:2016 4\.2\.1 c\)\)\)\. \d+ of \d+ clauses that require a documented procedure or process are not covered/);
    // The QMSR's own sections by their number, then the ISO 13485:2016 clauses named with their standard.
    expect(fullMessage(gap)).toContain('Cited by no document: 820.10, 820.45, ISO 13485:2016 4.1.6, ISO 13485:2016 4.2.5,');
    expect(fullMessage(gap)).toContain('ISO 13485:2016 8.2.2');
    expect(fullMessage(gap)).not.toContain('ISO 13485:2016 4.2.4');
  });
});

describe('document control under 21 CFR 820', () => {
  it('cites the ISO 13485:2016 item through 820.10', async () => {
    const doc = qmsrSop('Implements clause 4.2.4.').replace('  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}\n', '');
    const [f] = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'approval-missing');
    expect(fullMessage(f)).toContain('21 CFR 820.10 (ISO 13485:2016 4.2.4 a)) requires');
  });

  it('completion says which ISO 13485:2016 item requires a missing field, through 820.10', async () => {
    const result = await lintFiles({ 'sop.md': qmsrSop('Implements clause 4.2.4.').replace('revision: C\n', '') });
    const doc = result.index.byPath.get('/ws/sop.md')!;
    const context = documentContext(doc, result.config, result.catalog, result.index, TODAY);
    const items = completionsAt(context, doc.parsed.text.indexOf('next_review'));
    expect(items.find((i) => i.label === 'revision')?.detail).toBe('required by 21 CFR 820.10 (ISO 13485:2016 4.2.4 c))');
  });

  it('clause completion after "clause" offers the QMSR sections, then the ISO 13485:2016 clauses', async () => {
    const text = qmsrSop('Design planning follows clause 7.3.');
    const result = await lintFiles({ 'sop.md': text });
    const doc = result.index.byPath.get('/ws/sop.md')!;
    const context = documentContext(doc, result.config, result.catalog, result.index, TODAY);
    const items = completionsAt(context, text.indexOf('clause 7.3.') + 'clause 7.3.'.length);
    expect(items.map((i) => i.label).slice(0, 3)).toEqual(['7.3.1', '7.3.2', '7.3.3']);
    expect(items.find((i) => i.label === '7.3.2')?.documentation).toBe('ISO 13485:2016 7.3.2 Design and development planning');
  });

  it('declared clauses: an ISO 13485:2016 clause is valid in a 21 CFR 820 document, a wrong one is reported against ISO 13485:2016', async () => {
    const doc = qmsrSop('Implements clause 7.3.2.').replace('standard: 21cfr820', 'standard: 21cfr820\nclauses: ["7.3.2", "7.3.99"]');
    const list = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-reference-missing').map(fullMessage);
    expect(list).toEqual([expect.stringMatching(/^Declared clause 7\.3\.99 does not exist in ISO 13485:2016\./)]);
  });
});
