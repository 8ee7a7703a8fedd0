import { describe, expect, it } from 'vitest';
import cfr820Text from '../../server/standards/21cfr820.yaml';
import crosswalkText from '../../server/standards/crosswalk-iso9001-iso13485.yaml';
import iso13485Text from '../../server/standards/iso13485-2016.yaml';
import iso9001Text from '../../server/standards/iso9001-2015.yaml';
import registryText from '../../server/standards/registry.yaml';
import { Catalog } from '../../server/src/core/standards/catalog';
import { parseClauseRef, suggestClauseIds } from '../../server/src/core/standards/clause-ids';
import { formatPackError, loadData } from '../../server/src/core/standards/load';
import { normalizeEdition, publisherMatches } from '../../server/src/core/standards/registry';
import type { Crosswalk, StandardPack } from '../../server/src/core/standards/types';

const catalog = Catalog.builtin();

// Every clause and subclause of ISO 13485:2016 from 4 to 8.5.3.
const ISO13485_CLAUSES = [
  '4', '4.1', '4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.1.5', '4.1.6',
  '4.2', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5',
  '5', '5.1', '5.2', '5.3', '5.4', '5.4.1', '5.4.2',
  '5.5', '5.5.1', '5.5.2', '5.5.3', '5.6', '5.6.1', '5.6.2', '5.6.3',
  '6', '6.1', '6.2', '6.3', '6.4', '6.4.1', '6.4.2',
  '7', '7.1', '7.2', '7.2.1', '7.2.2', '7.2.3',
  '7.3', '7.3.1', '7.3.2', '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7', '7.3.8', '7.3.9', '7.3.10',
  '7.4', '7.4.1', '7.4.2', '7.4.3',
  '7.5', '7.5.1', '7.5.2', '7.5.3', '7.5.4', '7.5.5', '7.5.6', '7.5.7', '7.5.8',
  '7.5.9', '7.5.9.1', '7.5.9.2', '7.5.10', '7.5.11', '7.6',
  '8', '8.1', '8.2', '8.2.1', '8.2.2', '8.2.3', '8.2.4', '8.2.5', '8.2.6',
  '8.3', '8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.4', '8.5', '8.5.1', '8.5.2', '8.5.3',
];

// Clauses whose requirements include a documented procedure: every clause
// asking to "document procedures", for "a documented procedure" or for work
// "in accordance with documented procedures" (28), plus 6.2 and 7.1, which ask
// for the process itself to be documented. Source: our clause-by-clause
// reading of ISO 13485:2016, cross-checked against public lists (Advisera,
// i3c, Whittington, K-Dense), which give 27 to 31 because they count
// procedures rather than clauses (7.5.6 and 7.6 each ask for two) and differ
// on 6.2, 7.1, 8.2.6 and 8.3.4. See the comment in iso13485-2016.yaml.
const ISO13485_PROCEDURES = [
  '4.1.6', '4.2.4', '4.2.5', '5.6.1', '6.4.1',
  '7.3.1', '7.3.8', '7.3.9', '7.4.1',
  '7.5.1', '7.5.4', '7.5.6', '7.5.7', '7.5.8', '7.5.9.1', '7.5.11', '7.6',
  '8.2.1', '8.2.2', '8.2.3', '8.2.4', '8.3.1', '8.3.3', '8.3.4', '8.4', '8.5.2', '8.5.3',
];

const ISO9001_CLAUSES = [
  '4', '4.1', '4.2', '4.3', '4.4', '4.4.1', '4.4.2',
  '5', '5.1', '5.1.1', '5.1.2', '5.2', '5.2.1', '5.2.2', '5.3',
  '6', '6.1', '6.1.1', '6.1.2', '6.2', '6.2.1', '6.2.2', '6.3',
  '7', '7.1', '7.1.1', '7.1.2', '7.1.3', '7.1.4', '7.1.5', '7.1.5.1', '7.1.5.2', '7.1.6',
  '7.2', '7.3', '7.4', '7.5', '7.5.1', '7.5.2', '7.5.3', '7.5.3.1', '7.5.3.2',
  '8', '8.1', '8.2', '8.2.1', '8.2.2', '8.2.3', '8.2.3.1', '8.2.3.2', '8.2.4',
  '8.3', '8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6',
  '8.4', '8.4.1', '8.4.2', '8.4.3',
  '8.5', '8.5.1', '8.5.2', '8.5.3', '8.5.4', '8.5.5', '8.5.6', '8.6', '8.7', '8.7.1', '8.7.2',
  '9', '9.1', '9.1.1', '9.1.2', '9.1.3', '9.2', '9.2.1', '9.2.2', '9.3', '9.3.1', '9.3.2', '9.3.3',
  '10', '10.1', '10.2', '10.2.1', '10.2.2', '10.3',
];

const QSR_SECTIONS = [
  '820.5', '820.20', '820.22', '820.25', '820.30', '820.40', '820.50', '820.60', '820.65', '820.70',
  '820.72', '820.75', '820.80', '820.86', '820.90', '820.100', '820.120', '820.130', '820.140',
  '820.150', '820.160', '820.170', '820.180', '820.181', '820.184', '820.186', '820.198', '820.200', '820.250',
];

const ids = (packId: string) => catalog.listClauses(packId).map((c) => c.id);

describe('built-in data', () => {
  it.each([
    ['iso13485-2016.yaml', iso13485Text],
    ['iso9001-2015.yaml', iso9001Text],
    ['21cfr820.yaml', cfr820Text],
  ])('%s validates against the pack schema', (file, text) => {
    expect(loadData<StandardPack>(text, file, 'pack').errors).toEqual([]);
  });

  it('the registry and the crosswalk validate', () => {
    expect(loadData(registryText, 'registry.yaml', 'registry').errors).toEqual([]);
    expect(loadData(crosswalkText, 'crosswalk.yaml', 'crosswalk').errors).toEqual([]);
  });

  it('loads three packs', () => {
    expect(catalog.packs().map((p) => p.id)).toEqual(['iso13485:2016', 'iso9001:2015', '21cfr820']);
    expect(catalog.pack('iso13485:2016')).toMatchObject({ family: 'iso13485', publisher: 'ISO', title: 'ISO 13485:2016', edition: '2016' });
    expect(catalog.pack('21cfr820')).toMatchObject({ family: '21cfr820', publisher: 'FDA', title: '21 CFR 820', edition: '2026' });
  });

  it('ISO 13485:2016 has exactly the clauses 4 to 8.5.3', () => {
    expect(ids('iso13485:2016')).toEqual(ISO13485_CLAUSES);
  });

  it('ISO 9001:2015 has exactly the clauses 4 to 10.3', () => {
    expect(ids('iso9001:2015')).toEqual(ISO9001_CLAUSES);
  });

  it('ISO 13485:2016 flags 27 clauses as requiring a documented procedure', () => {
    const flagged = catalog.listClauses('iso13485:2016').filter((c) => c.documentedProcedure).map((c) => c.id);
    expect(flagged).toEqual(ISO13485_PROCEDURES);
    expect(flagged).toHaveLength(27);
    const processes = catalog.packs().find((p) => p.id === 'iso13485:2016')!.clauses.filter((c) => c.documentedProcess).map((c) => c.id);
    expect(processes).toEqual(['6.2', '7.1']);
  });

  it('flags records on the clauses everyone cites for them', () => {
    for (const id of ['4.2.5', '5.6.1', '6.2', '7.3.6', '7.3.7', '7.3.9', '7.5.9.2', '8.2.2', '8.2.4', '8.3.1', '8.5.2']) {
      expect(catalog.clause('iso13485:2016', id)?.records, id).toBe(true);
    }
    expect(catalog.clause('iso13485:2016', '4.2.4')?.records).toBeUndefined();
  });

  it.each(['iso13485:2016', 'iso9001:2015', '21cfr820'])('%s: unique ids, parents exist and come first, short headings', (packId) => {
    const pack = catalog.pack(packId)!;
    const seen = new Set<string>();
    for (const c of pack.clauses) {
      expect(seen.has(c.id), `duplicate ${c.id}`).toBe(false);
      if (c.parent !== undefined) {
        expect(seen.has(c.parent), `${c.id}: parent ${c.parent} missing or later`).toBe(true);
        // A subclause's number extends its parent's.
        expect(c.id.startsWith(`${c.parent}.`), `${c.id} under ${c.parent}`).toBe(true);
      } else {
        expect(c.id.includes('.') && packId !== '21cfr820', `${c.id} has no parent`).toBe(false);
      }
      seen.add(c.id);
      // Headings, not text: a long title is a sign someone pasted the standard.
      expect(c.title.length, c.title).toBeLessThanOrEqual(60);
    }
    for (const s of pack.superseded ?? []) expect(seen.has(s.id)).toBe(false);
  });

  it('4.2.4 has items a) to h)', () => {
    expect(catalog.clause('iso13485:2016', '4.2.4')?.items).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it.each(['iso13485:2016', 'iso9001:2015', '21cfr820'])('%s: document-control profile', (packId) => {
    const dc = catalog.pack(packId)!.documentControl!;
    expect(dc.requiredFields.map((f) => f.field)).toEqual(['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner']);
    for (const ref of [dc.approvalClause, dc.changeClause, dc.reviewClause, dc.obsoleteClause!, dc.procedureClause!, ...dc.requiredFields.flatMap((f) => (f.clause ? [f.clause] : []))]) {
      const { clause, item } = parseClauseRef(ref);
      // 21 CFR 820's profile names ISO 13485:2016 clauses, which 820.10 incorporates.
      const c = catalog.clause(catalog.clausePack(packId, clause)!.id, clause);
      expect(c, ref).toBeDefined();
      if (item) expect(c!.items, ref).toContain(item);
    }
    for (const t of ['SOP', 'WI', 'POL', 'MAN', 'PLN']) expect(dc.types[t]).toEqual({ approvals: ['author', 'reviewer', 'approver'] });
    expect(dc.types.FRM).toEqual({ approvals: ['author', 'approver'] });
    expect(dc.types.REC).toEqual({ approvals: [], historyRequired: false });
    expect(dc.types.TPL).toEqual({ approvals: ['author', 'approver'], placeholdersAllowed: true });
  });

  it('ISO 13485 document control cites 4.2.4', () => {
    const dc = catalog.pack('iso13485:2016')!.documentControl!;
    expect(dc).toMatchObject({ approvalClause: '4.2.4 a)', changeClause: '4.2.4 c)', reviewClause: '4.2.4 b)', obsoleteClause: '4.2.4 h)', procedureClause: '4.2.1 c)' });
    const byField = Object.fromEntries(dc.requiredFields.map((f) => [f.field, f.clause]));
    expect(byField).toMatchObject({ revision: '4.2.4 c)', id: '4.2.4 e)', title: '4.2.4 e)', status: '4.2.4 h)' });
    expect(dc.availabilityClause).toBe('4.2.4 d)');
  });

  // No clause requires a type, an effective date or an owner (4.2.4 d) is availability at points
  // of use, 4.2.4 b) review and re-approval): they are house rules, cited as the configuration's.
  it.each(['iso13485:2016', 'iso9001:2015'])('%s: type, effective_date and owner are house rules (no clause)', (packId) => {
    const dc = catalog.pack(packId)!.documentControl!;
    const byField = Object.fromEntries(dc.requiredFields.map((f) => [f.field, f.clause]));
    expect([byField.type, byField.effective_date, byField.owner]).toEqual([undefined, undefined, undefined]);
    expect(dc.requiredFields.map((f) => f.field)).toEqual(expect.arrayContaining(['type', 'effective_date', 'owner']));
  });

  it('ISO 9001 document control cites 7.5', () => {
    expect(catalog.pack('iso9001:2015')!.documentControl).toMatchObject({
      approvalClause: '7.5.2 c)',
      changeClause: '7.5.3.2 c)',
      reviewClause: '7.5.2 c)',
      procedureClause: '7.5.1 a)',
    });
  });

  it('crosswalk pairs name clauses that exist on both sides', () => {
    const cw = loadData<Crosswalk>(crosswalkText, 'crosswalk.yaml', 'crosswalk').value!;
    expect(cw.pairs.length).toBeGreaterThanOrEqual(50);
    for (const [a, b] of cw.pairs) {
      expect(catalog.clause(cw.from, a), a).toBeDefined();
      expect(catalog.clause(cw.to, b), b).toBeDefined();
    }
  });

  it('built-in data is frozen', () => {
    const pack = catalog.pack('iso13485:2016')!;
    expect(Object.isFrozen(pack.clauses[0])).toBe(true);
    expect(() => (pack.documentControl!.types.SOP.approvals as string[]).push('x')).toThrow();
  });
});

describe('21 CFR 820 (QMSR)', () => {
  it('has the QMSR sections', () => {
    expect(ids('21cfr820')).toEqual(['820.1', '820.3', '820.7', '820.10', '820.35', '820.45']);
    expect(catalog.clause('21cfr820', '820.10')?.title).toBe('Requirements for a quality management system');
  });

  it('lists every old QSR section as superseded, with what replaced it', () => {
    expect(catalog.pack('21cfr820')!.superseded!.map((s) => s.id)).toEqual(QSR_SECTIONS);
    expect(catalog.superseded('21cfr820', '820.30')).toMatchObject({ title: 'Design controls', replacedBy: 'ISO 13485:2016 7.3 via 820.10' });
    expect(catalog.superseded('21cfr820', '820.198')).toMatchObject({ title: 'Complaint files', replacedBy: '820.35 and ISO 13485:2016 8.2.2' });
    expect(catalog.superseded('qmsr', '§ 820.30(a)')?.id).toBe('820.30');
    expect(catalog.superseded('21cfr820', '820.10')).toBeUndefined();
    expect(catalog.clause('21cfr820', '820.30')).toBeUndefined();
  });
});

describe('lookups', () => {
  it('finds packs by id, alias and citation, ignoring case', () => {
    for (const q of ['iso13485:2016', 'ISO13485:2016', 'ISO 13485:2016', 'iso13485', '13485', 'ISO 13485', 'EN ISO 13485:2016']) {
      expect(catalog.pack(q)?.id, q).toBe('iso13485:2016');
    }
    for (const q of ['iso9001', '9001', 'ISO 9001', 'ISO 9001:2015', 'ISO 9001:2015/Amd 1:2024']) {
      expect(catalog.pack(q)?.id, q).toBe('iso9001:2015');
    }
    for (const q of ['21cfr820', '21 CFR 820', '21 CFR Part 820', 'cfr820', 'QMSR', 'qmsr']) {
      expect(catalog.pack(q)?.id, q).toBe('21cfr820');
    }
    expect(catalog.pack('ISO 13485:2003')).toBeUndefined();
    expect(catalog.pack('IEC 62304')).toBeUndefined();
    expect(catalog.pack('nonsense')).toBeUndefined();
  });

  it('looks clauses up with or without a sub-item', () => {
    expect(catalog.clause('13485', '4.2.4')?.title).toBe('Control of documents');
    expect(catalog.clause('13485', '4.2.4 c)')?.id).toBe('4.2.4');
    expect(catalog.clause('qmsr', '§ 820.10(a)')?.id).toBe('820.10');
    expect(catalog.clause('13485', '4.2.6')).toBeUndefined();
    expect(catalog.clause('unknown', '4.2')).toBeUndefined();
  });

  it('lists children in order', () => {
    expect(catalog.children('iso13485:2016', '4.2').map((c) => c.id)).toEqual(['4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5']);
    expect(catalog.children('iso13485:2016', '7.5.9').map((c) => c.id)).toEqual(['7.5.9.1', '7.5.9.2']);
    expect(catalog.children('iso13485:2016', '4.2.4')).toEqual([]);
  });

  it('listClauses always carries both flags', () => {
    const rows = catalog.listClauses('iso9001:2015');
    expect(rows[0]).toEqual({ id: '4', title: 'Context of the organization', documentedProcedure: false, records: false });
    expect(rows.find((r) => r.id === '7.5.2')).toEqual({ id: '7.5.2', title: 'Creating and updating', parent: '7.5', documentedProcedure: false, records: false });
    expect(rows.every((r) => typeof r.documentedProcedure === 'boolean' && typeof r.records === 'boolean')).toBe(true);
    expect(catalog.listClauses('nope')).toEqual([]);
  });
});

describe('suggest', () => {
  it('finds the clause with a dot in the wrong place first', () => {
    expect(catalog.suggest('iso13485:2016', '4.21')[0]).toBe('4.2.1');
    expect(catalog.suggest('iso13485:2016', '7.51')[0]).toBe('7.5.1');
    expect(catalog.suggest('iso13485:2016', '2.4.4')[0]).toBe('4.2.4');
  });

  it('offers close siblings for a number past the end', () => {
    const s = catalog.suggest('iso13485:2016', '7.3.11');
    expect(s).toContain('7.3.1');
    expect(s).toContain('7.3.10');
    expect(s.length).toBeLessThanOrEqual(3);
    expect(catalog.suggest('iso13485:2016', '8.2.7')[0]).toBe('8.2.6');
  });

  it('returns nothing for an existing clause, a far miss or an unknown pack', () => {
    expect(catalog.suggest('iso13485:2016', '4.2.4')).toEqual([]);
    expect(catalog.suggest('iso13485:2016', '99.99.99')).toEqual([]);
    expect(catalog.suggest('nope', '4.21')).toEqual([]);
  });

  it('works on any list of ids', () => {
    expect(suggestClauseIds('820.11', ['820.1', '820.10', '820.35'])).toEqual(['820.10', '820.1']);
  });
});

describe('registry', () => {
  it('knows the standard families', () => {
    expect(catalog.registry().map((e) => e.family)).toEqual([
      'iso13485', 'iso9001', 'iec62304', 'iso14971', 'iec62366-1', 'iec62366', 'iec82304-1', 'isoiec27001', 'isoiec27002',
      'iec60601-1', 'iec60601-1-2', 'iso15223-1', 'iso20417', 'iso10993-1', 'iec81001-5-1', 'iso14155', 'isotr24971',
      'isoiec17025', '21cfr820',
    ]);
  });

  it('finds entries by number, with or without publisher', () => {
    expect(catalog.findStandard('ISO', '13485')?.family).toBe('iso13485');
    expect(catalog.findStandard(undefined, '62304')?.publisher).toBe('IEC');
    expect(catalog.findStandard('IEC', '62366-1')?.family).toBe('iec62366-1');
    expect(catalog.findStandard('ISO', '27001')?.publisher).toBe('ISO/IEC');
    expect(catalog.findStandard(undefined, '9001')?.family).toBe('iso9001');
    expect(catalog.findStandard(undefined, '14971')?.family).toBe('iso14971');
    expect(catalog.findStandard('21 CFR', '820')?.family).toBe('21cfr820');
    // A wrong publisher still finds the entry, so a rule can name the right one.
    expect(catalog.findStandard('IEC', '13485')?.publisher).toBe('ISO');
    expect(catalog.findStandard('ISO', '99999')).toBeUndefined();
  });

  it('checks publishers, allowing regional adoption prefixes', () => {
    const iso13485 = catalog.findStandard('ISO', '13485')!;
    expect(publisherMatches(iso13485, 'ISO')).toBe(true);
    expect(publisherMatches(iso13485, 'EN ISO')).toBe(true);
    expect(publisherMatches(iso13485, 'BS EN ISO')).toBe(true);
    expect(publisherMatches(iso13485, 'IEC')).toBe(false);
    expect(publisherMatches(catalog.findStandard(undefined, '27001')!, 'ISO')).toBe(false);
    expect(publisherMatches(catalog.findStandard(undefined, '62304')!, 'ANSI/AAMI/IEC')).toBe(true);
    expect(publisherMatches(catalog.findStandard(undefined, '820')!, '21 CFR')).toBe(true);
  });

  it('grades editions', () => {
    const status = (number: string, edition: string) => catalog.editionStatus(catalog.findStandard(undefined, number)!, edition);
    expect(status('13485', '2016')).toBe('current');
    expect(status('13485', '2003')).toBe('withdrawn');
    expect(status('9001', '2015')).toBe('current');
    expect(status('9001', '2008')).toBe('withdrawn');
    expect(status('62304', '2006')).toBe('valid');
    expect(status('62304', '2006+A1:2015')).toBe('current');
    expect(status('62304', '2006/A1:2015')).toBe('current');
    expect(status('62304', '2006/Amd 1:2015')).toBe('current');
    expect(status('62304', '2006 + AMD1:2015')).toBe('current');
    expect(status('14971', '2019')).toBe('current');
    expect(status('14971', '2007')).toBe('withdrawn');
    expect(status('62366-1', '2015')).toBe('valid');
    expect(status('62366-1', '2015+A1:2020')).toBe('current');
    expect(status('82304-1', '2016')).toBe('current');
    expect(status('27001', '2022')).toBe('current');
    expect(status('27001', '2013')).toBe('withdrawn');
    expect(status('13485', '2012')).toBe('unknown');
  });

  it('normalizes edition spellings', () => {
    expect(normalizeEdition('2006/Amd.1:2015')).toBe('2006+A1:2015');
    expect(normalizeEdition(' 2016 ')).toBe('2016');
  });
});

describe('crosswalk', () => {
  it('maps ISO 9001 to ISO 13485', () => {
    expect(catalog.crosswalk('iso9001:2015', 'iso13485:2016', '7.5.2')).toEqual(['4.2.4', '4.2.5']);
    expect(catalog.crosswalk('iso9001:2015', 'iso13485:2016', '7.5.3')).toEqual(['4.2.4', '4.2.5']);
    expect(catalog.crosswalk('9001', '13485', '10.2.2')).toEqual(['8.5.2']);
  });

  it('maps ISO 13485 back to ISO 9001', () => {
    expect(catalog.crosswalk('iso13485:2016', 'iso9001:2015', '4.2.5')).toEqual(['7.5.2', '7.5.3', '7.5.3.2']);
    expect(catalog.crosswalk('ISO 13485', 'ISO 9001', '7.3.9')).toEqual(['8.3.6']);
  });

  it('is empty for unmapped clauses and unrelated packs', () => {
    expect(catalog.crosswalk('iso9001:2015', 'iso13485:2016', '7.1.6')).toEqual([]);
    expect(catalog.crosswalk('iso9001:2015', '21cfr820', '7.5.2')).toEqual([]);
    expect(catalog.crosswalk('nope', 'iso13485:2016', '7.5.2')).toEqual([]);
  });
});

const MY_PACK = `# A company's own standard
id: acme-qm:2024
family: acme-qm
title: ACME Quality Manual 2024
publisher: ACME
edition: "2024"
aliases: [acme]
clauses:
  - { id: "1", title: Scope }
  - { id: "1.1", title: Applicability, parent: "1", documentedProcedure: true }
  - { id: "2", title: Documents, records: true, items: [a, b] }
documentControl:
  requiredFields:
    - { field: id, clause: 2 a) }
  approvalClause: 2 a)
  changeClause: 2 b)
  reviewClause: "2"
  types:
    SOP: { approvals: [author, approver] }
crosswalks:
  - to: iso13485
    pairs: [["2", "4.2.4"]]
`;

describe('addPack', () => {
  it('adds a valid pack to a clone, not to the shared catalog', () => {
    const mine = catalog.clone();
    expect(mine.addPack(MY_PACK, 'packs/acme.yaml')).toEqual([]);
    expect(mine.pack('ACME')?.id).toBe('acme-qm:2024');
    expect(mine.pack('acme-qm')?.id).toBe('acme-qm:2024');
    expect(mine.clause('acme-qm:2024', '1.1')?.documentedProcedure).toBe(true);
    expect(mine.crosswalk('acme', 'iso13485:2016', '2')).toEqual(['4.2.4']);
    expect(mine.crosswalk('iso13485:2016', 'acme', '4.2.4')).toEqual(['2']);
    expect(mine.pack('iso13485')?.id).toBe('iso13485:2016');
    expect(catalog.pack('acme')).toBeUndefined();
    expect(Catalog.builtin()).toBe(catalog);
  });

  it('refuses to change the shared built-in catalog', () => {
    expect(() => Catalog.builtin().addPack(MY_PACK, 'packs/acme.yaml')).toThrow(/clone/);
  });

  it('reports broken YAML with the source and line', () => {
    const errors = catalog.clone().addPack('id: x\nclauses: [\n  { id: "1", title: One\n', 'packs/broken.yaml');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].source).toBe('packs/broken.yaml');
    expect(errors[0].line).toBeGreaterThanOrEqual(2);
    expect(formatPackError(errors[0])).toMatch(/^packs\/broken\.yaml:\d+:\d+: /);
  });

  it('reports schema violations with the source, key path and line', () => {
    const text = MY_PACK.replace('title: Applicability', 'title: 42').replace('edition: "2024"\n', 'edition: "2024"\nfoo: bar\n');
    const errors = catalog.clone().addPack(text, 'packs/acme.yaml');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'packs/acme.yaml', path: 'clauses[1].title', line: 11, message: 'must be string' }),
        expect.objectContaining({ source: 'packs/acme.yaml', path: 'foo', line: 7, column: 1, message: 'unknown property "foo"' }),
      ]),
    );
    expect(formatPackError(errors.find((e) => e.path === 'foo')!)).toBe('packs/acme.yaml:7:1: foo: unknown property "foo"');
  });

  it('reports a missing property and a bad clause number', () => {
    const errors = catalog.clone().addPack(MY_PACK.replace('publisher: ACME\n', '').replace('id: "1.1"', 'id: "1 .1"'), 'p.yaml');
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining(['missing required property "publisher"', '"1 .1" is not a clause number (like 7.3.2 or 820.10)']),
    );
  });

  it('rejects pasted text in a heading', () => {
    const errors = catalog.clone().addPack(MY_PACK.replace('title: Scope', `title: ${'The organization shall '.repeat(6)}`), 'p.yaml');
    expect(errors[0]).toMatchObject({ path: 'clauses[0].title', line: 9 });
    expect(errors[0].message).toMatch(/keep headings short/);
  });

  it('reports duplicate ids, missing parents and bad references', () => {
    const text = MY_PACK.replace('{ id: "2", title: Documents', '{ id: "1", title: Documents')
      .replace('parent: "1"', 'parent: "9"')
      .replace('changeClause: 2 b)', 'changeClause: 3 b)');
    const errors = catalog.clone().addPack(text, 'p.yaml');
    const messages = errors.map((e) => `${e.path} @${e.line}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'clauses[2].id @11: duplicate clause "1" (first at clauses[0])',
        'clauses[1].parent @10: parent "9" is not a clause of this pack',
        'documentControl.changeClause @16: clause "3" is not in this pack',
      ]),
    );
  });

  it('refuses a pack id that is already loaded', () => {
    const mine = catalog.clone();
    expect(mine.addPack(MY_PACK, 'a.yaml')).toEqual([]);
    expect(mine.addPack(MY_PACK, 'b.yaml')).toEqual([
      expect.objectContaining({ source: 'b.yaml', path: 'id', line: 2, message: 'a pack "acme-qm:2024" is already loaded from a.yaml' }),
    ]);
    expect(mine.addPack(MY_PACK.replace('id: acme-qm:2024', 'id: ISO13485:2016'), 'c.yaml')[0].message).toMatch(/builtin:iso13485-2016\.yaml/);
  });

  it('never constructs objects from tags and reports empty or non-object files', () => {
    const tagged = catalog.clone().addPack('id: !!js/function "function () { return 1 }"\n', 'evil.yaml');
    expect(tagged[0]).toMatchObject({ source: 'evil.yaml', line: 1 });
    expect(catalog.clone().addPack('', 'empty.yaml')[0]).toMatchObject({ source: 'empty.yaml', message: 'must be object' });
    expect(catalog.clone().addPack('- just\n- a list\n', 'list.yaml')[0]).toMatchObject({ message: 'must be object' });
  });

  it('stops alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const errors = catalog.clone().addPack(bomb.join('\n'), 'bomb.yaml');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].source).toBe('bomb.yaml');
  });
});

describe('parseClauseRef', () => {
  it.each([
    ['4.2.4', { clause: '4.2.4' }],
    ['4.2.4 c)', { clause: '4.2.4', item: 'c' }],
    ['820.10(a)', { clause: '820.10', item: 'a' }],
    ['§ 820.10 (b)(1)', { clause: '820.10', item: 'b' }],
    ['Clause 7.3.2.', { clause: '7.3.2' }],
    ['7.5.10', { clause: '7.5.10' }],
  ])('%s', (ref, expected) => {
    expect(parseClauseRef(ref)).toEqual(expected);
  });
});
