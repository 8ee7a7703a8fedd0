// Applying fixes: exact edits against the original text. The editor's quick
// fixes and the CLI's --fix both come through here.
import type { Finding, TextEdit } from './types';

/** Applies non-overlapping edits; throws if two overlap (a rule bug, never silently merged). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) {
      throw new Error(`overlapping or out-of-range edit at offset ${e.start}`);
    }
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Applies as many fixes as can go together in one pass: a fix whose edits
 * overlap an earlier chosen fix waits for the next pass (the caller re-lints).
 */
export function applyFindingFixes(text: string, findings: Finding[]): { text: string; applied: Finding[] } {
  const chosen: Finding[] = [];
  const taken: TextEdit[] = [];
  // Two insertions at one offset also clash: their order would be a guess.
  const overlaps = (a: TextEdit, b: TextEdit) => (a.start < b.end && b.start < a.end) || (a.start === b.start && a.end === a.start && b.end === b.start);
  for (const f of findings) {
    if (!f.fix || !f.fix.edits.length) continue;
    if (f.fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push(f);
    taken.push(...f.fix.edits);
  }
  return { text: applyEdits(text, taken), applied: chosen };
}
