// Where bench/run.mjs writes in bench/RESULTS.md, which is otherwise written by
// hand: the measured section between the bench markers, and the section it
// replaced between the "previous" markers (only the last one is kept), so a
// reader sees the previous measurement and the new one together (issue 17,
// point 5). The first measurement is kept by hand, outside both.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const START = '<!-- bench:start (written by bench/run.mjs; edit outside the markers) -->';
export const END = '<!-- bench:end -->';
export const PREVIOUS_START = '<!-- bench:previous:start (the measurement the one above replaced, moved here by bench/run.mjs; only the last one is kept) -->';
export const PREVIOUS_END = '<!-- bench:previous:end -->';
// The targets of a section as data, so the next run can show them beside its own.
const TARGETS = /<!-- bench:targets (.*) -->/;

/** The text between two markers, or undefined when they are missing. */
function between(text, start, end) {
  const s = text.indexOf(start);
  const e = text.indexOf(end, s + start.length);
  return s < 0 || e < 0 ? undefined : text.slice(s + start.length, e).trim();
}

/** Replaces the text between two markers (both present). */
function replaceBetween(text, start, end, body) {
  const s = text.indexOf(start);
  const e = text.indexOf(end, s + start.length);
  return `${text.slice(0, s + start.length)}\n${body}\n${text.slice(e)}`;
}

/** The measured section a results file holds now (undefined when none). */
export function currentSection(text) {
  return text === undefined ? undefined : between(text, START, END);
}

/** What a section's targets comment holds: { measured, targets: { id: text } }, or undefined. */
export function targetsOf(section) {
  const m = section && TARGETS.exec(section);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]);
  } catch {
    return undefined;
  }
}

/** The comment renderResults puts in a section for the next run to read. */
export function targetsComment(data) {
  // `--` may not appear inside an HTML comment.
  return `<!-- bench:targets ${JSON.stringify(data).replaceAll('--', '-\\u002d')} -->`;
}

/**
 * The new text of a results file: `section` between the bench markers and the
 * section it replaces between the previous markers (added after the bench
 * markers when the file has none yet). A file without bench markers gets both
 * appended; a missing file (undefined) is started.
 */
export function placeSection(old, section) {
  const body = `${START}\n${section}\n${END}`;
  if (old === undefined) return `# Benchmark results\n\n## Current measurement\n\n${body}\n`;
  const replaced = currentSection(old);
  if (replaced === undefined) return `${old.trimEnd()}\n\n${body}\n`;
  const text = replaceBetween(old, START, END, section);
  if (!replaced) return text;
  if (between(text, PREVIOUS_START, PREVIOUS_END) !== undefined) return replaceBetween(text, PREVIOUS_START, PREVIOUS_END, replaced);
  const at = text.indexOf(END) + END.length;
  return `${text.slice(0, at)}\n\n## Previous measurement\n\n${PREVIOUS_START}\n${replaced}\n${PREVIOUS_END}${text.slice(at)}`;
}

/** Writes `render(previousTargets)` into `file` as placeSection says. */
export function writeResults(file, render) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  writeFileSync(file, placeSection(old, render(targetsOf(currentSection(old)))));
}
