// Applying fixes: exact edits against the original text. The editor's quick
// fixes and the CLI's --fix both come through here. Only a finding's `fix` is
// ever applied here: its `suggestions` may change what the text means, so they
// are offered one by one in the editor and never applied in bulk.
import { maxOf, minOf, pushAll } from './arrays';
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
  // Insertions at one offset from different fixes go together, in the order
  // of the findings (the sort in applyEdits is stable), so a document missing
  // several fields gets them all in one pass.
  const overlaps = (a: TextEdit, b: TextEdit) => a.start < b.end && b.start < a.end;
  for (const f of findings) {
    if (!f.fix || !f.fix.edits.length) continue;
    if (f.fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push(f);
    pushAll(taken, f.fix.edits);
  }
  return { text: applyEdits(text, taken), applied: chosen };
}

/**
 * Why a fix cannot be applied to this text, or undefined when it can: every
 * edit must lie inside the text, not split a surrogate pair (that would write
 * U+FFFD over the user's character), and not overlap another of its edits.
 */
export function fixProblem(text: string, edits: TextEdit[]): string | undefined {
  const splitsPair = (o: number) => o > 0 && o < text.length && isHighSurrogate(text.charCodeAt(o - 1)) && isLowSurrogate(text.charCodeAt(o));
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length) {
      return `edit [${e.start}, ${e.end}) falls outside the text (length ${text.length})`;
    }
    if (splitsPair(e.start) || splitsPair(e.end)) return `edit [${e.start}, ${e.end}) splits a character`;
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (b.start < a.end || (a.start === b.start && a.start === a.end && b.start === b.end)) return `edits at offset ${b.start} overlap`;
  }
  return undefined;
}

/** The fixable findings worth applying: edits valid for this text that change something. */
export function applicableFixes(text: string, findings: Finding[]): Finding[] {
  return findings.filter(
    (f) => f.fix && f.fix.edits.length && !fixProblem(text, f.fix.edits) && f.fix.edits.some((e) => text.slice(e.start, e.end) !== e.text),
  );
}

/** One pass: the applicable fixes that go together, applied to the text. */
export function fixPass(text: string, findings: Finding[]): { text: string; applied: Finding[]; edits: TextEdit[] } {
  const { text: fixed, applied } = applyFindingFixes(text, applicableFixes(text, findings));
  return { text: fixed, applied, edits: applied.flatMap((f) => f.fix!.edits) };
}

/**
 * Edits against the original text that have the effect of `net` followed by
 * `next` (whose offsets address applyEdits(original, net)). An edit that
 * touches an earlier one merges with it, so the result stays non-overlapping
 * and every byte outside it is the original's.
 */
export function composeEdits(original: string, net: TextEdit[], next: TextEdit[]): TextEdit[] {
  let edits = [...net].sort((a, b) => a.start - b.start || a.end - b.end);
  let current = applyEdits(original, edits);
  // From the end backwards, so the offsets of the edits still to come stay valid; of two
  // insertions at one offset the later goes first, so the earlier lands before it, as in applyEdits.
  const backwards = next.map((edit, i) => ({ edit, i })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.i - a.i);
  for (const { edit: p } of backwards) {
    let shift = 0;
    const placed = edits.map((e) => {
      const at = { edit: e, start: e.start + shift, end: e.start + shift + e.text.length };
      shift += e.text.length - (e.end - e.start);
      return at;
    });
    const group = placed.filter((x) => x.start <= p.end && p.start <= x.end);
    const before = placed.filter((x) => x.end < p.start);
    const shiftBefore = before.reduce((s, x) => s + x.edit.text.length - (x.edit.end - x.edit.start), 0);
    const start = minOf(group.map((x) => x.start), p.start);
    const end = maxOf(group.map((x) => x.end), p.end);
    const oStart = group.length && group[0].start === start ? group[0].edit.start : p.start - shiftBefore;
    const last = group[group.length - 1];
    const groupShift = group.reduce((s, x) => s + x.edit.text.length - (x.edit.end - x.edit.start), 0);
    const oEnd = group.length && last.end === end ? last.edit.end : p.end - shiftBefore - groupShift;
    const replacement = current.slice(start, p.start) + p.text + current.slice(p.end, end);
    current = current.slice(0, start) + replacement + current.slice(end);
    edits = edits.filter((e) => !group.some((x) => x.edit === e));
    if (replacement !== original.slice(oStart, oEnd)) edits.push({ start: oStart, end: oEnd, text: replacement });
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  return edits;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
