// The QMSR successor table (server/standards/21cfr820.yaml) and clause-edition's use of it: the
// fix where a mapping is exact, suggestions elsewhere, and never a change to a historical text.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../server/src/core/standards/catalog';
import { isSupersededFinding } from '../../../server/src/core/rules/shared/qmsr';
import { CLEAN_SOP } from '../../helpers';
import { checkInvalid, checkValid, runRule } from '../../rule-tester';
import { ruleById } from '../../../server/src/core/rules';

const PURPOSE = 'for all controlled documents.\n';
const sop = (body: string) => CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${body}\n`);
const rule = ruleById('clause-edition')!;

describe('the successor table', () => {
  const catalog = Catalog.builtin();
  const cfr = catalog.pack('21cfr820')!;

  it('gives every superseded section successors that exist in the catalog', () => {
    expect(cfr.superseded!.length).toBe(29);
    for (const s of cfr.superseded!) {
      expect(s.successors?.length, s.id).toBeGreaterThan(0);
      for (const x of s.successors!) expect(catalog.clause(x.pack ?? cfr.id, x.clause), `${s.id} -> ${x.pack ?? cfr.id} ${x.clause}`).toBeDefined();
    }
  });

  it('marks exactly the four mappings the QMSR or its preamble gives one successor, each with one', () => {
    const exact = cfr.superseded!.filter((s) => s.exact);
    expect(exact.map((s) => [s.id, s.successors!.map((x) => `${x.pack ?? ''} ${x.clause}`.trim())])).toEqual([
      ['820.30', ['iso13485:2016 7.3']],
      ['820.120', ['820.45']],
      ['820.130', ['820.45']],
      ['820.181', ['iso13485:2016 4.2.3']],
    ]);
  });
});

describe('clause-edition on superseded QSR sections', () => {
  it('fixes an exact mapping, the whole designation, keeping the regulation cited, so that a second pass changes nothing', async () => {
    await checkInvalid(rule, {
      text: sop('Design follows 21 CFR 820.30. Labels: 21 CFR § 820.120; packaging: FDA 21 CFR 820.130. The file is FDA 21 CFR 820.181.'),
      findings: [
        { message: '21 CFR 820.30 is superseded by the QMSR: cite ISO 13485:2016 7.3.', line: 23, column: 23 },
        { message: '21 CFR 820.120 is superseded by the QMSR: cite 21 CFR 820.45.', line: 23, column: 48 },
        { message: '21 CFR 820.130 is superseded by the QMSR: cite 21 CFR 820.45.', line: 23, column: 79 },
        { message: '21 CFR 820.181 is superseded by the QMSR: cite ISO 13485:2016 4.2.3.', line: 23, column: 111 },
      ],
      // An ISO 13485 clause is cited with the section that makes it a requirement, 21 CFR 820.10.
      output: sop('Design follows 21 CFR 820.10 (ISO 13485:2016 7.3). Labels: 21 CFR 820.45; packaging: FDA 21 CFR 820.45. The file is FDA 21 CFR 820.10 (ISO 13485:2016 4.2.3).'),
    });
    await checkValid(rule, { text: sop('Design follows 21 CFR 820.10 (ISO 13485:2016 7.3). Labels: 21 CFR 820.45; packaging: FDA 21 CFR 820.45. The file is FDA 21 CFR 820.10 (ISO 13485:2016 4.2.3).') });
    // Already in parentheses: no nested ones.
    await checkInvalid(rule, {
      text: sop('Design records are kept (see 21 CFR 820.30).'),
      findings: [{ message: '21 CFR 820.30 is superseded by the QMSR: cite ISO 13485:2016 7.3.' }],
      output: sop('Design records are kept (see 21 CFR 820.10, ISO 13485:2016 7.3).'),
    });
  });

  it('reads every way the designation is written: 21CFR, 21 C.F.R., Part, §', async () => {
    await checkInvalid(rule, {
      text: sop('Per 21CFR820.30, 21 C.F.R. 820.30, 21 CFR Part 820.30 and 21 CFR §820.30.'),
      findings: [1, 2, 3, 4].map(() => ({ message: '21 CFR 820.30 is superseded by the QMSR: cite ISO 13485:2016 7.3.' })),
      output: sop('Per 21 CFR 820.10 (ISO 13485:2016 7.3), 21 CFR 820.10 (ISO 13485:2016 7.3), 21 CFR 820.10 (ISO 13485:2016 7.3) and 21 CFR 820.10 (ISO 13485:2016 7.3).'),
    });
  });

  it('suggests the candidates for a paragraph, an inexact mapping, a link, a heading and a record', async () => {
    const text = sop(
      [
        'Inputs follow 21 CFR 820.30(c). Complaints: 21 CFR 820.198. Traceability: 21 CFR 820.65.',
        'See [21 CFR 820.30](https://www.ecfr.gov/) for design.',
        '### 21 CFR 820.181 Device master record',
      ].join('\n\n'),
    );
    const found = await runRule(rule, { text });
    expect(found.map((f) => f.fix)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const offered = found.map((f) => [text.slice(f.range.start, f.range.end), f.suggestions?.map((s) => `${text.slice(s.edits[0].start, s.edits[0].end)} -> ${s.edits[0].text}`)]);
    expect(offered).toEqual([
      ['820.30(c)', ['21 CFR 820.30(c) -> 21 CFR 820.10 (ISO 13485:2016 7.3)']],
      ['820.198', ['21 CFR 820.198 -> 21 CFR 820.35', '21 CFR 820.198 -> 21 CFR 820.10 (ISO 13485:2016 8.2.2)']],
      ['820.65', ['21 CFR 820.65 -> 21 CFR 820.10 (ISO 13485:2016 7.5.9)']],
      ['820.30', ['21 CFR 820.30 -> 21 CFR 820.10 (ISO 13485:2016 7.3)']],
      ['820.181', ['21 CFR 820.181 -> 21 CFR 820.10 (ISO 13485:2016 4.2.3)']],
    ]);
    expect(found.map((f) => f.message)).toEqual([
      '21 CFR 820.30 is superseded by the QMSR: see ISO 13485:2016 7.3.',
      '21 CFR 820.198 is superseded by the QMSR: see 21 CFR 820.35 or ISO 13485:2016 8.2.2.',
      '21 CFR 820.65 is superseded by the QMSR: see ISO 13485:2016 7.5.9.',
      '21 CFR 820.30 is superseded by the QMSR: see ISO 13485:2016 7.3.',
      '21 CFR 820.181 is superseded by the QMSR: see ISO 13485:2016 4.2.3.',
    ]);
    expect(found[0].detail).toContain('Its paragraph (c) is not mapped on its own');
    expect(found[2].detail).toContain('does not mark this mapping exact');
    expect(found.every(isSupersededFinding)).toBe(true);

    // A paragraph that names the QSR: "the FDA QSR (ISO 13485:2016 7.3)" would be false.
    const qsr = await runRule(rule, { text: sop('Design meets the FDA QSR\n(21 CFR 820.30) and its guidance.\n\nLabels per 21 CFR 820.120.') });
    expect(qsr.map((f) => [f.fix !== undefined, f.suggestions?.length, f.detail?.includes('names the QSR')])).toEqual([
      [false, 1, true],
      [true, undefined, false],
    ]);

    const record = await runRule(rule, { text: sop('Design followed 21 CFR 820.30.').replace('type: SOP', 'type: REC') });
    expect(record.map((f) => [f.fix, f.suggestions?.length, f.detail?.includes('is a record')])).toEqual([[undefined, 1, true]]);
  });

  it('names six candidates of 820.70 in one short message, and never changes a designation that carries other clauses', async () => {
    const text = sop('Production follows 21 CFR 820.70. Design and purchasing: 21 CFR 820.30 and 820.50.');
    const found = await runRule(rule, { text });
    expect(found[0].message).toBe('21 CFR 820.70 is superseded by the QMSR: see ISO 13485:2016 7.5.1, 6.3, 6.4, 4.1.6, 7.5.6 or 7.6.');
    expect(found[0].suggestions).toHaveLength(6);
    // "21 CFR 820.30 and 820.50": rewriting the designation would make 820.50 a clause of ISO 13485.
    expect(found.slice(1).map((f) => [f.fix, f.suggestions])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('leaves historical texts alone: effective before the QMSR, obsolete, or a run before it', async () => {
    const text = sop('Design follows 21 CFR 820.30.');
    await checkValid(rule, { text: text.replace('effective_date: 2026-03-01', 'effective_date: 2026-02-01') });
    await checkValid(rule, { text: text.replace('status: effective', 'status: obsolete') });
    await checkValid(rule, { text, today: '2026-02-01' });
  });
});
