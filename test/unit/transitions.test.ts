// The edition transition tables (server/standards/transition-*.yaml): valid, complete for the
// old edition's structure, and pointing only at clauses the new edition's pack has.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../server/src/core/standards/catalog';
import { loadData } from '../../server/src/core/standards/load';
import { BUILTIN_TRANSITION_FILES, builtinTransitions, checkTransition, findTransition, oneToOne, transitionRow } from '../../server/src/core/standards/transitions';
import type { EditionTransition } from '../../server/src/core/standards/types';

/** Every numbered clause of ISO 13485:2003 from clause 4 down, as its structure is publicly listed. */
const ISO13485_2003 = [
  '4', '4.1', '4.2', '4.2.1', '4.2.2', '4.2.3', '4.2.4',
  '5', '5.1', '5.2', '5.3', '5.4', '5.4.1', '5.4.2', '5.5', '5.5.1', '5.5.2', '5.5.3', '5.6', '5.6.1', '5.6.2', '5.6.3',
  '6', '6.1', '6.2', '6.2.1', '6.2.2', '6.3', '6.4',
  '7', '7.1', '7.2', '7.2.1', '7.2.2', '7.2.3', '7.3', '7.3.1', '7.3.2', '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7',
  '7.4', '7.4.1', '7.4.2', '7.4.3', '7.5', '7.5.1', '7.5.1.1', '7.5.1.2', '7.5.1.2.1', '7.5.1.2.2', '7.5.1.2.3', '7.5.1.3',
  '7.5.2', '7.5.2.1', '7.5.2.2', '7.5.3', '7.5.3.1', '7.5.3.2', '7.5.3.2.1', '7.5.3.2.2', '7.5.3.3', '7.5.4', '7.5.5', '7.6',
  '8', '8.1', '8.2', '8.2.1', '8.2.2', '8.2.3', '8.2.4', '8.2.4.1', '8.2.4.2', '8.3', '8.4', '8.5', '8.5.1', '8.5.2', '8.5.3',
];

/** Every numbered clause of ISO 9001:2008 from clause 4 down. */
const ISO9001_2008 = [
  '4', '4.1', '4.2', '4.2.1', '4.2.2', '4.2.3', '4.2.4',
  '5', '5.1', '5.2', '5.3', '5.4', '5.4.1', '5.4.2', '5.5', '5.5.1', '5.5.2', '5.5.3', '5.6', '5.6.1', '5.6.2', '5.6.3',
  '6', '6.1', '6.2', '6.2.1', '6.2.2', '6.3', '6.4',
  '7', '7.1', '7.2', '7.2.1', '7.2.2', '7.2.3', '7.3', '7.3.1', '7.3.2', '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7',
  '7.4', '7.4.1', '7.4.2', '7.4.3', '7.5', '7.5.1', '7.5.2', '7.5.3', '7.5.4', '7.5.5', '7.6',
  '8', '8.1', '8.2', '8.2.1', '8.2.2', '8.2.3', '8.2.4', '8.3', '8.4', '8.5', '8.5.1', '8.5.2', '8.5.3',
];

const catalog = Catalog.builtin();
const table = (family: string, from: string) => findTransition(family, from)!;

describe('edition transition tables', () => {
  it.each(BUILTIN_TRANSITION_FILES)('$file passes the schema and its own checks', ({ text, file }) => {
    expect(loadData(text, file, 'transition', checkTransition).errors).toEqual([]);
  });

  it('refuses a broken table (the checks can fail)', () => {
    const text = BUILTIN_TRANSITION_FILES[0].text;
    const extra = text.replace('family: iso13485', 'family: iso13485\nnotes: x');
    expect(loadData(extra, 'x.yaml', 'transition').errors.map((e) => e.message)).toEqual(['unknown property "notes"']);
    const twice = text.replace('- { id: "4.1", title: General requirements, to: ["4.1"] }', '- { id: "4", title: General requirements, to: ["4.1"] }');
    expect(twice).not.toBe(text);
    expect(loadData(twice, 'x.yaml', 'transition', checkTransition).errors.map((e) => e.message)).toEqual(['duplicate clause "4" (first at clauses[0])']);
  });

  it.each([
    ['iso13485', '2003', 'iso13485:2016', ISO13485_2003],
    ['iso9001', '2008', 'iso9001:2015', ISO9001_2008],
  ])('%s %s lists every old clause once, in order, and maps only to clauses of %s', (family, from, pack, structure) => {
    const t: EditionTransition = table(family, from);
    expect(t.clauses.map((r) => r.id)).toEqual(structure);
    expect(catalog.pack(pack)?.edition).toBe(t.to);
    const missing = t.clauses.flatMap((r) => r.to.filter((id) => !catalog.clause(pack, id)).map((id) => `${r.id} -> ${id}`));
    expect(missing).toEqual([]);
    // The target edition is the current one, the old one withdrawn.
    const entry = catalog.registry().find((e) => e.family === family)!;
    expect(entry.editions.find((e) => e.edition === t.to)?.status).toBe('current');
    expect(entry.editions.find((e) => e.edition === t.from)?.status).toBe('withdrawn');
  });

  it('has no table for editions it does not cover', () => {
    expect(findTransition('iso9001', '2000')).toBeUndefined();
    expect(findTransition('iso13485', '1996')).toBeUndefined();
    expect(builtinTransitions()).toHaveLength(2);
  });

  it('says which old clauses map one-to-one', () => {
    const t13485 = table('iso13485', '2003');
    const one = (id: string) => oneToOne(transitionRow(t13485, id));
    // The example: document control moved from 4.2.3 to 4.2.4.
    expect([one('4.2.3'), one('4.2.4'), one('7.5.2.1'), one('8.2.2'), one('7.3.7'), one('4.2.3 a)')]).toEqual(['4.2.4', '4.2.5', '7.5.6', '8.2.4', '7.3.9', '4.2.4']);
    // Split, or the subject changed, or not a 2003 clause: no one-to-one clause.
    expect([one('7.5.2'), one('4.2.1'), one('8.5.1'), one('7.5.1.2.1'), one('9.1')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(transitionRow(t13485, '7.5.2')!.to).toEqual(['7.5.6', '7.5.7']);

    const t9001 = table('iso9001', '2008');
    const one9001 = (id: string) => oneToOne(transitionRow(t9001, id));
    expect([one9001('8.2.2'), one9001('5.6.2'), one9001('7.6')]).toEqual(['9.2', '9.3.2', '7.1.5']);
    // 4.2.3 splits; 5.5.2, 8.5.3 and 7.3.4 keep one number but changed subject; 6, 7 and 8 were renamed.
    for (const id of ['4.2.3', '5.5.2', '8.5.3', '7.3.4', '7.3.5', '7.3.6', '7.5.2', '4', '5', '6', '7', '8']) expect(one9001(id), id).toBeUndefined();
    expect(transitionRow(t9001, '4.2.3')!.to).toEqual(['7.5.2', '7.5.3']);
  });

  it('keeps headings and notes short (numbers and short headings only)', () => {
    for (const t of builtinTransitions()) {
      for (const r of t.clauses) {
        expect(r.title.length, r.id).toBeLessThanOrEqual(100);
        expect((r.check ?? '').length, r.id).toBeLessThanOrEqual(100);
      }
    }
  });
});
