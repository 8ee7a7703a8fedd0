// For clause-edition: a withdrawn edition whose clauses were renumbered (ISO 13485:2003 -> 2016,
// ISO 9001:2008 -> 2015). Changing only the year would change what the clause numbers cited
// with it mean (2003 4.2.3 is Control of documents, 2016 4.2.3 the Medical device file), so the
// change is a fix only when every such number maps to exactly one new clause that means the
// same (the edition transition table says so); otherwise the message says what to check.
import type { Citation, StandardMention } from '../../citations';
import { findTransition, oneToOne, transitionRow } from '../../standards/transitions';
import type { EditionTransition, RegistryEntry } from '../../standards/types';
import type { Fix } from '../../types';

/** What the transition table says about one designation: a fix, or a sentence saying what to check. */
export interface TransitionOutcome {
  fix?: Fix;
  /** One or two sentences for the message, each ending in a full stop. */
  note: string;
}

/** Clauses listed in a message before "and N more". */
const MAX_LISTED = 3;

function sameRange(a: { start: number; end: number } | undefined, b: { start: number; end: number }): boolean {
  return a !== undefined && a.start === b.start && a.end === b.end;
}

/** "7.5.6", "7.5.6 and 7.5.7", "8.5.1, 8.2.2 and 8.2.3". */
function andList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** At most MAX_LISTED items, then "and N more". */
function shortList(items: readonly string[]): string {
  if (items.length <= MAX_LISTED) return andList(items);
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

/** A clause cited with the designation that cannot be renumbered for sure, and why. */
interface Problem {
  /** "7.5.2", "4.2.3 a)". */
  cited: string;
  /** The sentence when it is the only problem: "Its clause 7.5.2 is 7.5.6 and 7.5.7 in 2016: check which applies." */
  alone: string;
  /** Its entry in a list of several: "7.5.2 (7.5.6 or 7.5.7)". */
  listed: string;
}

function problemOf(c: Citation, table: EditionTransition, oldName: string): Problem | undefined {
  const row = transitionRow(table, c.clause);
  const cited = c.item === undefined ? c.clause : `${c.clause} ${c.item})`;
  if (!row) {
    return {
      cited,
      alone: `Its clause ${c.clause} is not a clause of ${oldName} that qmslint knows: check the number.`,
      listed: `${c.clause} (not a ${table.from} clause)`,
    };
  }
  const to = andList(row.to);
  if (row.check !== undefined) {
    return { cited, alone: `Its clause ${c.clause} is ${to} in ${table.to}; check: ${row.check}.`, listed: `${c.clause} (${row.to.join(' or ')}; subject changed)` };
  }
  if (row.to.length > 1) {
    return { cited, alone: `Its clause ${c.clause} is ${to} in ${table.to}: check which applies.`, listed: `${c.clause} (${row.to.join(' or ')})` };
  }
  // One clause, same subject: only an item or a range stands in the way.
  if (c.item !== undefined) {
    return {
      cited,
      alone: `Its clause ${c.clause} is ${to} in ${table.to}, but lettered items may differ between editions: check ${cited} against ${table.to} ${to}.`,
      listed: `${cited} (item may differ)`,
    };
  }
  if (c.rangeRole !== undefined) {
    return {
      cited,
      alone: `A range of its clauses ends at ${c.clause}, and clauses between its ends may have moved in ${table.to}: check the range.`,
      listed: `${c.clause} (end of a range)`,
    };
  }
  return undefined;
}

/** A clause-like number ("7.5.2.1"): bounded repetitions only, so matching stays linear. */
const CLAUSE_LIKE = /\d{1,3}(?:\.\d{1,3}){1,5}/g;

/** The first clause-like number on the designation's line that no citation was read from. */
function strayNumber(text: string, at: { start: number; end: number }, citations: readonly Citation[]): string | undefined {
  const start = text.lastIndexOf('\n', at.start - 1) + 1;
  const newline = text.indexOf('\n', at.end);
  const line = text.slice(start, newline < 0 ? text.length : newline);
  for (const hit of line.matchAll(CLAUSE_LIKE)) {
    const pos = start + hit.index;
    if (!citations.some((c) => c.clauseRange.start <= pos && pos < c.clauseRange.end)) return hit[0];
  }
  return undefined;
}

/** Clause numbers cited without a standard would change edition with the designation. */
function looseNote(first: Citation, newName: string): string {
  return `Clause numbers changed between editions: check the numbers this document cites without a standard (first ${first.clause}) against ${newName}.`;
}

/**
 * The outcome for a designation written with a withdrawn edition that has a transition table to
 * `current`, or undefined when nothing changes from the plain edition finding: no table, or no
 * clause number in the document that the edition could decide (just "per ISO 13485:2003").
 */
export function editionTransition(
  m: StandardMention,
  entry: RegistryEntry,
  current: string,
  citations: readonly Citation[],
  text: string,
): TransitionOutcome | undefined {
  if (m.edition === undefined || !m.editionRange) return undefined;
  const table = findTransition(entry.family, m.edition);
  if (!table || table.to !== current) return undefined;
  const oldName = `${entry.publisher} ${entry.number}:${table.from}`;
  const newName = `${entry.publisher} ${entry.number}:${table.to}`;

  const bound = citations.filter((c) => sameRange(c.standardRange, m.range));
  // Clause numbers written with no standard near them ("clause 4.2.3", "§ 7.5.2") are read as the
  // standard the document names (resolve.ts): changing this designation's year would change
  // which edition they are read in. Front matter `clauses:` are the document's declared
  // standard's whatever the text names, and "section 1.2" is mostly the document's own.
  const loose = citations.filter((c) => c.number === undefined && c.certainty === 'unbound' && c.cue === 'clause');
  if (!bound.length) {
    if (!loose.length) return undefined;
    return { note: looseNote(loose[0], newName) };
  }

  // Only numbers the designation names itself: a number it is merely nearest to may be the
  // document's own section.
  const unsure = bound.filter((c) => c.certainty !== 'named');
  if (unsure.length) {
    return { note: `Clause numbers changed between editions: check ${shortList([...new Set(unsure.map((c) => c.clause))])} against ${newName}.` };
  }

  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const c of bound) {
    const p = problemOf(c, table, oldName);
    if (p && !seen.has(p.cited)) {
      seen.add(p.cited);
      problems.push(p);
    }
  }
  if (problems.length === 1) return { note: problems[0].alone };
  if (problems.length) {
    return { note: `Clauses cited with it have no one-to-one ${table.to} clause: ${shortList(problems.map((p) => p.listed))}; check each against ${newName}.` };
  }
  if (loose.length) {
    return { note: looseNote(loose[0], newName) };
  }

  // "ISO 13485:2003 4.2.3, validation 7.5.2.1": a number on the same line that was not read as a
  // clause would keep its 2003 meaning next to a 2016 designation.
  const stray = strayNumber(text, m.range, citations);
  if (stray !== undefined) return { note: `The number ${stray} on its line is not read as one of its clauses: check it against ${newName}.` };

  // Every number maps to one clause that means the same: the year and the numbers change together.
  const edits = [{ ...m.editionRange, text: table.to }];
  const renumbered: string[] = [];
  for (const c of bound) {
    const to = oneToOne(transitionRow(table, c.clause))!;
    // The clause range must hold exactly the number read, or the edit could eat other text.
    if (text.slice(c.clauseRange.start, c.clauseRange.end) !== c.clause) return { note: `Check its clause numbers against ${newName}.` };
    if (to === c.clause) continue;
    edits.push({ ...c.clauseRange, text: to });
    const pair = `${c.clause} is ${to}`;
    if (!renumbered.includes(pair)) renumbered.push(pair);
  }
  edits.sort((a, b) => a.start - b.start);
  return {
    fix: { title: renumbered.length ? `Change to ${newName} and its clause numbers` : `Change to ${newName}`, edits },
    note: renumbered.length ? `In ${table.to}, ${shortList(renumbered)}.` : `Its clauses keep their numbers in ${table.to}.`,
  };
}
