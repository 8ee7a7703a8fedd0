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
      reports.push({ ...unknownNameMessage(name, comment, guess), range: { start, end: start + name.length } });
    }
  }
  return reports;
}

function unknownNameMessage(name: string, comment: string, guess: (name: string) => string | undefined): { message: string; detail?: string } {
  if (isNoticeId(name)) return { message: `${name} is a notice, not a rule, so ${comment} cannot suppress it.`, detail: 'Remove the name.' };
  const meant = guess(name);
  if (meant) return { message: `Unknown rule "${name}" in ${comment}; did you mean ${meant}?` };
  return { message: `Unknown rule "${name}" in ${comment}: it has no effect.`, detail: 'Correct it to a rule id (docs/rules/README.md lists them) or remove it.' };
}
