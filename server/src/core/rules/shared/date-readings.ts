// The ISO 8601 dates a date written another way can mean. Year first (2026/03/01,
// 2026-3-1, 2026.03.01) has one reading, year-month-day: no convention writes the day
// before the month after a year. Year last (01.03.2026, 03/04/2026) is day first in
// most of the world and month first in the USA: when both readings are real, different
// dates, only a person can say which was meant.

import { isIsoDate } from '../../dates';

export interface DateReadings {
  /** The one date the text can mean (a fix may write it). */
  exact?: string;
  /** Each real date the text may mean, when there are several (suggestions only). */
  possible: { iso: string; order: 'day first' | 'month first' }[];
}

const pad = (n: string) => n.padStart(2, '0');

export function dateReadings(written: string): DateReadings {
  const s = written.trim();
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (yearFirst) {
    const iso = `${yearFirst[1]}-${pad(yearFirst[2])}-${pad(yearFirst[3])}`;
    return isIsoDate(iso) && iso !== s ? { exact: iso, possible: [] } : { possible: [] };
  }
  const yearLast = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(s);
  if (!yearLast) return { possible: [] };
  const [, a, , b, year] = yearLast;
  const dayFirst = `${year}-${pad(b)}-${pad(a)}`;
  const monthFirst = `${year}-${pad(a)}-${pad(b)}`;
  const possible = [
    { iso: dayFirst, order: 'day first' as const },
    { iso: monthFirst, order: 'month first' as const },
  ].filter((r, i, all) => isIsoDate(r.iso) && all.findIndex((o) => o.iso === r.iso) === i);
  return possible.length === 1 ? { exact: possible[0].iso, possible: [] } : { possible };
}

/** How to write a date that is not ISO 8601, in one sentence: the one date it means, the dates it may mean, or the form. */
export function howToWriteDate(written: string): string {
  const r = dateReadings(written);
  if (r.exact) return `Write ${r.exact} (${written.trim()} -> ${r.exact}).`;
  if (r.possible.length) return `It may be ${r.possible.map((p) => `${p.iso} (${p.order})`).join(' or ')}: write the date meant as year-month-day.`;
  return 'Write it as year-month-day, e.g. 2026-03-01.';
}
