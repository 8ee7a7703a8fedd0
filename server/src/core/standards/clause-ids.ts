// Clause references as people write them ("§ 820.10(a)", "4.2.4 c)") and
// did-you-mean suggestions for clause numbers that do not exist.
import { distance } from 'fastest-levenshtein';

export interface ClauseRef {
  /** The clause number: "4.2.4", "820.10". */
  clause: string;
  /** The sub-item, without brackets: "c", "a", "1". */
  item?: string;
}

/** Splits "4.2.4 c)", "820.10(a)", "§ 820.10 (a)(1)", "Clause 7.3.2." into clause and first sub-item. */
export function parseClauseRef(ref: string): ClauseRef {
  let s = ref
    .normalize('NFKC')
    .trim()
    .replace(/^(?:§+|clause|section|sec\.)\s*/i, '')
    .trim();
  let item: string | undefined;
  const bracketed = /\s*\(([a-z]{1,2}|\d{1,2})\)(?:\s*\([a-z0-9]{1,4}\))*$/i.exec(s);
  const halfBracketed = /\s+([a-z]{1,2}|\d{1,2})\)$/i.exec(s);
  const found = bracketed ?? halfBracketed;
  if (found) {
    item = found[1].toLowerCase();
    s = s.slice(0, found.index);
  }
  s = s.replace(/\.+$/, '').trim();
  return item === undefined ? { clause: s } : { clause: s, item };
}

function parentOf(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot < 0 ? '' : id.slice(0, dot);
}

function lastNumber(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('.') + 1));
  return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
}

const squash = (id: string) => id.replace(/[^0-9A-Za-z]/g, '').toLowerCase();
const sortedSegments = (id: string) => id.toLowerCase().split('.').sort().join('.');

/**
 * Up to `max` clause ids close to `query`, best first. A candidate with the
 * same digits and the dots in other places ("4.21" -> "4.2.1") ranks first,
 * then one with the same numbers in another order ("2.4.4" -> "4.2.4"), then
 * one typing slip away (edit distance 1), preferring siblings of the clause
 * the query seems to be under, the nearest number among them, and document
 * order. Distance 2 is not offered: among short dotted numbers it matches
 * nearly anything.
 */
export function suggestClauseIds(query: string, ids: readonly string[], max = 3): string[] {
  const q = query.trim();
  if (!q) return [];
  const qSquash = squash(q);
  const qParent = parentOf(q);
  const qLast = lastNumber(q);
  const qSorted = sortedSegments(q);
  const scored: { id: string; score: number; gap: number; order: number }[] = [];
  ids.forEach((id, order) => {
    if (id === q) return;
    const sameParent = parentOf(id) === qParent;
    const gap = sameParent ? Math.abs(lastNumber(id) - qLast) : Number.POSITIVE_INFINITY;
    if (squash(id) === qSquash) {
      scored.push({ id, score: 0.5, gap, order });
      return;
    }
    if (sortedSegments(id) === qSorted) {
      scored.push({ id, score: 0.75, gap, order });
      return;
    }
    const d = distance(q, id);
    if (d > 1 || d >= q.length) return;
    scored.push({ id, score: d + (sameParent ? 0 : 0.5), gap, order });
  });
  scored.sort((a, b) => a.score - b.score || a.gap - b.gap || a.order - b.order);
  return scored.slice(0, max).map((s) => s.id);
}
