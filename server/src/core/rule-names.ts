// Rule names as people write them (the config's `rules:`, suppression
// comments): whether a name is a rule, and which rule a slip was meant to be.
import { distance } from 'fastest-levenshtein';
import { NOTICES } from './notices';
import { rules } from './rules';

const ruleIds = new Set(rules.map((r) => r.id));
const noticeIds = new Set(NOTICES.map((n) => n.id));

export function isRuleId(name: string): boolean {
  return ruleIds.has(name);
}

/** The engine's own findings (file-too-large, ...): real names, but not rules one can configure or suppress. */
export function isNoticeId(name: string): boolean {
  return noticeIds.has(name);
}

/**
 * The rule id nearest to a name that is none, when it is near enough to be a
 * slip (a letter or two, case, `_` for `-`); undefined for anything further,
 * where a guess would only mislead.
 */
export function closestRuleId(name: string): string | undefined {
  const wanted = name.toLowerCase().replaceAll('_', '-');
  const limit = Math.max(1, Math.floor(wanted.length / 5));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const id of ruleIds) {
    const d = distance(wanted, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}
