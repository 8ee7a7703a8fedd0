// Names in suppression comments that are no rule. Such a name suppresses
// nothing, so the finding it was meant for stays without a word: each is
// reported where it is written instead (the suppression-unknown-rule notice).
import { closestRuleId, isNoticeId, isRuleId } from './rule-names';
import type { Suppressions } from './suppressions';
import type { Report } from './types';

export function unknownRuleNames(suppressions: Suppressions): Report[] {
  const reports: Report[] = [];
  const guesses = new Map<string, string | undefined>();
  const guess = (name: string) => {
    if (!guesses.has(name)) guesses.set(name, closestRuleId(name));
    return guesses.get(name);
  };
  for (const d of suppressions.directives) {
    const comment = `qmslint-${d.kind}`;
    for (const { name, start } of d.names) {
      if (isRuleId(name)) continue;
      reports.push({ message: unknownNameMessage(name, comment, guess), range: { start, end: start + name.length } });
    }
  }
  return reports;
}

function unknownNameMessage(name: string, comment: string, guess: (name: string) => string | undefined): string {
  if (isNoticeId(name)) return `${name} is a notice, not a rule: ${comment} cannot suppress it. Remove the name.`;
  const meant = guess(name);
  if (meant) return `Unknown rule "${name}" in ${comment}; did you mean ${meant}?`;
  return `Unknown rule "${name}" in ${comment}: it has no effect. Correct it to a rule id (docs/rules/README.md lists them) or remove it.`;
}
