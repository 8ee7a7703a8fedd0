// The requirement flags of every built-in catalog, pinned (issue 13, point 13),
// as catalog-items.test.ts pins the lettered items. The flags decide what
// coverage-gap asks a QMS to have and what hover, completion and `standards
// show` say a clause requires, so a change to any list must show here in
// review. How each list was decided, and its known limits, is in
// docs/accuracy.md and in the comment at the top of each YAML file in
// server/standards/.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../server/src/core/standards/catalog';
import type { Clause } from '../../server/src/core/standards/types';

const catalog = Catalog.builtin();

function flagged(packId: string, test: (c: Clause) => boolean): string[] {
  return catalog.pack(packId)!.clauses.filter(test).map((c) => c.id);
}

const procedure = (c: Clause) => c.documentedProcedure === true;
const process = (c: Clause) => c.documentedProcess === true;
const maintain = (c: Clause) => c.documentedInformation === 'maintain';
const records = (c: Clause) => c.records === true;

// ISO 13485:2016: the 27 clauses whose wording asks for a documented procedure.
const ISO13485_PROCEDURE = [
  '4.1.6', '4.2.4', '4.2.5', '5.6.1', '6.4.1',
  '7.3.1', '7.3.8', '7.3.9', '7.4.1',
  '7.5.1', '7.5.4', '7.5.6', '7.5.7', '7.5.8', '7.5.9.1', '7.5.11', '7.6',
  '8.2.1', '8.2.2', '8.2.3', '8.2.4', '8.3.1', '8.3.3', '8.3.4', '8.4', '8.5.2', '8.5.3',
];
// The process itself is to be documented (human resources, planning of product realization).
const ISO13485_PROCESS = ['6.2', '7.1'];
// Records to be kept ("see 4.2.5"), including one lettered item or one sentence of a clause.
const ISO13485_RECORDS = [
  '4.1.3', '4.1.6', '4.2.5', '5.6.1', '5.6.3', '6.2', '6.3', '7.1', '7.2.2',
  '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7', '7.3.8', '7.3.9', '7.3.10',
  '7.4.1', '7.4.2', '7.4.3',
  '7.5.1', '7.5.3', '7.5.4', '7.5.5', '7.5.6', '7.5.7', '7.5.9.1', '7.5.9.2', '7.5.10', '7.5.11', '7.6',
  '8.2.2', '8.2.3', '8.2.4', '8.2.6', '8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.4', '8.5.2', '8.5.3',
];

// ISO 9001:2015 asks for no documented procedure: documented information to
// maintain, and to retain (records).
const ISO9001_MAINTAIN = ['4.3', '4.4.2', '5.2.2', '6.2.1', '8.1'];
const ISO9001_RECORDS = [
  '4.4.2', '7.1.5.1', '7.1.5.2', '7.2', '8.1', '8.2.3.2',
  '8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6', '8.4.1',
  '8.5.2', '8.5.3', '8.5.6', '8.6', '8.7.2', '9.1.1', '9.2.2', '9.3.3', '10.2.2',
];

// 21 CFR 820 (QMSR): 820.10 (document a QMS, procedures through ISO 13485)
// and 820.45 (labeling and packaging procedures); records in 820.35 and 820.45.
const CFR820_PROCEDURE = ['820.10', '820.45'];
const CFR820_RECORDS = ['820.35', '820.45'];

describe('requirement flags of the built-in catalogs', () => {
  it('lists exactly the packs pinned here', () => {
    expect(catalog.packs().map((p) => p.id)).toEqual(['iso13485:2016', 'iso9001:2015', '21cfr820']);
  });

  it('ISO 13485:2016: documentedProcedure, documentedProcess and records', () => {
    expect(flagged('iso13485:2016', procedure)).toEqual(ISO13485_PROCEDURE);
    expect(flagged('iso13485:2016', process)).toEqual(ISO13485_PROCESS);
    expect(flagged('iso13485:2016', records)).toEqual(ISO13485_RECORDS);
    expect(flagged('iso13485:2016', maintain)).toEqual([]);
  });

  it('ISO 13485:2016: 27 procedure clauses, none of them also a documented process', () => {
    expect(ISO13485_PROCEDURE).toHaveLength(27);
    expect(ISO13485_PROCEDURE.filter((id) => ISO13485_PROCESS.includes(id))).toEqual([]);
  });

  it('ISO 9001:2015: documentedInformation maintain and records, no procedure or process', () => {
    expect(flagged('iso9001:2015', maintain)).toEqual(ISO9001_MAINTAIN);
    expect(flagged('iso9001:2015', records)).toEqual(ISO9001_RECORDS);
    expect(flagged('iso9001:2015', procedure)).toEqual([]);
    expect(flagged('iso9001:2015', process)).toEqual([]);
  });

  it('21 CFR 820: documentedProcedure and records', () => {
    expect(flagged('21cfr820', procedure)).toEqual(CFR820_PROCEDURE);
    expect(flagged('21cfr820', records)).toEqual(CFR820_RECORDS);
    expect(flagged('21cfr820', process)).toEqual([]);
    expect(flagged('21cfr820', maintain)).toEqual([]);
  });

  it.each(['iso13485:2016', 'iso9001:2015', '21cfr820'])('%s: the clause listing reports the same procedure and records flags', (packId) => {
    const rows = catalog.listClauses(packId);
    expect(rows.filter((r) => r.documentedProcedure).map((r) => r.id)).toEqual(flagged(packId, procedure));
    expect(rows.filter((r) => r.records).map((r) => r.id)).toEqual(flagged(packId, records));
  });
});
