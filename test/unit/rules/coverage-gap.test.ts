import { describe, expect, it } from 'vitest';
import { fullMessage } from '../../../server/src/core/findings';
import { acmePack, CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

/** A controlled SOP that declares and cites one clause. */
const sop = (id: string, clause: string, status = 'effective') =>
  CLEAN_SOP.replace('SOP-001', id).replace('status: effective', `status: ${status}`).replace('clauses: ["4.2.4"]', `clauses: ["${clause}"]`).replace('§4.2.4', `§${clause}`);

/** A file without front matter whose mapping table cites clauses, as public template collections have. */
const mapping = (...clauses: string[]) =>
  `# Complaint Handling\n\n| ISO 13485:2016 Section | Document Section |\n|---|---|\n${clauses.map((c) => `| ${c} | (All) |\n`).join('')}`;

const CONFIG = '# the QMS\nstandard: iso13485:2016\n';

describe('coverage-gap', () => {
  it('reports every gap in one finding, on the value of the config file’s standard line', async () => {
    const result = await lintFiles({ '.qmslint.yaml': CONFIG, 'sop.md': CLEAN_SOP });
    const all = findings(result, undefined, 'coverage-gap');
    expect(all).toHaveLength(1);
    const [gap] = findings(result, '.qmslint.yaml', 'coverage-gap');
    expect(gap).toBeDefined();
    // The range is the value `iso13485:2016` on line 2.
    expect(CONFIG.slice(gap.range.start, gap.range.end)).toBe('iso13485:2016');
    const required = result.catalog.pack('iso13485:2016')!.clauses.filter((c) => c.documentedProcedure || c.documentedProcess);
    // SOP-001 covers 4.2.4; every other required clause is a gap, listed by number (too many for headings).
    expect(fullMessage(gap)).toMatch(new RegExp(`^ISO 13485:2016: ${required.length - 1} of ${required.length} required clauses not covered \\(ISO 13485:2016 4\\.2\\.1 c\\)\\)\\. ${required.length - 1} of ${required.length} clauses that require a documented procedure or process are not covered by an approved or effective document\\. ISO 13485:2016 4\\.2\\.1 c\\) requires the QMS documentation to include the documented procedures and records the standard requires\\. Cited by no document: 4\\.1\\.6, 4\\.2\\.5, `));
    for (const c of required.filter((c) => c.id !== '4.2.4')) expect(fullMessage(gap)).toMatch(new RegExp(`[ :]${c.id.replace(/\./g, '\\.')}[,.]`));
    expect(fullMessage(gap)).not.toMatch(/\b4\.2\.4\b/);
    expect(fullMessage(gap)).toMatch(/Run qmslint coverage for the detail\.$/);
    // The message alone is one short line: the count and the clause.
    expect(gap.message).toBe(`ISO 13485:2016: ${required.length - 1} of ${required.length} required clauses not covered (ISO 13485:2016 4.2.1 c)).`);
  });

  it('names each gap with its heading when there are few, and says which drafts cover a clause', async () => {
    const required = (await lintFiles({})).catalog.pack('iso13485:2016')!.clauses.filter((c) => c.documentedProcedure || c.documentedProcess);
    const missing = new Set(['8.2.2', '8.5.2']);
    const files: Record<string, string> = { '.qmslint.yaml': CONFIG };
    for (const [i, c] of required.entries()) {
      if (missing.has(c.id)) continue;
      files[`sop-${i}.md`] = sop(`SOP-${100 + i}`, c.id, c.id === '7.3.9' ? 'draft' : 'effective');
    }
    const [gap, ...more] = findings(await lintFiles(files), undefined, 'coverage-gap');
    expect(more).toEqual([]);
    expect(gap.path).toBe('/ws/.qmslint.yaml');
    const draft = required.findIndex((c) => c.id === '7.3.9');
    expect(fullMessage(gap)).toBe(
      `ISO 13485:2016: 3 of ${required.length} required clauses not covered (ISO 13485:2016 4.2.1 c)). 3 of ${required.length} clauses that require a documented procedure or process are not covered by an approved or effective document. ISO 13485:2016 4.2.1 c) requires the QMS documentation to include the documented procedures and records the standard requires. ` +
        `Cited by no document: 8.2.2 Complaint handling, 8.5.2 Corrective action. Drafts only: 7.3.9 Control of design and development changes (SOP-${100 + draft}). Run qmslint coverage for the detail.`,
    );
  });

  it('counts clauses cited only by files without an id as gaps, and says so', async () => {
    const result = await lintFiles({ '.qmslint.yaml': CONFIG, 'sop.md': CLEAN_SOP, 'templates/complaints.md': mapping('8.2.2', '8.2.3', '4.2.4') });
    const [gap, ...more] = findings(result, undefined, 'coverage-gap');
    expect(more).toEqual([]);
    expect(fullMessage(gap)).toContain(
      'Cited only by uncontrolled documents (a file without an id: templates/complaints.md): 8.2.2, 8.2.3; put it under document control, or cite the clauses in a controlled document.',
    );
    // Not also "cited by no document"; 4.2.4 is covered by SOP-001 whatever the table says.
    expect(fullMessage(gap)).not.toMatch(/Cited by no document: [\d., ]*\b8\.2\.2\b/);
    expect(fullMessage(gap)).not.toMatch(/\b4\.2\.4\b/);
  });

  it('says why a citation of the clause above does not cover a clause that requires its own procedure (7.5 and 7.5.7)', async () => {
    const required = (await lintFiles({})).catalog.pack('iso13485:2016')!.clauses.filter((c) => c.documentedProcedure || c.documentedProcess);
    const files: Record<string, string> = { '.qmslint.yaml': CONFIG, 'production.md': sop('SOP-900', '7.5') };
    for (const [i, c] of required.entries()) if (c.id !== '7.5.7') files[`sop-${i}.md`] = sop(`SOP-${100 + i}`, c.id);
    const [gap, ...more] = findings(await lintFiles(files), undefined, 'coverage-gap');
    expect(more).toEqual([]);
    expect(fullMessage(gap)).toContain(
      'Each requires its own procedure, which a citation of the clause above does not meet: 7.5.7 Sterilization and sterile barrier validation (only 7.5 is cited, by SOP-900); cite the clause itself in the document that meets it.',
    );
    expect(fullMessage(gap)).not.toContain('Cited by no document');
  });

  it('names clauses that are only partly covered (only subclauses cited) in a group of their own', async () => {
    const pack = acmePack(`  - {id: "1.1", title: Document control, parent: "1", documentedProcedure: true}
  - {id: "1.1.1", title: Approval, parent: "1.1"}
  - {id: "1.2", title: Training, parent: "1", documentedProcedure: true}
`);
    const doc = CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses: ["1.1.1", "1.2"]').replace('ISO 13485:2016 §4.2.4', '§1.1.1 and §1.2');
    const result = await lintFiles({ '.qmslint.yaml': 'standard: acme-qms:2026\npacks: [acme.yaml]\n', 'acme.yaml': pack, 'sop.md': doc });
    const [gap, ...more] = findings(result, undefined, 'coverage-gap');
    expect(more).toEqual([]);
    expect(fullMessage(gap)).toBe(
      'ACME QMS 2026: 1 of 2 required clauses not covered. 1 of 2 clauses that require a documented procedure or process is not covered by an approved or effective document. ' +
        'Partly covered (only subclauses cited): 1.1 Document control (SOP-001 cites 1.1.1); cite the clause itself where its procedure is. Run qmslint coverage for the detail.',
    );
  });

  it('is silent without controlled documents unless the config names the standard', async () => {
    // A collection of templates: mapping tables, no front matter, a config without `standard:`.
    const templates = { 'a.md': mapping('8.2.2', '4.2.4'), 'b.md': mapping('7.3.9'), 'notes.md': '# Notes\n' };
    expect(findings(await lintFiles(templates), undefined, 'coverage-gap')).toEqual([]);
    expect(findings(await lintFiles({ ...templates, '.qmslint.yaml': 'rules: {link-broken: off}\n' }), undefined, 'coverage-gap')).toEqual([]);
    // --standard is no configuration of the repository.
    expect(findings(await lintFiles({ ...templates, '.qmslint.yaml': 'rules: {link-broken: off}\n' }, { standard: 'iso13485:2016' }), undefined, 'coverage-gap')).toEqual([]);
    // A config that names the standard asks for it: one finding, on its line.
    const named = await lintFiles({ ...templates, '.qmslint.yaml': CONFIG });
    const all = findings(named, undefined, 'coverage-gap');
    expect(all).toHaveLength(1);
    expect(all[0].path).toBe('/ws/.qmslint.yaml');
    expect(CONFIG.slice(all[0].range.start, all[0].range.end)).toBe('iso13485:2016');
    expect(fullMessage(all[0])).toMatch(/Cited only by uncontrolled documents \(files without an id: a\.md, b\.md\): 4\.2\.4, 7\.3\.9, 8\.2\.2;/);
  });

  it('goes on the quality manual, else the first controlled document, when the config file does not name the standard', async () => {
    const manual = CLEAN_SOP.replace('type: SOP', 'type: MAN').replace('SOP-001', 'QM-001');
    const withManual = await lintFiles({ '.qmslint.yaml': 'rules: {link-broken: off}\n', 'qm.md': manual, 'sop.md': CLEAN_SOP });
    expect(findings(withManual, '.qmslint.yaml', 'coverage-gap')).toEqual([]);
    expect(findings(withManual, 'sop.md', 'coverage-gap')).toEqual([]);
    const [gap, ...more] = findings(withManual, 'qm.md', 'coverage-gap');
    expect(more).toEqual([]);
    expect(gap).toMatchObject({ line: 1, column: 1 });

    const noManual = await lintFiles({ 'b.md': sop('SOP-002', '8.2.2'), 'a.md': CLEAN_SOP });
    expect(findings(noManual, undefined, 'coverage-gap').map((f) => f.path)).toEqual(['/ws/a.md']);
  });

  it('leaves the standard line alone when another standard is in force (--standard)', async () => {
    const manual = CLEAN_SOP.replace('type: SOP', 'type: MAN').replace('SOP-001', 'QM-001');
    const result = await lintFiles({ '.qmslint.yaml': CONFIG, 'qm.md': manual }, { standard: 'iso9001:2015' });
    const all = findings(result, undefined, 'coverage-gap');
    expect(all.map((f) => f.path)).toEqual(['/ws/qm.md']);
    expect(fullMessage(all[0])).toMatch(/^ISO 9001:2015: /);
  });

  it('reports nothing when every required clause is covered', async () => {
    const required = (await lintFiles({})).catalog.pack('iso13485:2016')!.clauses.filter((c) => c.documentedProcedure || c.documentedProcess);
    const files: Record<string, string> = { '.qmslint.yaml': CONFIG };
    for (const [i, c] of required.entries()) files[`sop-${i}.md`] = sop(`SOP-${100 + i}`, c.id);
    expect(findings(await lintFiles(files), undefined, 'coverage-gap')).toEqual([]);
  });
});

/** A pack with two clauses that each require a documented procedure, and a config that uses it. */
const ACME_CASE = {
  config: 'standard: acme-qms:2026\npacks: [acme.yaml]\n',
  files: {
    'acme.yaml': acmePack(`  - {id: "1.1", title: Document control, parent: "1", documentedProcedure: true}
  - {id: "1.2", title: Training, parent: "1", documentedProcedure: true}
`),
  },
};
/** CLEAN_SOP citing the ACME clauses given. */
const acmeSop = (clauses: string, status = 'effective') =>
  CLEAN_SOP.replace('clauses: ["4.2.4"]', `clauses: [${clauses}]`).replace('ISO 13485:2016 §4.2.4', 'the ACME QMS').replace('status: effective', `status: ${status}`);

testRule('coverage-gap', {
  valid: [{ ...ACME_CASE, text: acmeSop('"1.1", "1.2"') }],
  invalid: [
    {
      name: 'a clause no document cites, reported on the config’s standard',
      ...ACME_CASE,
      text: acmeSop('"1.1"'),
      findings: [
        {
          message: 'ACME QMS 2026: 1 of 2 required clauses not covered.',
          detail: '1 of 2 clauses that require a documented procedure or process is not covered by an approved or effective document. Cited by no document: 1.2 Training. Run qmslint coverage for the detail.',
          path: '.qmslint.yaml',
          line: 1,
          column: 11,
          endColumn: 24,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'clauses only a draft covers',
      ...ACME_CASE,
      text: acmeSop('"1.1", "1.2"', 'draft'),
      findings: [{ includes: 'Drafts only: 1.1 Document control (SOP-001), 1.2 Training (SOP-001).', path: '.qmslint.yaml', line: 1, column: 11 }],
    },
  ],
});
