import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/engine';
import { applyEdits } from '../../../server/src/core/fixes';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';

const RULE = 'clause-edition';
const PURPOSE = 'for all controlled documents.\n';

/** The clean SOP with `body` as a paragraph after its purpose. */
function sop(body: string, sop = CLEAN_SOP): string {
  expect(sop).toContain(PURPOSE);
  return sop.replace(PURPOSE, `${PURPOSE}\n${body}\n`);
}

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

async function check(text: string) {
  const result = await lintFiles({ 'sop.md': text });
  const list = findings(result, 'sop.md', RULE);
  return { result, list, at: list.map((f) => slice(result, f)) };
}

/** Applies every fix of the rule's findings; the fixed text must then be clean. */
async function fixAll(text: string): Promise<string> {
  const { list } = await check(text);
  const fixed = applyEdits(text, list.flatMap((f) => f.fix?.edits ?? []));
  expect((await check(fixed)).list).toEqual([]);
  return fixed;
}

describe('clause-edition', () => {
  it('reports nothing on a clean SOP', async () => {
    expect((await check(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports a wrong publisher on a standard named without a clause, at the publisher', async () => {
    const text = sop('Software engineers must complete training on ISO 62304 software life-cycle processes.');
    const { list, at } = await check(text);
    expect(at).toEqual(['ISO']);
    expect(list[0].severity).toBe('warning');
    expect(list[0].message).toBe('62304 is published by IEC, not ISO: write IEC 62304.');
    expect(list[0].fix?.title).toBe('Change publisher to IEC');
    expect(list[0].fix?.edits.map((e) => e.text)).toEqual(['IEC']);
    expect(await fixAll(text)).toContain('training on IEC 62304 software life-cycle processes.');
  });

  it('accepts current and still valid editions, cited or named', async () => {
    for (const body of [
      'IEC 62304:2006+A1:2015 5.1',
      'IEC 62304:2006 applies.',
      'ISO 13485:2016 7.3.2 and ISO 9001:2015.',
      'IEC 62366-1:2015+A1:2020, ISO/IEC 27001:2022 and ISO 14971:2019.',
      'EN ISO 13485:2016+A11:2021 and EN 62304:2006/A1:2015 are the harmonised editions.',
    ]) {
      expect((await check(sop(body))).at, body).toEqual([]);
    }
  });

  it('reports a withdrawn edition once, whether or not a clause follows', async () => {
    const cited = await check(sop('Records are controlled per ISO 13485:2003 4.2.3.'));
    expect(cited.at).toEqual(['2003']);
    expect(cited.list[0].message).toBe(
      'ISO 13485:2003 is withdrawn; cite the current edition, ISO 13485:2016. Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn).',
    );
    expect(cited.list[0].fix?.edits.map((e) => e.text)).toEqual(['2016']);

    // One designation, several clauses: still one finding.
    expect((await check(sop('ISO 13485:2003 clauses 4.2.3, 4.2.4 and 7.3.'))).at).toEqual(['2003']);
    expect((await check(sop('The risk file follows ISO 14971:2007.'))).at).toEqual(['2007']);
    expect((await check(sop('EN ISO 13485:2003 was the harmonised edition.'))).at).toEqual(['2003']);
  });

  it('reports an edition that does not exist', async () => {
    const { list, at } = await check(sop('The QMS is certified to ISO 13485:2015.'));
    expect(at).toEqual(['2015']);
    expect(list[0].message).toBe(
      'ISO 13485 has no 2015 edition; cite the current edition, ISO 13485:2016. Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn).',
    );
  });

  it('reports each occurrence in reference lists, tables and headings', async () => {
    const body = [
      '## References',
      '- ISO 13485:2016 Medical devices - Quality management systems',
      '- ISO/IEC 27001:2013 Information security management systems',
      '- ISO 14971:2007 Medical devices - Application of risk management',
      '',
      '| Standard | Use |',
      '|---|---|',
      '| ISO 62304 | Software |',
      '| ISO/IEC 27001:2013 | Security |',
    ].join('\n');
    const { at } = await check(sop(body));
    expect(at).toEqual(['2013', '2007', 'ISO', '2013']);
  });

  it('reports the front matter standard: value', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager\n', 'owner: Quality Manager\nstandard: "ISO 13485:2003"\n');
    const { at } = await check(text);
    expect(at).toEqual(['2003']);
  });

  it('does not check standards the registry does not know, nor the CFR outside the QSR', async () => {
    for (const body of ['Clinical investigations follow ISO 14155:2020.', 'ISO 14155:2011 6.1', 'Electronic records meet 21 CFR Part 11.']) {
      expect((await check(sop(body))).at, body).toEqual([]);
    }
  });

  it('reports superseded QSR sections from citations', async () => {
    const { list, at } = await check(sop('Design changes follow 21 CFR 820.30.'));
    expect(at).toEqual(['820.30']);
    expect(list[0].message).toBe(
      '21 CFR 820.30 (Design controls) was superseded when the QMSR took effect on 2026-02-02; cite ISO 13485:2016 7.3 via 820.10 instead.',
    );
  });

  it('ignores code', async () => {
    for (const body of ['Write `ISO 62304` or `ISO 13485:2003` in code.', '```\nISO 13485:2003 4.2.3\n```']) {
      expect((await check(sop(body))).list, body).toEqual([]);
    }
  });

  it('skips obsolete documents', async () => {
    const text = sop('Per ISO 62304 and ISO 13485:2003 4.2.3 and 21 CFR 820.30.').replace('status: effective', 'status: obsolete');
    expect((await check(text)).list).toEqual([]);
  });

  it('fixes every publisher and edition in one pass', async () => {
    const body = [
      'Software engineers must complete training on ISO 62304 software life-cycle processes.',
      'Records are controlled per ISO 13485:2003 4.2.3, certified to ISO 13485:2015, see EN ISO 62304:2006.',
      '- ISO 14971:2007 Medical devices',
      '- ISO/IEC 27001:2013',
    ].join('\n\n');
    const fixed = await fixAll(sop(body));
    expect(fixed).toContain(
      [
        'Software engineers must complete training on IEC 62304 software life-cycle processes.',
        'Records are controlled per ISO 13485:2016 4.2.3, certified to ISO 13485:2016, see EN IEC 62304:2006.',
        '- ISO 14971:2019 Medical devices',
        '- ISO/IEC 27001:2022',
      ].join('\n\n'),
    );
  });
});
