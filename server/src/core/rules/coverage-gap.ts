// Coverage gaps are about the QMS as a whole: one finding per run, listing the
// clauses that require a documented procedure (or process), or for ISO 9001:2015
// documented information to be maintained, and that no approved or effective
// controlled document covers. The per-clause detail is what
// `qmslint coverage` and the editor's Clause Coverage view show.
import * as path from 'node:path';
import { computeCoverage, isGap, uncontrolledCiters, type ClauseCoverage } from '../coverage';
import { inForce, type Config } from '../config';
import type { Catalog } from '../standards/catalog';
import { coverageRowLabel } from '../coverage-label';
import { fieldText } from '../document';
import { citeClause } from '../standards/cite';
import { requiresDocument } from '../standards/flags';
import type { Clause } from '../standards/types';
import { defineRule } from '../rule';
import type { OffsetRange } from '../text';
import { plural } from '../words';

/** Up to this many gaps are listed with their headings; more are listed by number alone. */
const TITLED = 6;
/** Uncontrolled files named in the message; the rest are counted. */
const NAMED_FILES = 3;

const rule = defineRule({
  meta: {
    id: 'coverage-gap',
    description:
      'Every clause that requires a documented procedure (or process), or documented information to be maintained (ISO 9001:2015), must be covered by an approved or effective document.',
    rationale: ['ISO 13485:2016 4.2.1 c)', 'ISO 9001:2015 7.5.1 a)'],
    severity: 'warning',
    scope: 'workspace',
    fixable: false,
    needs: { index: true },
  },
  check({ index, catalog, config }, report) {
    // By path, so where the finding goes does not hang on the order files were found in.
    const controlled = index.documents.filter((d) => fieldText(d, 'id')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manual = controlled.find((d) => fieldText(d, 'type') === 'MAN') ?? controlled[0];
    // One finding per standard in force (`standard:` and each `standards:` entry), each on its own
    // position, so no two stack on one line of the editor.
    for (const { id, home } of standardsInForce(config, catalog, manual?.path)) {
      // Only the clauses that require a document can be gaps: the others are not worth computing on every keystroke.
      const matrix = computeCoverage(index, catalog, id, config.standard, requiresDocument);
      if (!matrix) continue;
      const required = matrix.clauses.filter((c) => c.required);
      const gaps = required.filter(isGap);
      if (!gaps.length) continue;

      const titled = gaps.length <= TITLED;
      const name = (c: ClauseCoverage) => (titled ? `${coverageRowLabel(c)} ${c.clause.title}` : coverageRowLabel(c));
      const none = gaps.filter((c) => c.state === 'not-covered' && !c.documents.some((d) => d.requiresOwn));
      // Listed through the clause above (7.5 for 7.5.7), which does not meet a clause that asks for its own procedure.
      const parentOnly = gaps.filter((c) => c.state === 'not-covered' && c.documents.some((d) => d.requiresOwn));
      const partial = gaps.filter((c) => c.state === 'partial');
      const drafts = gaps.filter((c) => c.state === 'draft-only');
      const uncontrolled = gaps.filter((c) => c.state === 'uncontrolled');
      const parts: string[] = [];
      if (none.length) parts.push(`Cited by no document: ${none.map(name).join(', ')}.`);
      if (parentOnly.length) {
        // "5.6.1 (only 5.6 is cited, by SOP-005, SOP-006, SOP-007 and 2 more)": controlled citers first, a few named.
        const why = (c: ClauseCoverage) => {
          const docs = c.documents.filter((d) => d.requiresOwn).sort((a, b) => Number(b.controlled) - Number(a.controlled));
          const above = [...new Set(docs.map((d) => d.cites))].join(', ');
          const names = docs.map((d) => d.id ?? path.posix.basename(d.path));
          const more = names.length > NAMED_FILES ? ` and ${names.length - NAMED_FILES} more` : '';
          return `only ${above} is cited, by ${names.slice(0, NAMED_FILES).join(', ')}${more}`;
        };
        const kinds = [...new Set(parentOnly.flatMap((c) => c.documents.map((d) => d.requiresOwn?.kind).filter(Boolean)))].join(' or ');
        parts.push(
          `Each requires its own ${kinds}, which a citation of the clause above does not meet: ${parentOnly.map((c) => `${name(c)} (${why(c)})`).join(', ')}; cite the clause itself in the document that meets it.`,
        );
      }
      if (partial.length) {
        // The in-force documents that make it partial, each with the subclause it cites.
        const by = (c: ClauseCoverage) => c.documents.filter((d) => d.controlled && d.via === 'subclause' && inForce(d.status)).map((d) => `${d.id ?? path.posix.basename(d.path)} cites ${d.cites}`);
        parts.push(`Partly covered (only subclauses cited): ${partial.map((c) => `${name(c)} (${by(c).join(', ')})`).join(', ')}; cite the clause itself where its procedure is.`);
      }
      if (drafts.length) {
        const by = (c: ClauseCoverage) => c.documents.filter((d) => d.controlled).map((d) => d.id ?? path.posix.basename(d.path));
        parts.push(`Drafts only: ${drafts.map((c) => `${name(c)} (${by(c).join(', ')})`).join(', ')}.`);
      }
      if (uncontrolled.length) {
        const files = uncontrolledCiters(uncontrolled).map((p) => path.posix.relative(config.root, p) || p);
        const more = files.length > NAMED_FILES ? ` and ${files.length - NAMED_FILES} more` : '';
        parts.push(
          `Cited only by uncontrolled documents (${files.length === 1 ? 'a file' : 'files'} without an id: ${files.slice(0, NAMED_FILES).join(', ')}${more}): ${uncontrolled.map(name).join(', ')}; put ${files.length === 1 ? 'it' : 'them'} under document control, or cite the clauses in a controlled document.`,
        );
      }
      // The clause that makes the required documents part of the QMS (the profile's
      // procedureClause), in the pack's own words when it has them.
      const pack = catalog.pack(matrix.standard);
      const clause = pack?.documentControl?.procedureClause;
      const cited = clause ? citeClause(pack, clause, catalog) : undefined;
      const why = cited
        ? ` ${cited} requires ${pack?.documentControl?.requirements?.[clause!] ?? 'the QMS documentation to include the documented procedures and records the standard requires'}.`
        : '';
      const what = `${gaps.length} of ${plural(required.length, 'clause')} that require${required.length === 1 ? 's' : ''} ${demand(required.map((c) => c.clause))}`;
      report(home.file, {
        // The count and the clause on one short line; which clauses, and how to close them, in the detail.
        message: `${matrix.title}: ${gaps.length} of ${plural(required.length, 'required clause')} not covered${cited ? ` (${cited})` : ''}.`,
        detail: `${what} ${gaps.length === 1 ? 'is' : 'are'} not covered by an approved or effective document.${why} ${parts.join(' ')} Run qmslint coverage for the detail.`,
        range: home.range,
      });
    }
  },
});

/** A standard coverage-gap checks, and where its finding goes. */
interface Checked {
  id: string;
  home: { file: string; range: OffsetRange };
}

/**
 * The standards in force, each once (by pack id), with the position of its finding: the config's
 * `standard:` value or its `standards:` entry when the config file names it there; else (the default
 * standard, or one set by --standard or the editor) the quality manual, else the first controlled
 * document, else the config's `standard:` line; never line 1 of a config file that does not name it.
 * A standard nobody configured gets no finding while nothing is under document control.
 */
function standardsInForce(config: Config, catalog: Catalog, manual: string | undefined): Checked[] {
  const named = new Map<string, OffsetRange>();
  for (const entry of [...(config.standardSet ? [config.standardSet] : []), ...(config.standardsSet ?? [])]) {
    const id = catalog.pack(entry.value)?.id;
    if (id && !named.has(id)) named.set(id, entry.range);
  }
  const out: Checked[] = [];
  for (const value of [config.standard, ...config.standards]) {
    const id = catalog.pack(value)?.id;
    if (!id || out.some((c) => c.id === id)) continue;
    const range = named.get(id);
    if (range && config.file) out.push({ id, home: { file: config.file, range } });
    else if (manual) out.push({ id, home: { file: manual, range: { start: 0, end: 0 } } });
    else if (config.file && config.standardSet) out.push({ id, home: { file: config.file, range: config.standardSet.range } });
  }
  // Two standards without a place of their own would share one: the first (the standard in force) keeps it.
  return out.filter((c, i) => !out.slice(0, i).some((o) => o.home.file === c.home.file && o.home.range.start === c.home.range.start));
}

/**
 * What the clauses require, in their standard's own terms: ISO 9001:2015 asks for no documented
 * procedure, only for documented information to be maintained.
 */
function demand(clauses: Clause[]): string {
  const information = clauses.some((c) => c.documentedInformation === 'maintain');
  const procedure = clauses.some((c) => c.documentedProcedure || c.documentedProcess);
  if (information && !procedure) return 'documented information to be maintained';
  if (information) return 'a documented procedure or process, or documented information to be maintained';
  return 'a documented procedure or process';
}

export default rule;
