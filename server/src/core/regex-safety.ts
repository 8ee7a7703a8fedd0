// A regular expression a user writes (idPattern) runs over every document's
// text, so one that backtracks without bound (`(a+)+`, `\d+\d+`) would make
// every lint of the repository hang. scslre finds such patterns by analysing
// the expression itself, in milliseconds, without running it.
import { RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';

/**
 * Why `re` can take more than linear time on some text ("exponential" or
 * "polynomial"), or undefined when it cannot. A pattern the analyser cannot
 * read passes: the RegExp constructor accepted it, which is all we can know.
 */
export function superLinear(re: RegExp): 'exponential' | 'polynomial' | undefined {
  let reports;
  try {
    const literal = new RegExpParser().parseLiteral(`/${re.source}/${re.flags}`);
    reports = analyse(literal, { reportTypes: { Move: true, Self: true, Trade: true } }).reports;
  } catch {
    return undefined;
  }
  if (!reports.length) return undefined;
  return reports.some((r) => r.exponential) ? 'exponential' : 'polynomial';
}
