import { describe, expect, it } from 'vitest';
import {
  type Citation,
  type CitationForm,
  extractCitations,
  extractStandardMentions,
  parseStandardDesignation,
  type StandardMention,
} from '../../server/src/core/citations';
import { parseMarkdown } from '../../server/src/core/parse';

/**
 * A citation as the tests state it: every range as the text it covers. `at` is the range
 * (clause plus sub-item); the clause range must cover exactly `clause` and start with `at`.
 */
interface Seen {
  at: string;
  clause: string;
  item?: string;
  publisher?: string;
  adopted?: string;
  number?: string;
  edition?: string;
  /** Text of standardRange. */
  std?: string;
  /** standardText, only when it is not the text of standardRange. */
  standardText?: string;
  ed?: string;
  pub?: string;
  part?: true;
  role?: 'from' | 'to';
  form?: CitationForm;
}

function seen(text: string, c: Citation): Seen {
  const slice = (r: { start: number; end: number } | undefined) => r && text.slice(r.start, r.end);
  expect(slice(c.clauseRange)).toBe(c.clause);
  expect(c.range.start).toBe(c.clauseRange.start);
  const out: Seen = { at: slice(c.range)!, clause: c.clause };
  if (c.item !== undefined) out.item = c.item;
  if (c.publisher !== undefined) out.publisher = c.publisher;
  if (c.adopted !== undefined) out.adopted = c.adopted;
  if (c.number !== undefined) out.number = c.number;
  if (c.edition !== undefined) out.edition = c.edition;
  if (c.standardRange) out.std = slice(c.standardRange);
  if (c.standardText !== out.std) out.standardText = c.standardText;
  if (c.editionRange) out.ed = slice(c.editionRange);
  if (c.publisherRange) out.pub = slice(c.publisherRange);
  if (c.part) out.part = true;
  if (c.rangeRole) out.role = c.rangeRole;
  if (c.form !== 'inline') out.form = c.form;
  return out;
}

function cite(markdown: string): Seen[] {
  const doc = parseMarkdown(markdown);
  return extractCitations(doc).map((c) => seen(doc.text, c));
}

const ISO13485_2016 = { publisher: 'ISO', number: '13485', edition: '2016', std: 'ISO 13485:2016', ed: '2016', pub: 'ISO' };
const ISO9001_2015 = { publisher: 'ISO', number: '9001', edition: '2015', std: 'ISO 9001:2015', ed: '2015', pub: 'ISO' };
const CFR = { publisher: 'FDA', number: '820', std: '21 CFR' };
const at = (s: string, extra: Omit<Seen, 'at' | 'clause'> = {}): Seen => {
  const m = /^[\d.]+/.exec(s)!;
  return { at: s, clause: m[0].replace(/\.$/, ''), ...extra };
};

type Case = [input: string, expected: Seen[]];

const withStandard: Case[] = [
  ['See ISO 13485:2016, 7.3.2.', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016 7.3.2', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016 §7.3.2', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016 § 7.3.2', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016 clause 7.3.2', [at('7.3.2', ISO13485_2016)]],
  ['as ISO 13485:2016, para. 8.5.2 requires', [at('8.5.2', ISO13485_2016)]],
  ['ISO 13485:2016 Section 4.1.6', [at('4.1.6', ISO13485_2016)]],
  ['(ISO 13485:2016, 7.3.2)', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016 – 7.3.2 Design inputs', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016 clause 4', [{ at: '4', clause: '4', ...ISO13485_2016 }]],
  [
    'EN ISO 13485:2016 4.2.4',
    [at('4.2.4', { ...ISO13485_2016, adopted: 'EN', std: 'EN ISO 13485:2016' })],
  ],
  ['ISO 9001:2015 8.5.1', [at('8.5.1', ISO9001_2015)]],
  ['IEC 62304, para. 5.3.6', [at('5.3.6', { publisher: 'IEC', number: '62304', std: 'IEC 62304', pub: 'IEC' })]],
  ['ISO 62304 5.1', [at('5.1', { publisher: 'ISO', number: '62304', std: 'ISO 62304', pub: 'ISO' })]],
  ['ISO 13485:2015 4.2.4', [at('4.2.4', { ...ISO13485_2016, edition: '2015', std: 'ISO 13485:2015', ed: '2015' })]],
  [
    'IEC 62304:2006+A1:2015 5.1.1',
    [
      at('5.1.1', {
        publisher: 'IEC',
        number: '62304',
        edition: '2006+A1:2015',
        std: 'IEC 62304:2006+A1:2015',
        ed: '2006+A1:2015',
        pub: 'IEC',
      }),
    ],
  ],
  [
    'IEC 62366-1:2015, clause 5.1',
    [at('5.1', { publisher: 'IEC', number: '62366-1', edition: '2015', std: 'IEC 62366-1:2015', ed: '2015', pub: 'IEC' })],
  ],
  [
    'ISO/IEC 17025:2017 7.8',
    [at('7.8', { publisher: 'ISO/IEC', number: '17025', edition: '2017', std: 'ISO/IEC 17025:2017', ed: '2017', pub: 'ISO/IEC' })],
  ],
  [
    'ISO 13485:2016 clauses 4.2.4, 4.2.5 and 7.5.1',
    [at('4.2.4', ISO13485_2016), at('4.2.5', ISO13485_2016), at('7.5.1', ISO13485_2016)],
  ],
  ['Clause 7.3 of ISO 13485:2016 applies.', [at('7.3', ISO13485_2016)]],
  ['clause 4 of ISO 9001:2015', [{ at: '4', clause: '4', ...ISO9001_2015 }]],
  ['**ISO 13485:2016**, 7.3.2', [at('7.3.2', ISO13485_2016)]],
  ['[ISO 13485:2016 clause 7.3](https://example.com/x)', [at('7.3', ISO13485_2016)]],
  ['ISO\u00a013485:2016\u00a07.3.2', [at('7.3.2', { ...ISO13485_2016, std: 'ISO\u00a013485:2016', standardText: 'ISO 13485:2016' })]],
  ['ISO&nbsp;13485:2016 7.3.2', [at('7.3.2', { ...ISO13485_2016, std: 'ISO&nbsp;13485:2016', standardText: 'ISO 13485:2016' })]],
  ['Per ISO 13485:2016\nclause 7.3.2 and ISO 9001:2015 8.5', [at('7.3.2', ISO13485_2016), at('8.5', ISO9001_2015)]],
  ['> ISO 13485:2016\n> 7.3.2', [at('7.3.2', ISO13485_2016)]],
  ['- item:\n  ISO 13485:2016\n  7.3.2 \\<enter\\>', [at('7.3.2', ISO13485_2016)]],
  ['ISO 13485:2016\r\n§ 7.3.2', [at('7.3.2', ISO13485_2016)]],
];

const standardLess: Case[] = [
  ['§7.3.2', [at('7.3.2')]],
  ['§ 7.3.2', [at('7.3.2')]],
  ['§\u00a07.3.2', [at('7.3.2')]],
  ['§§ 7.5.2–7.5.3', [at('7.5.2', { role: 'from' }), at('7.5.3', { role: 'to' })]],
  ['§§7.5.2-7.5.3', [at('7.5.2', { role: 'from' }), at('7.5.3', { role: 'to' })]],
  ['§§ 7.5.2 — 7.5.3', [at('7.5.2', { role: 'from' }), at('7.5.3', { role: 'to' })]],
  ['clauses 7.1 to 7.3', [at('7.1', { role: 'from' }), at('7.3', { role: 'to' })]],
  // An abbreviated end names no clause by itself: only the start is cited.
  ['ISO 13485:2016 §§ 7.5.2–3 and 7.5.5', [at('7.5.2', ISO13485_2016), at('7.5.5', ISO13485_2016)]],
  ['## Clause 7.3 Design and development', [at('7.3')]],
  ['## 7.3 Design (ISO 13485:2016 §7.3)', [at('7.3', ISO13485_2016)]],
  ['para. 8.5.2', [at('8.5.2')]],
  ['paragraph 8.5.2', [at('8.5.2')]],
  ['Section 7.3', [at('7.3')]],
  ['Sec. 7.3', [at('7.3')]],
  ['Chapter 7.5', [at('7.5')]],
  ['Clause 7.3', [at('7.3')]],
  ['see clause 7.3.', [at('7.3')]],
  ['clauses 7.3 and 7.4', [at('7.3'), at('7.4')]],
  ['Clause No. 7.3', [at('7.3')]],
  ['para. 4.1, 4.2.1 and 6.2', [at('4.1'), at('4.2.1'), at('6.2')]],
  ['sections 6.2 and 7.1', [at('6.2'), at('7.1')]],
  ['clause 7.3 and clause 7.4', [at('7.3'), at('7.4')]],
  ['Intro clause 0.1', [at('0.1')]],
];

const subItems: Case[] = [
  ['clause 4.2.4 a)', [at('4.2.4 a)', { item: 'a' })]],
  ['clause 4.2.4 (b)', [at('4.2.4 (b)', { item: 'b' })]],
  ['ISO 13485:2016 4.2.4(a)', [at('4.2.4(a)', { ...ISO13485_2016, item: 'a' })]],
  ['ISO 13485:2016 4.2.1c', [at('4.2.1c', { ...ISO13485_2016, item: 'c' })]],
  ['ISO 13485:2016 5.1.1.a', [at('5.1.1.a', { ...ISO13485_2016, item: 'a' })]],
  ['ISO 13485:2016 7.5.9.1', [at('7.5.9.1', ISO13485_2016)]],
  ['§ 4.2.4 a) and 4.2.5', [at('4.2.4 a)', { item: 'a' }), at('4.2.5')]],
  ['See § 7.3. A new plan', [at('7.3')]],
];

const wikilinksAndComments: Case[] = [
  ['[[13485:7.3.2]]', [at('7.3.2', { number: '13485', std: '13485', form: 'wikilink' })]],
  ['[[9001:8.5.1]]', [at('8.5.1', { number: '9001', std: '9001', form: 'wikilink' })]],
  ['[[13485:7.3.2|design inputs]]', [at('7.3.2', { number: '13485', std: '13485', form: 'wikilink' })]],
  ['[[ISO 13485:2016 7.3.2]]', [at('7.3.2', { ...ISO13485_2016, form: 'wikilink' })]],
  ['[[13485:2016:4.2.1c]]', [at('4.2.1c', { number: '13485', edition: '2016', std: '13485:2016', ed: '2016', item: 'c', form: 'wikilink' })]],
  [
    '<!-- [13485:4.1.1,4.2.1c] -->',
    [
      at('4.1.1', { number: '13485', std: '13485', form: 'comment' }),
      at('4.2.1c', { number: '13485', std: '13485', item: 'c', form: 'comment' }),
    ],
  ],
  [
    'Text <!-- [ISO 9001:2015, 8.5.1; 13485:7.3] --> more',
    [
      at('8.5.1', { ...ISO9001_2015, form: 'comment' }),
      at('7.3', { number: '13485', std: '13485', form: 'comment' }),
    ],
  ],
  ['<!--[4.2.4 a)]-->', [at('4.2.4 a)', { item: 'a', form: 'comment' })]],
  ['| a | b <!-- [9001:7.5] --> |\n|---|---|\n| c | d |', [at('7.5', { number: '9001', std: '9001', form: 'comment' })]],
];

const cfr: Case[] = [
  ['21 CFR 820.10(c)', [at('820.10(c)', { ...CFR, item: 'c' })]],
  ['21 CFR Part 820', [{ at: '820', clause: '820', ...CFR, part: true }]],
  ['21 CFR 820', [{ at: '820', clause: '820', ...CFR, part: true }]],
  ['21 CFR §820.35(a)', [at('820.35(a)', { ...CFR, item: 'a' })]],
  ['21 C.F.R. § 820.198', [at('820.198', { ...CFR, std: '21 C.F.R.' })]],
  ['§820.35(a)', [at('820.35(a)', { number: '820', item: 'a' })]],
  ['§ 820.198', [at('820.198', { number: '820' })]],
  ['21 CFR 820.30', [at('820.30', CFR)]],
  ['21 CFR 820.30 and 820.198', [at('820.30', CFR), at('820.198', CFR)]],
  ['21 CFR Parts 11 and 820', [
    { at: '11', clause: '11', ...CFR, number: '11', part: true },
    { at: '820', clause: '820', ...CFR, part: true },
  ]],
  ['ISO 13485:2016 7.3 and 21 CFR 820.30', [at('7.3', ISO13485_2016), at('820.30', CFR)]],
];

const tables: Case[] = [
  [
    '| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 8.5.1 | (All) |\n| 7.4.1, 7.4.2 | 4.2 |',
    [at('8.5.1', { ...ISO13485_2016, form: 'table' }), at('7.4.1', { ...ISO13485_2016, form: 'table' }), at('7.4.2', { ...ISO13485_2016, form: 'table' })],
  ],
  [
    '| ISO 13485 Clause | Requirement |\n| --- | --- |\n| 4.2.4 a) | Control of documents |\n| **4.2.5** | Records |',
    [
      at('4.2.4 a)', { publisher: 'ISO', number: '13485', std: 'ISO 13485', pub: 'ISO', item: 'a', form: 'table' }),
      at('4.2.5', { publisher: 'ISO', number: '13485', std: 'ISO 13485', pub: 'ISO', form: 'table' }),
    ],
  ],
  ['| Clause | Requirement |\n|---|---|\n| 7.3 | Design |\n| 4 | QMS |', [at('7.3', { form: 'table' }), { at: '4', clause: '4', form: 'table' }]],
  ['| Standard | ISO Clause |\n|---|---|\n| ISO 9001:2015 | 8.5.1 |', [at('8.5.1', { ...ISO9001_2015, form: 'table' })]],
  [
    '| 21 CFR 820 | Procedure |\n|---|---|\n| 820.10(c) | SOP-001 |',
    // The header names part 820 itself: a part citation in its own right.
    [{ at: '820', clause: '820', ...CFR, part: true }, at('820.10(c)', { ...CFR, std: '21 CFR 820', item: 'c', form: 'table' })],
  ],
  ['| Clause | Note |\n|---|---|\n| § 7.3 | x |', [at('7.3', { form: 'table' })]],
  ['| **Procedure** | **ISO 13485:2016** |\n|---|---|\n| SOP-004 | 4.2.4 |', [at('4.2.4', { ...ISO13485_2016, form: 'table' })]],
  [
    '| Topic | Reference |\n|---|---|\n| Design | ISO 9001:2015 8.3 |',
    [at('8.3', ISO9001_2015)],
  ],
];

// None of these may yield a citation.
const negatives: string[] = [
  'version 2.1',
  'Version 2.1 of the form',
  'a gap of 1.5 mm',
  'step 4.2',
  'Released 2021-03-04, reviewed 15.01.2021',
  'See Table 7.3 and Figure 4.1.',
  'SOP-004 and WI-7.3',
  '## 4.2 Scope',
  '## Section 4.2 Scope',
  '1. First\n2. Second\n\n4.2 is not a clause',
  '`ISO 13485:2016 7.3.2`',
  '```\nISO 13485:2016 7.3.2\n§ 7.3.2\n```',
  '    ISO 13485:2016 7.3.2',
  '<https://example.com/iso-13485/clause 7.3.2>',
  'https://example.com/§7.3.2',
  '[the procedure](https://example.com/clause/7.3.2)',
  '[ref]: https://example.com/§7.3.2',
  '![ISO 13485:2016 7.3.2](img.png)',
  '<!-- qmslint-disable clause 7.3 -->',
  '<!-- see §7.3 -->',
  '<div>ISO 13485:2016 7.3.2</div>',
  '820.10', // a bare "820.10(c)" is one by its paragraph letter (citation-context.test.ts)
  'Section 5.2 of this procedure',
  'see section 3.1 below',
  'section 4.1 of SOP-004',
  'Section 4',
  'clause 7',
  'ISO 13485:2016 and ISO 9001:2015',
  'ISO 13485:2016 2 copies',
  'ISO 13485:2016 2.5 mm',
  '[[SOP-004]] and [[7.3.2]] and [[13485:2016]]',
  '| Version | Date | Changes |\n|---|---|---|\n| 2.1 | 2024-01-01 | 7.3 |',
  '| **Standard** | ISO 13485:2016 |\n|---|---|\n| **Version** | 2.1 |',
  '| Step | Action |\n|---|---|\n| 4.2 | Review |',
  'paragraphs about nothing 7.3',
  'parameter 7.3',
  'cited as `§ 7.3` in code',
  'withdrawn: ~~ISO 13485:2003 clause 7.3~~',
  'ISO 9001:2015, 2015 edition',
];

describe('extractCitations', () => {
  describe.each([
    ['with a standard', withStandard],
    ['without a standard', standardLess],
    ['sub-items', subItems],
    ['wikilinks and comments', wikilinksAndComments],
    ['21 CFR', cfr],
    ['mapping tables', tables],
  ] as const)('%s', (_name, cases) => {
    it.each(cases)('%j', (input, expected) => {
      expect(cite(input)).toEqual(expected);
    });
  });

  it.each(negatives)('no citation in %j', (input) => {
    expect(cite(input)).toEqual([]);
  });

  it('sorts by position and keeps one citation per clause number', () => {
    const found = cite('§ 7.4 then ISO 13485:2016 § 7.3.2 then [[9001:8.5]]');
    expect(found.map((c) => c.at)).toEqual(['7.4', '7.3.2', '8.5']);
    expect(found[1].std).toBe('ISO 13485:2016');
  });

  it('keeps exact ranges after a byte order mark is removed and around escapes', () => {
    const doc = parseMarkdown('\ufeffSee \\<enter\\> and \\* ISO 13485:2016 § 7.3.2 a)');
    const [c] = extractCitations(doc);
    expect(doc.text.slice(c.range.start, c.range.end)).toBe('7.3.2 a)');
    expect(doc.text.slice(c.standardRange!.start, c.standardRange!.end)).toBe('ISO 13485:2016');
  });
});

describe('front matter clauses', () => {
  const fm = (yaml: string, body = 'Body.') => `---\n${yaml}\n---\n\n${body}`;
  const std = { publisher: 'ISO', number: '13485', edition: '2016', std: 'iso13485:2016', ed: '2016', pub: 'iso', form: 'front-matter' as const };

  it('reads the source of each entry, not its YAML value', () => {
    expect(
      cite(fm('standard: iso13485:2016\nclauses:\n  - 7.10\n  - "4.2.4 a)"\n  - \'8.5.1\'\n  - 4\n  - 7.5.10  # comment')),
    ).toEqual([
      at('7.10', std),
      at('4.2.4 a)', { ...std, item: 'a' }),
      at('8.5.1', std),
      { at: '4', clause: '4', ...std },
      at('7.5.10', std),
    ]);
  });

  it('lets an entry name its own standard', () => {
    expect(cite(fm('standard: iso13485:2016\nclauses:\n  - ISO 9001:2015 8.5.1\n  - 13485:4.2.4\n  - 7.3'))).toEqual([
      at('8.5.1', { ...ISO9001_2015, form: 'front-matter' }),
      at('4.2.4', { number: '13485', std: '13485', form: 'front-matter' }),
      at('7.3', std),
    ]);
  });

  it('reads flow sequences and the CFR', () => {
    const cfrStd = { publisher: 'FDA', number: '820', std: '21cfr820', form: 'front-matter' as const };
    expect(cite(fm('standard: "21cfr820"\nclauses: [820.10, "820.198(a)", 820]'))).toEqual([
      at('820.10', cfrStd),
      at('820.198(a)', { ...cfrStd, item: 'a' }),
      { at: '820', clause: '820', ...cfrStd, part: true },
    ]);
  });

  it('reads clauses grouped by standard', () => {
    expect(cite(fm('standard: iso13485:2016\nclauses:\n  iso9001:2015: [8.5.1]\n  21cfr820:\n    - 820.30'))).toEqual([
      at('8.5.1', { ...ISO9001_2015, std: 'iso9001:2015', pub: 'iso', form: 'front-matter' }),
      at('820.30', { publisher: 'FDA', number: '820', std: '21cfr820', form: 'front-matter' }),
    ]);
  });

  it('reads a comma list in one string, without a standard', () => {
    expect(cite(fm('clauses: "7.3.2, 7.3.3 and 7.3.4"'))).toEqual([
      at('7.3.2', { form: 'front-matter' }),
      at('7.3.3', { form: 'front-matter' }),
      at('7.3.4', { form: 'front-matter' }),
    ]);
  });

  it('ignores entries that are not clause numbers, and broken front matter', () => {
    expect(cite(fm('clauses:\n  - design inputs\n  - {a: 1}\n  - |\n    7.3'))).toEqual([]);
    expect(cite(fm('clauses: [7.3\nstandard: ['))).toEqual([]);
    expect(cite(fm('title: Section 7.3'))).toEqual([]);
  });

  it('combines with the body, sorted', () => {
    expect(cite(fm('clauses: [7.3]', 'See § 4.2.4.')).map((c) => c.at)).toEqual(['7.3', '4.2.4']);
  });
});

/** A mention as the tests state it: `at` is the text of its range, `pub` and `ed` of the others. */
interface SeenMention {
  at: string;
  publisher?: string;
  adopted?: string;
  number?: string;
  edition?: string;
  /** standardText, only when it is not the text of the range. */
  standardText?: string;
  pub?: string;
  ed?: string;
}

function mentions(markdown: string): SeenMention[] {
  const doc = parseMarkdown(markdown);
  const slice = (r: { start: number; end: number }) => doc.text.slice(r.start, r.end);
  return extractStandardMentions(doc).map((m: StandardMention) => {
    const out: SeenMention = { at: slice(m.range) };
    for (const key of ['publisher', 'adopted', 'number', 'edition'] as const) if (m[key] !== undefined) out[key] = m[key];
    if (m.standardText !== out.at) out.standardText = m.standardText;
    if (m.publisherRange) out.pub = slice(m.publisherRange);
    if (m.editionRange) out.ed = slice(m.editionRange);
    return out;
  });
}

const iso = (at: string, number: string, edition?: string, publisher = 'ISO'): SeenMention => ({
  at,
  publisher,
  number,
  ...(edition ? { edition, ed: edition } : {}),
  pub: publisher,
});

describe('extractStandardMentions', () => {
  it('reads standards named without a clause', () => {
    expect(mentions('Software engineers must complete training on ISO 62304 software life-cycle processes.')).toEqual([
      iso('ISO 62304', '62304'),
    ]);
    expect(mentions('Records are kept per ISO 13485:2003 and ISO/IEC 27001:2013; see also IEC 62304:2006+A1:2015.')).toEqual([
      iso('ISO 13485:2003', '13485', '2003'),
      iso('ISO/IEC 27001:2013', '27001', '2013', 'ISO/IEC'),
      iso('IEC 62304:2006+A1:2015', '62304', '2006+A1:2015', 'IEC'),
    ]);
  });

  it('reads headings, list items, block quotes, table cells and link text', () => {
    const md = [
      '## ISO 14971:2019 risk management',
      '- ISO 13485:2016 Medical devices - Quality management systems',
      '> quoted from IEC 62366-1:2015',
      '| Standard | Title |\n|---|---|\n| ISO 14155:2020 | Clinical investigation |',
      '[ISO 14971:2007](https://www.iso.org/standard/38193.html)',
    ].join('\n\n');
    expect(mentions(md)).toEqual([
      iso('ISO 14971:2019', '14971', '2019'),
      iso('ISO 13485:2016', '13485', '2016'),
      iso('IEC 62366-1:2015', '62366-1', '2015', 'IEC'),
      iso('ISO 14155:2020', '14155', '2020'),
      iso('ISO 14971:2007', '14971', '2007'),
    ]);
  });

  it('reads adoptions, no-break spaces and entities with exact ranges', () => {
    expect(mentions('EN ISO 13485:2016+A11:2021, EN 62304:2006/A1:2015 and ISO&nbsp;13485:2016')).toEqual([
      { ...iso('EN ISO 13485:2016+A11:2021', '13485', '2016+A11:2021'), adopted: 'EN' },
      iso('EN 62304:2006/A1:2015', '62304', '2006/A1:2015', 'EN'),
      { ...iso('ISO&nbsp;13485:2016', '13485', '2016'), standardText: 'ISO 13485:2016' },
    ]);
  });

  it('reads the CFR with the part it names', () => {
    expect(mentions('Under 21 CFR Part 11 and 21 CFR 820.30, and 21 C.F.R. § 820.198 of 21 CFR.')).toEqual([
      { at: '21 CFR Part 11', publisher: 'FDA', number: '11' },
      { at: '21 CFR', publisher: 'FDA', number: '820' },
      { at: '21 C.F.R.', publisher: 'FDA', number: '820' },
      { at: '21 CFR', publisher: 'FDA' },
    ]);
  });

  it('gives one mention per designation written, cited or not', () => {
    expect(mentions('ISO 13485:2016 clauses 4.2.4, 4.2.5 and 7.5.1; ISO 13485:2016 again.')).toEqual([
      iso('ISO 13485:2016', '13485', '2016'),
      iso('ISO 13485:2016', '13485', '2016'),
    ]);
    expect(mentions('| ISO 13485:2016 Section | Procedure |\n|---|---|\n| 7.3 | SOP-002 |\n| 7.4 | SOP-003 |')).toEqual([
      iso('ISO 13485:2016', '13485', '2016'),
    ]);
    expect(mentions('[[ISO 13485:2003 7.3]] and IEC 62304 5.1')).toEqual([
      iso('ISO 13485:2003', '13485', '2003'),
      iso('IEC 62304', '62304', undefined, 'IEC'),
    ]);
  });

  it('ignores code, URLs and struck-out text', () => {
    const md = [
      'Not `ISO 13485:2003` nor ~~ISO 9001:2008~~ nor https://example.com/ISO13485:2003 nor <https://example.com/iso/14971>.',
      '[the standard](https://example.com/?s=ISO+13485:2003)',
      '```\nISO 14971:2007\n```',
      '    ISO 14971:2007 (indented code)',
    ].join('\n\n');
    expect(mentions(md)).toEqual([]);
  });

  it('reads the front matter standard: value, and the designations of front matter and comment citations', () => {
    const front = (yaml: string, body: string) => `---\n${yaml}\n---\n\n${body}`;
    expect(mentions(front('standard: "ISO 13485:2003"\nclauses: [4.2.4]', 'See ISO 13485:2016.'))).toEqual([
      iso('ISO 13485:2003', '13485', '2003'),
      iso('ISO 13485:2016', '13485', '2016'),
    ]);
    expect(
      mentions(front('standard: iso13485:2003\nclauses:\n  iso9001:2008: [8.5.1]\ntitle: ISO 14971:2007', '<!-- [13485:2003:4.2] -->')),
    ).toEqual([
      { at: 'iso13485:2003', publisher: 'ISO', number: '13485', edition: '2003', pub: 'iso', ed: '2003' },
      { at: 'iso9001:2008', publisher: 'ISO', number: '9001', edition: '2008', pub: 'iso', ed: '2008' },
      { at: '13485:2003', number: '13485', edition: '2003', ed: '2003' },
    ]);
    expect(mentions(front('standard: [', 'Body.'))).toEqual([]);
  });
});

describe('parseStandardDesignation', () => {
  it.each([
    ['ISO 13485:2016', { publisher: 'ISO', number: '13485', edition: '2016' }],
    ['iso13485:2016', { publisher: 'ISO', number: '13485', edition: '2016' }],
    ['iso-13485-2016', { publisher: 'ISO', number: '13485', edition: '2016' }],
    ['EN ISO 13485:2016', { publisher: 'ISO', adopted: 'EN', number: '13485', edition: '2016' }],
    ['IEC 62304:2006+A1:2015', { publisher: 'IEC', number: '62304', edition: '2006+A1:2015' }],
    ['IEC 62366-1', { publisher: 'IEC', number: '62366-1' }],
    ['21cfr820', { publisher: 'FDA', number: '820' }],
    ['21 CFR Part 820', { publisher: 'FDA', number: '820' }],
    ['21 CFR', { publisher: 'FDA' }],
    ['QMSR', { publisher: 'FDA', number: '820' }],
    ['13485', { number: '13485' }],
    [' 9001:2015 ', { number: '9001', edition: '2015' }],
  ])('%j', (input, expected) => {
    expect(parseStandardDesignation(input)).toEqual(expected);
  });

  it.each(['', 'ISO', 'design control', '7.3.2', 'ISO 13485:2016 7.3', 'SOP-004'])('rejects %j', (input) => {
    expect(parseStandardDesignation(input)).toBeUndefined();
  });
});

describe('a large document', () => {
  // Hostile inputs for the citation patterns are linted under the hang guard in
  // test/reliability/hostile-values.test.ts; polynomial backtracking is ruled out for every
  // pattern by the ReDoS check (test/reliability/redos.test.ts), without timing anything.
  it('finds every citation', () => {
    const paragraph = 'Per ISO 13485:2016, para. 8.5.2 and § 7.3.2 a), see [[13485:4.2.4]] and 21 CFR 820.10(c).\n\n';
    expect(extractCitations(parseMarkdown(paragraph.repeat(2000)))).toHaveLength(8000);
  });
});
