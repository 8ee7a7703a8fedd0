// Which source a clause number belongs to: the standard written with it, the nearest source in
// its sentence, table cell or row, or only the document as a whole. Cases from public QMS
// template collections where numbers belong to MDR annexes, MEDDEV, IEC 62304 or the document.
import { describe, expect, it } from 'vitest';
import { extractCitations } from '../../server/src/core/citations';
import { parseMarkdown } from '../../server/src/core/parse';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

/** Each citation as "clause certainty standard cue". */
function bound(markdown: string): string[] {
  const doc = parseMarkdown(markdown);
  return extractCitations(doc).map((c) => [c.clause, c.certainty, c.standardText ?? c.number ?? '-', c.cue ?? '-'].join(' '));
}

describe('the source a clause number belongs to', () => {
  it.each([
    ['where justified pursuant to Section 10.4.2 of Annex I'],
    ['In the case of substances referred to in Section 10.4.1 of Annex I, the'],
    ["*See MEDDEV 2.12/1, section 4.6 'Definitions'*"],
    ['Medical Device Regulation, Annex IX<br>Chapter II Section 4.10'],
    ['based on the exception stated in Section 13.1 (MDD) or Section 23.1.d (MDR):'],
    ['per IEC 62304:2006/AMD1:2015 based on table 3 and in paragraph 4.3 of the norm.'],
    ['See chapter 9.9 of the user guide.'],
    ['According to Annex III section 1.1 (b) MDR, the plan'],
    ['* MDR Annex II Para. 1.2'],
    ['| Source | Where |\n|---|---|\n| EU Regulation 2017/745 (MDR) | Art. 84 and Annex III, Para. 1.1 |'],
    ['Changes are assessed as described in SOP-012 §4.3.'],
    ['Summarize the activities that have been described in the PMCF plan in section 1.1.'],
    ['Safeguards follow 45 CFR 164.312 and its section 3.2.'],
  ])('%s: another source, no citation', (text) => {
    expect(bound(text)).toEqual([]);
  });

  it.each([
    // The row's first cell names the standard.
    ['| Standard | Sections |\n|---|---|\n| IEC 62304:2006 | Para. 5.7.5, 5.8.2 |', ['5.7.5 near IEC 62304:2006 section', '5.8.2 near IEC 62304:2006 section']],
    // The column header names it.
    ['| Topic | ISO 9001:2015 reference |\n|---|---|\n| Risk | see clause 6.1 |', ['6.1 near ISO 9001:2015 clause']],
    // The nearest source in the sentence is the standard.
    ['ISO 13485:2016 requires it; see also clause 7.3.', ['7.3 near ISO 13485:2016 clause']],
    ['The MDR applies, and ISO 13485:2016 in section 7.3 too.', ['7.3 near ISO 13485:2016 section']],
    // A CFR section starts with its part: 8.2.4 after "21 CFR 820.35" is not one of its sections.
    ['This procedure implements 21 CFR 820.35 and Sec. 8.2.4.', ['820.35 named 21 CFR -', '8.2.4 unbound - section']],
    // ... and it is the nearest: MEDDEV comes after the standard.
    ['ISO 13485:2016 and MEDDEV 2.12/1 section 4.6 apply.', []],
  ])('%s', (text, expected) => {
    expect(bound(text)).toEqual(expected);
  });

  it('binds within a sentence only; the cue says how the number was introduced', () => {
    expect(bound('ISO 13485:2016 applies. Section 7.3 covers design, § 7.5 production.')).toEqual([
      '7.3 unbound - section',
      '7.5 unbound - clause',
    ]);
    expect(bound('See Art. 84 of the MDR. Clause 7.3 covers design.')).toEqual(['7.3 unbound - clause']);
  });

  it('keeps numbers written with their standard named, wherever they stand', () => {
    expect(bound('See ISO 13485:2016, para. 4.1, 4.21 and Annex I.')).toEqual(['4.1 named ISO 13485:2016 -', '4.21 named ISO 13485:2016 -']);
    expect(bound('Clause 7.3 of ISO 9001:2015 applies.')).toEqual(['7.3 named ISO 9001:2015 -']);
    expect(bound('| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 4.2.4 | (All) |')).toEqual(['4.2.4 named ISO 13485:2016 -']);
  });
});

const withBody = (body: string, fields = '') => CLEAN_SOP.replace('## Revision History', `${body}\n\n## Revision History`).replace('next_review:', `${fields}next_review:`);
const plain = (body: string) => `# Notes\n\n${body}\n`;

async function unknown(files: Record<string, string>, file = Object.keys(files)[0]) {
  return findings(await lintFiles(files), file, 'clause-unknown').map((f) => `${f.severity} ${f.message.replace(/\.(?: .*)?$/, '')}`);
}

describe('clause-unknown follows the binding', () => {
  it('is an error only where the standard is written with the number', async () => {
    expect(await unknown({ 'a.md': plain('See ISO 13485:2016 clause 4.21 for the rules.') })).toEqual(['error ISO 13485:2016 has no clause 4.21']);
    expect(await unknown({ 'a.md': plain('ISO 13485:2016 requires, in clause 4.21, that records are kept.') })).toEqual([
      'warning ISO 13485:2016 has no clause 4.21',
    ]);
  });

  it('checks an unbound clause number against a standard the document declares or names, as a warning', async () => {
    expect(await unknown({ 'sop.md': withBody('As § 9.9.9 requires.') })).toEqual(['warning ISO 13485:2016 has no clause 9.9.9']);
    expect(await unknown({ 'a.md': plain('This handbook follows ISO 9001:2015.\n\nAccording to Clause 9.9 the review is yearly.') })).toEqual([
      'warning ISO 9001:2015 has no clause 9.9',
    ]);
  });

  it('leaves alone what only might be a clause', async () => {
    // No standard named anywhere.
    expect(await unknown({ 'a.md': plain('See § 9.9.9 and clause 4.21.') })).toEqual([]);
    // "section", "chapter", "para." with nothing binding them: the document's or another's numbering.
    expect(await unknown({ 'a.md': plain('We follow ISO 13485:2016.\n\nSee section 1.2 and para. 4.21.') })).toEqual([]);
    // A number that is one of the document's own headings.
    expect(await unknown({ 'a.md': plain('We follow ISO 13485:2016.\n\n## 9.9 Appendix\n\nSee clause 9.9.') })).toEqual([]);
    // Only an old edition is named: its numbering is not the 2016 one.
    expect(await unknown({ 'a.md': plain('This QMS follows ISO 13485:2003.\n\nSee § 7.5.1.2.1.') })).toEqual([]);
    // Two standards with packs are named: which one "§ 9.9" belongs to is unknown.
    expect(await unknown({ 'a.md': plain('We follow ISO 9001:2015 and 21 CFR 820.\n\nSee § 9.9.') })).toEqual([]);
  });

  it('reads a README that names no standard without a finding', async () => {
    expect(await unknown({ 'README.md': '# P\n\nSee chapter 9.9 of the user guide.\n' })).toEqual([]);
  });
});

describe('a document talking about itself', () => {
  it('keeps "This procedure implements clause 7.3" a citation', () => {
    expect(bound('This procedure implements clause 7.3 and § 7.5.')).toEqual(['7.3 unbound - clause', '7.5 unbound - clause']);
  });
});

describe('templates', () => {
  it('reads no citation inside template expressions or comments', () => {
    expect(bound('{# maps ISO 13485:2016 8.5.2 #} See {{ "ISO 13485:2016 7.3.9" }} and ISO 13485:2016 7.3.2.')).toEqual(['7.3.2 named ISO 13485:2016 -']);
  });
});

describe('a designation wrapped over two lines', () => {
  it('is still the source of the number after it', () => {
    expect(bound('This meets IEC\n62304:2006+A1:2015, para. 5.7.')).toEqual(['5.7 named IEC 62304:2006+A1:2015 -']);
    expect(bound('It follows ISO\n13485:2016 clause 4.21.')).toEqual(['4.21 named ISO 13485:2016 -']);
  });
});

describe('a CFR section by its shape', () => {
  it('reads a bare "820.10(c)" as a section of part 820, read from its shape (a warning at most)', () => {
    expect(bound('Complaints follow 820.10(c) and 820.35(a).')).toEqual(['820.10 near 820 -', '820.35 near 820 -']);
    // Not a version number, a date or a figure.
    expect(bound('Version 2.10(a), see figure 3.1(b), 15.01.2026.')).toEqual([]);
  });
});
