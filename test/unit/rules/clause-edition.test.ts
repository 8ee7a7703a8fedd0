import { describe, expect, it } from 'vitest';
import { fullMessage } from '../../../server/src/core/findings';
import type { LintResult } from '../../../server/src/core/project';
import { extractCitations } from '../../../server/src/core/citations';
import { applyEdits } from '../../../server/src/core/fixes';
import { parseMarkdown } from '../../../server/src/core/parse';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'clause-edition';
const PURPOSE = 'for all controlled documents.\n';
/** Every designation finding ends with the clause it rests on: the document's standard is ISO 13485:2016. */
const EXTERNAL = 'ISO 13485:2016 4.2.4 f) requires documents of external origin to be identified.';

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

/** Applies every fix of the rule's findings (what --fix does); the fixed text must then be clean. */
async function fixAll(text: string): Promise<string> {
  const { list } = await check(text);
  const fixed = applyEdits(text, list.flatMap((f) => f.fix?.edits ?? []));
  expect((await check(fixed)).list).toEqual([]);
  return fixed;
}

/** Applies the first suggestion of every finding, or its fix when it has none (a user accepting each in an editor). */
async function acceptSuggestions(text: string): Promise<string> {
  const { list } = await check(text);
  return applyEdits(text, list.flatMap((f) => (f.suggestions?.[0] ?? f.fix)?.edits ?? []));
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
    expect(fullMessage(list[0])).toBe(`62304 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write IEC 62304. ${EXTERNAL}`);
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
    // Named without a clause: the year alone changes no clause's meaning, but another edition may
    // not be what the author meant: a suggestion, never a fix.
    const named = await check(sop('Records are controlled per ISO 13485:2003.'));
    expect(named.at).toEqual(['2003']);
    expect(fullMessage(named.list[0])).toBe(
      `ISO 13485:2003 is withdrawn (ISO 13485:2016 4.2.4 f)). Cite the current edition, ISO 13485:2016. Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn). ${EXTERNAL}`,
    );
    expect(named.list[0].fix).toBeUndefined();
    expect(named.list[0].suggestions?.map((f) => f.title)).toEqual(['Change edition to 2016']);
    expect(named.list[0].suggestions?.[0].edits.map((e) => e.text)).toEqual(['2016']);
    // With a clause: the transition table decides (edition-transition.test.ts).
    const cited = await check(sop('Records are controlled per ISO 13485:2003 4.2.3.'));
    expect(cited.at).toEqual(['2003']);
    expect(fullMessage(cited.list[0])).toBe(
      `ISO 13485:2003 is withdrawn (ISO 13485:2016 4.2.4 f)). Cite the current edition, ISO 13485:2016. In 2016, 4.2.3 is 4.2.4. Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn). ${EXTERNAL}`,
    );

    // One designation, several clauses: still one finding.
    expect((await check(sop('ISO 13485:2003 clauses 4.2.3, 4.2.4 and 7.3.'))).at).toEqual(['2003']);
    expect((await check(sop('The risk file follows ISO 14971:2007.'))).at).toEqual(['2007']);
    expect((await check(sop('EN ISO 13485:2003 was the harmonised edition.'))).at).toEqual(['2003']);
  });

  it('reports an edition that does not exist', async () => {
    const { list, at } = await check(sop('The QMS is certified to ISO 13485:2015.'));
    expect(at).toEqual(['2015']);
    expect(fullMessage(list[0])).toBe(
      `ISO 13485 has no 2015 edition (ISO 13485:2016 4.2.4 f)). Cite the current edition, ISO 13485:2016. Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn). ${EXTERNAL}`,
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
    for (const body of ['Sampling follows ISO 2859-1:1999.', 'ISO 11607-1:2006 6.1', 'Electronic records meet 21 CFR Part 11.']) {
      expect((await check(sop(body))).at, body).toEqual([]);
    }
  });

  it('reports superseded QSR sections from citations', async () => {
    const { list, at } = await check(sop('Design changes follow 21 CFR 820.30.'));
    expect(at).toEqual(['820.30']);
    expect(fullMessage(list[0])).toBe(
      '21 CFR 820.30 is superseded by the QMSR: cite ISO 13485:2016 7.3. 21 CFR 820.30 (Design controls) no longer applies since the QMSR took effect on 2026-02-02. Cite ISO 13485:2016 7.3 via 820.10 instead.',
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

  it('fixes every publisher in one pass and only suggests editions', async () => {
    const body = [
      'Software engineers must complete training on ISO 62304 software life-cycle processes.',
      'Records are controlled per ISO 13485:2003, certified to ISO 13485:2015, see EN ISO 62304:2006.',
      '- ISO 14971:2007 Medical devices',
      '- ISO/IEC 27001:2013',
      '- ISO 27001:2023',
    ].join('\n\n');
    const text = sop(body);
    const { list } = await check(text);
    // The fixes change publishers only: editions are left as written.
    const fixed = applyEdits(text, list.flatMap((f) => f.fix?.edits ?? []));
    expect(fixed).toContain(
      [
        'Software engineers must complete training on IEC 62304 software life-cycle processes.',
        'Records are controlled per ISO 13485:2003, certified to ISO 13485:2015, see EN IEC 62304:2006.',
        '- ISO 14971:2007 Medical devices',
        '- ISO/IEC 27001:2013',
        '- ISO/IEC 27001:2023',
      ].join('\n\n'),
    );
    expect((await check(fixed)).at).toEqual(['2003', '2015', '2007', '2013', '2023']);
    // Accepting every suggestion gives current editions, and a clean document.
    const accepted = await acceptSuggestions(text);
    expect(accepted).toContain(
      [
        'Software engineers must complete training on IEC 62304 software life-cycle processes.',
        'Records are controlled per ISO 13485:2016, certified to ISO 13485:2016, see EN IEC 62304:2006.',
        '- ISO 14971:2019 Medical devices',
        '- ISO/IEC 27001:2022',
        '- ISO/IEC 27001:2022',
      ].join('\n\n'),
    );
    expect((await check(accepted)).list).toEqual([]);
  });

  it('reports a wrong publisher and a wrong edition as one finding that says both', async () => {
    const { list, at } = await check(sop('The ISMS follows ISO 27001:2023.'));
    expect(at).toEqual(['ISO 27001:2023']);
    expect(fullMessage(list[0])).toBe(
      'ISO 27001:2023: wrong publisher and no such edition (ISO 13485:2016 4.2.4 f)). 27001 is published by ISO/IEC, not ISO, and it has no 2023 edition; write ISO/IEC 27001:2022, the current edition. ' +
        `Known editions: 2022 (current), 2022+A1:2024 (current), 2013 (withdrawn), 2005 (withdrawn). ${EXTERNAL}`,
    );
    // The publisher is exact, so it is the fix; the edition is only suggested, with the publisher.
    expect(list[0].fix).toEqual({ title: 'Change publisher to ISO/IEC', edits: [expect.objectContaining({ text: 'ISO/IEC' })] });
    expect(list[0].suggestions?.map((f) => [f.title, f.edits.map((e) => e.text)])).toEqual([['Change to ISO/IEC 27001:2022', ['ISO/IEC', '2022']]]);

    const withdrawn = await check(sop('The ISMS follows ISO 27001:2013.'));
    expect(withdrawn.at).toEqual(['ISO 27001:2013']);
    expect(fullMessage(withdrawn.list[0])).toMatch(/^ISO 27001:2013: wrong publisher and a withdrawn edition \(ISO 13485:2016 4\.2\.4 f\)\)\. 27001 is published by ISO\/IEC, not ISO, and its 2013 edition is withdrawn; write ISO\/IEC 27001:2022/);
  });

  it('reports a year no edition can carry as a typo', async () => {
    const { list, at } = await check(sop('The risk file follows ISO 14971:2919.'));
    expect(at).toEqual(['2919']);
    expect(fullMessage(list[0])).toBe(
      `ISO 14971 has no 2919 edition (ISO 13485:2016 4.2.4 f)). A typo? Cite the current edition, ISO 14971:2019. Known editions: 2019 (current), 2007 (withdrawn), 2000 (withdrawn). ${EXTERNAL}`,
    );
    expect(list[0].fix).toBeUndefined();
    expect(list[0].suggestions?.[0].edits.map((e) => e.text)).toEqual(['2019']);

    // Before the publisher existed, after this year, in an amendment, or in an adoption.
    for (const [body, typo] of [
      ['Software follows IEC 62304:1006.', '1006'],
      ['Certified to ISO 13485:2106.', '2106'],
      ['IEC 62304:2006+A1:2051 applies.', '2006+A1:2051'],
      ['EN ISO 14971:2919 is harmonised.', '2919'],
      ['Health software follows IEC 82304:2919.', '2919'],
    ]) {
      const r = await check(sop(body));
      expect(r.at, body).toEqual([typo]);
      expect(fullMessage(r.list[0]), body).toContain('A typo?');
    }
    // A standard the registry does not know still has no edition in 2919.
    const unknown = await check(sop('Sampling follows ISO 2859-1:2919.'));
    expect(unknown.at).toEqual(['2919']);
    expect(fullMessage(unknown.list[0])).toBe(`ISO 2859-1:2919: 2919 is not the year of any edition (ISO 13485:2016 4.2.4 f)). A typo? Write the edition year as printed on the standard. ${EXTERNAL}`);
    // The rule reads no clock: years soon after the registry's review (2026) may be editions it does
    // not know yet; years well past it cannot be.
    expect((await check(sop('Certified to ISO 13485:2028.'))).list[0].message).toBe('ISO 13485 has no 2028 edition that qmslint knows of (ISO 13485:2016 4.2.4 f)).');
    expect(fullMessage((await check(sop('Certified to ISO 13485:2032.'))).list[0])).toMatch(/^ISO 13485 has no 2032 edition \(ISO 13485:2016 4\.2\.4 f\)\)\. A typo\? /);
  });

  it('reads a year newer than the registry knows as not known, not as non-existent', async () => {
    const { list } = await check(sop('The QMS meets ISO 9001:2026.'));
    expect(fullMessage(list[0])).toMatch(
      /^ISO 9001 has no 2026 edition that qmslint knows of \(ISO 13485:2016 4\.2\.4 f\)\)\. Cite the current edition, ISO 9001:2015, unless a newer one has been published\./,
    );
    // Between listed editions the registry is complete: "IEC 62304:2016" does not exist.
    expect((await check(sop('IEC 62304:2016 applies.'))).list[0].message).toBe('IEC 62304 has no 2016 edition (ISO 13485:2016 4.2.4 f)).');
  });

  it('reports the wrong publisher of every standard in the registry', async () => {
    for (const [body, message] of [
      ['ISO 82304-1:2016', '82304-1 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write IEC 82304-1.'],
      ['ISO 62366-1:2015', '62366-1 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write IEC 62366-1.'],
      ['ISO 62304:2006', '62304 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write IEC 62304.'],
      ['ISO 27001', '27001 is published by ISO/IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write ISO/IEC 27001.'],
      ['IEC 14971:2019', '14971 is published by ISO, not IEC (ISO 13485:2016 4.2.4 f)). Write ISO 14971.'],
      ['ISO 60601-1', '60601-1 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write IEC 60601-1.'],
      ['IEC 15223-1:2021', '15223-1 is published by ISO, not IEC (ISO 13485:2016 4.2.4 f)). Write ISO 15223-1.'],
      ['IEC 10993-1:2025', '10993-1 is published by ISO, not IEC (ISO 13485:2016 4.2.4 f)). Write ISO 10993-1.'],
      ['IEC 20417:2021', '20417 is published by ISO, not IEC (ISO 13485:2016 4.2.4 f)). Write ISO 20417.'],
      ['ISO 81001-5-1:2021', '81001-5-1 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write IEC 81001-5-1.'],
      ['IEC 14155:2020', '14155 is published by ISO, not IEC (ISO 13485:2016 4.2.4 f)). Write ISO 14155.'],
      ['ISO 17025:2017', '17025 is published by ISO/IEC, not ISO (ISO 13485:2016 4.2.4 f)). Write ISO/IEC 17025.'],
    ]) {
      const { list } = await check(sop(`Applies: ${body}.`));
      expect(list.map(fullMessage), body).toEqual([`${message} ${EXTERNAL}`]);
      expect(list[0].fix?.title, body).toMatch(/^Change publisher to /);
    }
  });

  it('names the part of a number written without it under the wrong publisher, as a suggestion', async () => {
    const { list, at } = await check(sop('Health software follows ISO 82304:2016.'));
    expect(at).toEqual(['ISO 82304:2016']);
    expect(fullMessage(list[0])).toBe(`ISO 82304:2016: 82304 is published by IEC as IEC 82304-1 (ISO 13485:2016 4.2.4 f)). Write IEC 82304-1:2016. ${EXTERNAL}`);
    // Adding a part number is a guess (ISO/TS 82304-2 is also "82304"): never a fix.
    expect(list[0].fix).toBeUndefined();
    expect(list[0].suggestions?.map((f) => f.title)).toEqual(['Change to IEC 82304-1']);
    const accepted = await acceptSuggestions(sop('Health software follows ISO 82304:2016.'));
    expect(accepted).toContain('Health software follows IEC 82304-1:2016.');
    expect((await check(accepted)).list).toEqual([]);

    expect(fullMessage((await check(sop('Health software follows ISO 82304.'))).list[0])).toBe(
      `ISO 82304: 82304 is published by IEC as IEC 82304-1 (ISO 13485:2016 4.2.4 f)). Did you mean IEC 82304-1? ${EXTERNAL}`,
    );
    // No guess: several parts (60601-1, 60601-1-2), or the right publisher. IEC 62366:2007 is a
    // standard of its own (withdrawn: en-adoptions.test.ts), not a part of IEC 62366-1.
    expect(fullMessage((await check(sop('ISO 62366:2007 applies.'))).list[0])).toContain('62366 is published by IEC, not ISO, and its 2007 edition is withdrawn');
    for (const body of ['ISO 60601:2005 applies.', 'IEC 82304:2016 applies.']) {
      expect((await check(sop(body))).list, body).toEqual([]);
    }
  });

  it('keeps reading a clause after a designation, and adoptions with their own amendments', async () => {
    for (const body of [
      'Design planning follows ISO 13485:2016 7.3.2.',
      'IEC 62366-1:2015+A1:2020 applies.',
      'EN ISO 13485:2016+A11:2021 is harmonised.',
      'ISO 15223-1:2021/Amd 1:2025 symbols are used.',
      'IEC 60601-1:2005+A1:2012+A2:2020 and IEC 60601-1-2:2014+A1:2020 apply.',
      'EN ISO/IEC 27001:2023 is the European adoption.',
    ]) {
      expect((await check(sop(body))).list, body).toEqual([]);
    }
    // Still a citation of clause 7.3.2 of that edition; a mistyped year is read as the edition, not as a clause.
    const cited = (md: string) => extractCitations(parseMarkdown(md)).map((c) => [c.publisher, c.number, c.edition, c.clause]);
    expect(cited('Design planning follows ISO 13485:2016 7.3.2.')).toEqual([['ISO', '13485', '2016', '7.3.2']]);
    expect(cited('Risk control follows ISO 14971:2919 7.1.')).toEqual([['ISO', '14971', '2919', '7.1']]);
  });
});

/** The message's tail: the clause the rule rests on. */
const EDITION_WHY = 'ISO 13485:2016 4.2.4 f) requires documents of external origin to be identified.';
/** CLEAN_SOP with one more sentence in its Purpose. */
const withSentence = (sentence: string) => CLEAN_SOP.replace('for all controlled documents.', `for all controlled documents. ${sentence}`);

testRule('clause-edition', {
  valid: [{ text: CLEAN_SOP }, { text: withSentence('Firmware is developed to IEC 62304; risk management follows ISO 14971:2019.') }],
  invalid: [
    {
      name: 'a withdrawn edition: the citation moves to the current one, clause renumbered',
      text: CLEAN_SOP.replace('ISO 13485:2016 §4.2.4', 'ISO 13485:2003 §4.2.4'),
      findings: [
        {
          message: 'ISO 13485:2003 is withdrawn (ISO 13485:2016 4.2.4 f)).',
          detail: `Cite the current edition, ISO 13485:2016. In 2016, 4.2.4 is 4.2.5. Known editions: 2016 (current), 2003 (withdrawn), 1996 (withdrawn). ${EDITION_WHY}`,
          line: 21,
          column: 37,
          endColumn: 41,
          severity: 'warning',
        },
      ],
      output: CLEAN_SOP.replace('ISO 13485:2016 §4.2.4', 'ISO 13485:2016 §4.2.5'),
    },
    {
      name: 'the wrong publisher (docs example)',
      text: withSentence('Firmware is developed to ISO 62304.'),
      findings: [{ message: '62304 is published by IEC, not ISO (ISO 13485:2016 4.2.4 f)).', detail: `Write IEC 62304. ${EDITION_WHY}`, line: 21, column: 104, endColumn: 107 }],
      output: withSentence('Firmware is developed to IEC 62304.'),
    },
    {
      name: 'an edition that never existed: no fix, the year may be anything',
      text: withSentence('Risk management follows ISO 14971:2919.'),
      findings: [{ includes: 'ISO 14971 has no 2919 edition (ISO 13485:2016 4.2.4 f)). A typo? Cite the current edition, ISO 14971:2019.', line: 21, column: 113, endColumn: 117 }],
    },
  ],
});
