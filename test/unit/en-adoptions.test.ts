import { fullMessage } from '../../server/src/core/findings';
// European adoptions in the edition registry (issue 13, point 8): an EN adoption's own editions
// and amendments are known with their status; one the registry does not list is reported as not
// known, with the current adoption as a suggestion (never a fix).
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../server/src/core/standards/catalog';
import { adoptionEditionStatus, adoptionOf } from '../../server/src/core/standards/registry';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

const PURPOSE = 'for all controlled documents.\n';
/** Every designation finding ends with the clause it rests on: the document's standard is ISO 13485:2016. */
const EXTERNAL = 'ISO 13485:2016 4.2.4 f) requires documents of external origin to be identified.';
const sop = (body: string) => CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${body}\n`);

async function check(body: string) {
  const text = sop(body);
  const result = await lintFiles({ 'sop.md': text });
  const list = findings(result, 'sop.md', 'clause-edition');
  return { list, at: list.map((f) => text.slice(f.range.start, f.range.end)) };
}

describe('EN adoptions in the registry', () => {
  const catalog = Catalog.builtin();
  const status = (number: string, edition: string) => adoptionEditionStatus(adoptionOf(catalog.findStandard(undefined, number)!, 'EN')!, edition);

  it('lists EN editions and amendments with their status', () => {
    expect(status('13485', '2016+A11:2021')).toBe('current');
    expect(status('13485', '2016/A11:2021')).toBe('current');
    expect(status('13485', '2016')).toBe('valid');
    expect(status('13485', '2012')).toBe('withdrawn');
    expect(status('13485', '2003')).toBe('withdrawn');
    expect(status('13485', '2016+A11:2022')).toBe('unknown');
    expect(status('14971', '2019+A11:2021')).toBe('current');
    expect(status('14971', '2019')).toBe('valid');
    expect(status('14971', '2012')).toBe('withdrawn');
    expect(status('62304', '2006+A1:2015')).toBe('current');
    expect(status('62304', '2006')).toBe('valid');
  });

  it('knows IEC 62366:2007 as withdrawn, replaced by IEC 62366-1', () => {
    const entry = catalog.findStandard('IEC', '62366')!;
    expect(entry.family).toBe('iec62366');
    expect(catalog.editionStatus(entry, '2007')).toBe('withdrawn');
    expect(catalog.findStandard('IEC', '62366-1')?.family).toBe('iec62366-1');
  });
});

describe('clause-edition on EN adoptions', () => {
  it('keeps current and valid adoptions clean', async () => {
    for (const body of [
      'EN ISO 13485:2016+A11:2021 is harmonised.',
      'EN ISO 13485:2016/A11:2021 is harmonised.',
      'EN ISO 13485:2016 applies.',
      'EN ISO 14971:2019+A11:2021 and EN ISO 14971:2019 apply.',
      'EN 62304:2006+A1:2015 and EN 62304:2006 apply.',
      // National adoptions carry their own years; not checked against the EN list.
      'BS EN ISO 13485:2016+A11:2021 and DIN EN ISO 13485:2021 apply.',
    ]) {
      expect((await check(body)).at, body).toEqual([]);
    }
  });

  it('reports withdrawn adoptions as withdrawn', async () => {
    const { list, at } = await check('EN ISO 13485:2012 applies.');
    expect(at).toEqual(['2012']);
    expect(fullMessage(list[0])).toBe(
      `EN ISO 13485:2012 is withdrawn (ISO 13485:2016 4.2.4 f)). Cite the current edition, EN ISO 13485:2016+A11:2021. Known EN editions: 2016+A11:2021 (current), 2016 (valid), 2012 (withdrawn), 2003 (withdrawn). ${EXTERNAL}`,
    );
    expect(list[0].fix).toBeUndefined();
    expect((await check('EN ISO 14971:2012 applies.')).at).toEqual(['2012']);
    // Not listed, but the year of a withdrawn ISO edition: withdrawn too.
    expect((await check('EN ISO 14971:2007 applies.')).list[0].message).toContain('EN ISO 14971:2007 is withdrawn');
  });

  it('reports an EN year or amendment it does not know, as a warning with a suggestion', async () => {
    for (const [body, at, says] of [
      ['EN ISO 13485:2099 applies.', '2099', 'EN ISO 13485 has no 2099 edition (ISO 13485:2016 4.2.4 f)). A typo?'],
      ['EN ISO 13485:2016+A11:2022 applies.', '2016+A11:2022', 'EN ISO 13485 has no 2016+A11:2022 edition that qmslint knows of'],
      ['EN ISO 13485:2030 applies.', '2030', 'unless a newer one has been published'],
      ['EN 62304:2006+A2:2021 applies.', '2006+A2:2021', 'EN 62304 has no 2006+A2:2021 edition that qmslint knows of'],
    ]) {
      const { list, at: where } = await check(body);
      expect(where, body).toEqual([at]);
      expect(list[0].severity).toBe('warning');
      expect(fullMessage(list[0]), body).toContain(says);
      expect(list[0].fix, body).toBeUndefined();
      expect(list[0].suggestions?.[0].edits.map((e) => e.text), body).toEqual([body.startsWith('EN 62304') ? '2006+A1:2015' : '2016+A11:2021']);
    }
  });

  it('reports IEC 62366:2007, and reads ISO 62366:2015 as IEC 62366-1', async () => {
    const { list, at } = await check('IEC 62366:2007 applies.');
    expect(at).toEqual(['2007']);
    expect(fullMessage(list[0])).toBe(`IEC 62366:2007 is withdrawn (ISO 13485:2016 4.2.4 f)). It was replaced by IEC 62366-1. Known editions: 2007+A1:2014 (withdrawn), 2007 (withdrawn). ${EXTERNAL}`);
    expect(list[0].fix).toBeUndefined();
    expect(fullMessage((await check('ISO 62366:2015 applies.')).list[0])).toBe(`ISO 62366:2015: 62366 is published by IEC as IEC 62366-1 (ISO 13485:2016 4.2.4 f)). Write IEC 62366-1:2015. ${EXTERNAL}`);
  });
});
