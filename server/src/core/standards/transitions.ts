// Edition transition tables: where each clause of a withdrawn edition went in the edition that
// replaced it (server/standards/transition-*.yaml). clause-edition reads them to decide whether
// changing "ISO 13485:2003 4.2.3" to the current edition can be a fix (4.2.3 -> 4.2.4) or only a
// message saying what to check. Data only, loaded once per process like the crosswalk.
import iso13485Text, { data as iso13485Data } from '../../../standards/transition-iso13485-2003-2016.yaml';
import iso9001Text, { data as iso9001Data } from '../../../standards/transition-iso9001-2008-2015.yaml';
import { parseClauseRef } from './clause-ids';
import { builtinValue, type SemanticProblem } from './load';
import type { EditionTransition, TransitionRow } from './types';

/** The shipped tables as text and value (parsed at build time) with their file names, for loading and for the schema test. */
export const BUILTIN_TRANSITION_FILES: readonly { text: string; data: unknown; file: string }[] = [
  { text: iso13485Text, data: iso13485Data, file: 'transition-iso13485-2003-2016.yaml' },
  { text: iso9001Text, data: iso9001Data, file: 'transition-iso9001-2008-2015.yaml' },
];

/** Rules the schema cannot say: each old clause once, and no new clause twice in one row. */
export function checkTransition(t: EditionTransition): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const first = new Map<string, number>();
  t.clauses.forEach((row, i) => {
    const seen = first.get(row.id);
    if (seen !== undefined) problems.push({ path: ['clauses', i, 'id'], message: `duplicate clause "${row.id}" (first at clauses[${seen}])` });
    else first.set(row.id, i);
    if (new Set(row.to).size !== row.to.length) problems.push({ path: ['clauses', i, 'to'], message: `clause "${row.id}" lists a new clause twice` });
  });
  return problems;
}

let builtin: readonly EditionTransition[] | undefined;

/** The shipped tables (parsed at build time), checked once. A problem here is a bug in the shipped data, so it throws. */
export function builtinTransitions(): readonly EditionTransition[] {
  if (builtin) return builtin;
  builtin = BUILTIN_TRANSITION_FILES.map(({ data, file }) => Object.freeze(builtinValue<EditionTransition>(data, `builtin:${file}`, checkTransition)));
  return builtin;
}

/** The table from a withdrawn edition of a family ("iso13485", "2003"), if one is shipped. */
export function findTransition(family: string, from: string): EditionTransition | undefined {
  return builtinTransitions().find((t) => t.family === family && t.from === from);
}

/** The row of an old clause number ("4.2.3", also "4.2.3 a)" by its clause), if the table lists it. */
export function transitionRow(t: EditionTransition, clause: string): TransitionRow | undefined {
  const id = parseClauseRef(clause).clause;
  return t.clauses.find((row) => row.id === id);
}

/** The one new clause an old one plainly became, or undefined when it split, moved in meaning or is not listed. */
export function oneToOne(row: TransitionRow | undefined): string | undefined {
  return row && row.to.length === 1 && row.check === undefined ? row.to[0] : undefined;
}
