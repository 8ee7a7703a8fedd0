// The document model and the primitives under it: positions, revisions, dates, fixes.
import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate } from '../../server/src/core/dates';
import { howToWriteDate } from '../../server/src/core/rules/shared/date-readings';
import { applyEdits, applyFindingFixes } from '../../server/src/core/fixes';
import type { Finding } from '../../server/src/core/types';
import { compareRevisions, nextRevision, parseRevision } from '../../server/src/core/revision';
import { LineIndex } from '../../server/src/core/text';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

describe('revisions', () => {
  it.each([
    ['C', 'letters'],
    ['AA', 'letters'],
    ['3', 'integer'],
    ['03', 'integer'],
    ['1.10', 'dotted'],
    ['Rev. B', 'letters'],
  ])('parses %s as %s', (text, scheme) => expect(parseRevision(text)?.scheme).toBe(scheme));

  it('rejects what is no revision', () => {
    for (const s of ['', 'draft', '1.a', 'B2', '<enter revision>']) expect(parseRevision(s)).toBeUndefined();
  });

  it('orders within a scheme and not across', () => {
    const r = (s: string) => parseRevision(s)!;
    expect(compareRevisions(r('Z'), r('AA'))).toBeLessThan(0);
    expect(compareRevisions(r('1.9'), r('1.10'))).toBeLessThan(0);
    expect(compareRevisions(r('2'), r('10'))).toBeLessThan(0);
    expect(compareRevisions(r('C'), r('3'))).toBeUndefined();
  });

  it('increments in the scheme', () => {
    expect(nextRevision(parseRevision('C')!)).toBe('D');
    expect(nextRevision(parseRevision('Z')!)).toBe('AA');
    expect(nextRevision(parseRevision('09')!)).toBe('10');
    expect(nextRevision(parseRevision('1.9')!)).toBe('1.10');
    expect(nextRevision(parseRevision('1.9')!, true)).toBe('2.0');
  });
});

describe('dates', () => {
  it('accepts only real ISO 8601 calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('15.01.2021')).toBe(false);
  });
  it('says how to write other spellings: the one date they mean, or each they may mean', () => {
    expect(howToWriteDate('15.01.2021')).toBe('Write 2021-01-15 (15.01.2021 -> 2021-01-15).');
    expect(howToWriteDate('2021/1/5')).toBe('Write 2021-01-05 (2021/1/5 -> 2021-01-05).');
    expect(howToWriteDate('01/15/2021')).toBe('Write 2021-01-15 (01/15/2021 -> 2021-01-15).'); // 15 is no month
    expect(howToWriteDate('01.03.2026')).toBe('It may be 2026-03-01 (day first) or 2026-01-03 (month first): write the date meant as year-month-day.');
    expect(howToWriteDate('March 2026')).toBe('Write it as year-month-day, e.g. 2026-03-01.');
  });
  it('adds months, clamping the day', () => expect(addMonths('2026-01-31', 1)).toBe('2026-02-28'));
});

describe('positions', () => {
  it('maps offsets to 1-based lines and columns with LF, CRLF and CR', () => {
    const idx = new LineIndex('ab\r\ncd\ref\ngh');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(4)).toEqual({ line: 2, column: 1 });
    expect(idx.position(7)).toEqual({ line: 3, column: 1 });
    expect(idx.position(10)).toEqual({ line: 4, column: 1 });
    expect(idx.offset(2, 2)).toBe(5);
  });

  it('keeps ranges and fixes exact with a BOM and CRLF line endings', async () => {
    const crlf = '\uFEFF' + CLEAN_SOP.replace('revision: C', 'revision: B').replace(/\n/g, '\r\n');
    const [f] = findings(await lintFiles({ 's.md': crlf }), 's.md', 'revision-mismatch');
    expect(crlf.slice(f.range.start, f.range.end)).toBe('B');
    expect(f.line).toBe(5);
    const fixed = applyEdits(crlf, f.fix!.edits);
    expect(fixed).toBe(crlf.replace('revision: B', 'revision: C'));
    expect(fixed.startsWith('\uFEFF')).toBe(true);
  });
});

describe('fixes', () => {
  it('applies insertions of several fixes at one offset together, in finding order', () => {
    const finding = (text: string) => ({ fix: { title: text, edits: [{ start: 4, end: 4, text }] } }) as unknown as Finding;
    const { text, applied } = applyFindingFixes('---\n---\n', [finding('a: 1\n'), finding('b: 2\n')]);
    expect(text).toBe('---\na: 1\nb: 2\n---\n');
    expect(applied).toHaveLength(2);
  });

  it('refuses overlapping edits instead of merging them', () => {
    expect(() => applyEdits('abcdef', [{ start: 1, end: 3, text: 'x' }, { start: 2, end: 4, text: 'y' }])).toThrow(/overlapping/);
    expect(applyEdits('abcdef', [{ start: 4, end: 6, text: 'Z' }, { start: 0, end: 1, text: 'A' }])).toBe('AbcdZ');
  });
});

describe('document model', () => {
  it('reads a dotted revision as written, not as a number', async () => {
    const doc = CLEAN_SOP.replace('revision: C', 'revision: 1.10').replace(/\| C \| 2026/, '| 1.10 | 2026').replace('| A |', '| 1.8 |').replace('| B |', '| 1.9 |');
    const result = await lintFiles({ 's.md': doc });
    expect(result.files[0].document!.fields.get('revision')!.text).toBe('1.10');
    expect(findings(result, 's.md', 'revision-mismatch')).toEqual([]);
  });
});
