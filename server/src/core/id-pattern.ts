// The configured idPattern, as the rules use it: on a field's value, and to
// find mentions of document ids in running text. Config validation checks both
// forms for unbounded backtracking, so they are built in one place.
import { superLinear } from './regex-safety';

/** The pattern for a whole value, such as the `id` field. */
export function idRegex(idPattern: string): RegExp {
  return new RegExp(idPattern, 'u');
}

/**
 * Finds ids in running text: the pattern without its anchors, not inside a
 * longer word or id. Words are letters and digits of any script: with ASCII
 * \w, a pattern of \p{Lu} could start inside a run of accented capitals at
 * every position, which is quadratic.
 */
export function mentionRegex(idPattern: string): RegExp {
  const inner = idPattern.replace(/^\^/, '').replace(/\$$/, '');
  return new RegExp(`(?<![\\p{L}\\p{N}_.-])(?:${inner})(?![\\p{L}\\p{N}_-])`, 'gu');
}

/**
 * Why `idPattern` is unfit to run over documents, or undefined when it is fit:
 * not a regular expression, or one whose matching time can grow faster than the text.
 */
export function idPatternProblem(idPattern: string): string | undefined {
  let forms: RegExp[];
  try {
    forms = [idRegex(idPattern), mentionRegex(idPattern)];
  } catch (e) {
    return `not a valid regular expression (${(e as Error).message})`;
  }
  for (const re of forms) {
    const growth = superLinear(re);
    if (growth) {
      return `matching it can take ${growth} time on some texts (a repetition that can match the same characters in more than one way, like (a+)+ or \\d+\\d+), which would hang every lint; write it so each character can be matched one way only, like ^[A-Z]+-\\d+$`;
    }
  }
  return undefined;
}
