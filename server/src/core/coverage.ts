// The clause coverage matrix: for each clause of a standard, the documents
// that cite or declare it and whether an approved or effective one does.
// Every citation counts: a file without an `id` (no front matter, or front
// matter that names no document) is listed as an uncontrolled citer, so a
// clause it alone cites reads "cited by an uncontrolled document", never
// "cited by no document"; it never makes a clause covered or draft-only.
import { inForce } from './config';
import { fieldText, type ControlledDocument } from './document';
import type { WorkspaceIndex } from './index-workspace';
import { resolvedCitations } from './resolve';
import type { Catalog } from './standards/catalog';
import { requiresDocument } from './standards/flags';
import type { Clause, StandardPack } from './standards/types';
import type { OffsetRange } from './text';

/**
 * covered: an approved or effective controlled document cites it (or a clause
 * above it that counts for it, see `requiresOwn`); partial: such a document
 * cites only subclauses of it, so part of it is addressed and the rest may not
 * be; draft-only: only controlled documents of another status cite it (or its
 * subclauses); uncontrolled: only files without an id do; not-covered: no file
 * does. The order is the order of precedence.
 */
export type CoverageState = 'covered' | 'partial' | 'draft-only' | 'uncontrolled' | 'not-covered';

/**
 * A gap: a required clause (documented procedure or process, or documented information to be
 * maintained) that no approved or effective controlled document covers: only partly, by drafts,
 * by uncontrolled files, or not at all. What auditors ask about; the one definition the
 * coverage-gap rule, the reports, the CLI summary and the editor's view (through the `gap` flag
 * of the qmslint/coverage answer) all use.
 */
export function isGap(c: { required: boolean; state: CoverageState }): boolean {
  return c.required && c.state !== 'covered';
}

export interface CoveringDocument {
  path: string;
  id?: string;
  title?: string;
  status?: string;
  /** Where the first citation of this clause stands in the document. */
  range: OffsetRange;
  /**
   * Cited or declared directly, or through a subclause or an enclosing clause, or
   * (`crosswalk`) through a clause of another standard that a crosswalk pairs with
   * this one. A crosswalk citation is listed, but does not count for the state.
   */
  via: 'direct' | 'subclause' | 'parent' | 'crosswalk';
  /** For `via: 'crosswalk'` only: the other standard's clause the document cites. */
  from?: CrosswalkSource;
  /** For `via: 'parent'` and `'subclause'`: the clause the document cites (7.5 for 7.5.7). */
  cites?: string;
  /**
   * For `via: 'parent'` only: a clause (this one, or one between it and `cites`) that requires a
   * document of its own (7.5.7 asks for its own procedure), which a citation of the clause above
   * does not meet. Such a citation is listed, but does not count for the state.
   */
  requiresOwn?: OwnDocument;
  /** False for a file without an `id`: it cites the clause but is not under document control, so it covers nothing. */
  controlled: boolean;
}

/** A clause that asks for a document of its own, and what its standard calls that document. */
export interface OwnDocument {
  clause: string;
  /** "procedure", "documented process" or "documented information" (ISO 9001:2015's, to be maintained). */
  kind: string;
}

/** The clause of another standard a crosswalk citation names: `ISO 13485:2016 4.2.4`. */
export interface CrosswalkSource {
  /** Pack id (`iso13485:2016`). */
  standard: string;
  /** The pack's title (`ISO 13485:2016`). */
  title: string;
  clause: string;
}

export interface ClauseCoverage {
  clause: Clause;
  state: CoverageState;
  /** The standard requires a documented procedure (or a documented process) for it. */
  required: boolean;
  documents: CoveringDocument[];
  /**
   * Set on a clause of a standard the matrix's standard incorporates (an ISO 13485:2016 clause in
   * the 21 CFR 820 matrix, through 820.10); absent on the standard's own clauses. Print such a
   * row's clause with its standard: coverageRowLabel() in coverage-label.ts.
   */
  incorporated?: IncorporatedStandard;
}

/** The standard an incorporated row belongs to, and the clause that incorporates it. */
export interface IncorporatedStandard {
  /** Pack id: `iso13485:2016`. */
  standard: string;
  /** The pack's title: `ISO 13485:2016`. */
  title: string;
  /** The incorporating standard's clause: `820.10`. */
  by: string;
}

export interface CoverageMatrix {
  standard: string;
  title: string;
  clauses: ClauseCoverage[];
  summary: CoverageSummary;
}

/** How many clauses are in each state, and how many of the required ones are covered. */
export interface CoverageSummary {
  clauses: number;
  covered: number;
  /** Clauses whose subclauses an in-force document cites, but not the clause itself. */
  partial: number;
  draftOnly: number;
  /** Clauses cited only by uncontrolled documents (files without an id). */
  uncontrolled: number;
  /** Clauses cited by no document at all. */
  notCovered: number;
  required: number;
  requiredCovered: number;
  /** Required clauses that are only partly covered: still gaps. */
  requiredPartial: number;
}


/**
 * `wanted`: only these clauses are in the matrix (and its summary), for a
 * caller that needs no others (coverage-gap, on every keystroke in an editor).
 */
export function computeCoverage(
  index: WorkspaceIndex,
  catalog: Catalog,
  packId: string,
  defaultStandard = packId,
  wanted: (clause: Clause) => boolean = () => true,
): CoverageMatrix | undefined {
  const pack = catalog.pack(packId);
  if (!pack) return undefined;
  // The standard's own clauses, then those of each standard it incorporates (21 CFR 820.10:
  // ISO 13485:2016). Clause numbers never repeat across them: the catalog refuses a pack that
  // shares a number with one it incorporates, so a clause id is a row's key.
  const rows: { clause: Clause; pack: StandardPack; incorporated?: IncorporatedStandard }[] = pack.clauses.map((clause) => ({ clause, pack }));
  for (const inc of catalog.incorporated(pack.id)) {
    const incorporated: IncorporatedStandard = { standard: inc.pack.id, title: inc.pack.title, by: inc.by };
    for (const clause of inc.pack.clauses) rows.push({ clause, pack: inc.pack, incorporated });
  }
  // A citation resolved to any of these packs counts directly.
  const matrixPacks = [...new Set(rows.map((r) => r.pack.id))];
  const clauseIds = new Set(rows.map((r) => r.clause.id));
  // clause id -> documents citing it directly
  const direct = new Map<string, CoveringDocument[]>();
  // clause id -> documents citing a clause of another standard that a crosswalk pairs with it
  const crosswalked = new Map<string, CoveringDocument[]>();
  for (const doc of index.documents) {
    const id = fieldText(doc, 'id');
    const status = fieldText(doc, 'status');
    if (status === 'obsolete') continue;
    const controlled = Boolean(id);
    const title = fieldText(doc, 'title') ?? doc.h1?.text;
    const seen = new Set<string>();
    const cite = (clause: string, range: OffsetRange) => {
      if (!clauseIds.has(clause) || seen.has(clause)) return;
      seen.add(clause);
      const list = direct.get(clause) ?? [];
      list.push({ path: doc.path, id, title, status, range, via: 'direct', controlled });
      direct.set(clause, list);
    };
    const seenCrosswalk = new Set<string>();
    const crosswalk = (other: StandardPack, clause: string, range: OffsetRange) => {
      for (const target of matrixPacks.flatMap((to) => catalog.crosswalk(other.id, to, clause))) {
        if (!clauseIds.has(target) || seenCrosswalk.has(target)) continue;
        seenCrosswalk.add(target);
        const list = crosswalked.get(target) ?? [];
        const from: CrosswalkSource = { standard: other.id, title: other.title, clause };
        list.push({ path: doc.path, id, title, status, range, via: 'crosswalk', from, controlled });
        crosswalked.set(target, list);
      }
    };
    const resolved = resolvedCitations(doc, catalog, defaultStandard);
    resolved.forEach((r, i) => {
      const cited = r.pack;
      if (!cited) return;
      // "§§ 7.3.1–7.3.10" cites every clause between its ends.
      const to = resolved[i + 1];
      const between =
        r.citation.rangeRole === 'from' && to?.citation.rangeRole === 'to' && to.pack?.id === cited.id
          ? clausesBetween(cited, r.citation.clause, to.citation.clause)
          : [];
      if (matrixPacks.includes(cited.id)) {
        cite(r.citation.clause, r.citation.range);
        for (const id of between) cite(id, r.citation.range);
      } else {
        crosswalk(cited, r.citation.clause, r.citation.range);
        for (const id of between) crosswalk(cited, id, r.citation.range);
      }
    });
  }
  const clauses = rows.filter((row) => wanted(row.clause)).map(({ clause, pack: rowPack, incorporated }): ClauseCoverage => {
    const documents: CoveringDocument[] = [...(direct.get(clause.id) ?? [])];
    const listed = new Set(documents.map((d) => d.path));
    const add = (docs: CoveringDocument[] | undefined, via: CoveringDocument['via'], more: Partial<CoveringDocument> = {}) => {
      for (const d of docs ?? []) {
        if (listed.has(d.path)) continue;
        listed.add(d.path);
        documents.push({ ...d, via, ...more });
      }
    };
    // A document is listed once, by its strongest tie: direct, then a counting parent, a subclause,
    // a parent that does not count, a crosswalk.
    const parents = parentCitations(clause, rowPack.id, catalog);
    for (const p of parents) if (!p.requiresOwn) add(direct.get(p.cites), 'parent', { cites: p.cites });
    // A document that addresses 7.3.2 addresses 7.3 in part (the state says `partial`).
    for (const [id, docs] of direct) if (id.startsWith(clause.id + '.')) add(docs, 'subclause', { cites: id });
    for (const p of parents) if (p.requiresOwn) add(direct.get(p.cites), 'parent', { cites: p.cites, requiresOwn: p.requiresOwn });
    // Last, and only documents not listed already: a citation of the other standard's counterpart.
    add(crosswalked.get(clause.id), 'crosswalk');
    return { clause, state: stateOf(documents), required: requiresDocument(clause), documents, ...(incorporated ? { incorporated } : {}) };
  });
  const count = (pred: (c: ClauseCoverage) => boolean) => clauses.filter(pred).length;
  return {
    standard: pack.id,
    title: pack.title,
    clauses,
    summary: {
      clauses: clauses.length,
      covered: count((c) => c.state === 'covered'),
      partial: count((c) => c.state === 'partial'),
      draftOnly: count((c) => c.state === 'draft-only'),
      uncontrolled: count((c) => c.state === 'uncontrolled'),
      notCovered: count((c) => c.state === 'not-covered'),
      required: count((c) => c.required),
      requiredCovered: count((c) => c.required && c.state === 'covered'),
      requiredPartial: count((c) => c.required && c.state === 'partial'),
    },
  };
}

/**
 * A clause's state from the documents that cite it in its own standard. One reached through a
 * crosswalk is listed but does not cover it: a procedure written to ISO 9001 7.5.3 is not shown
 * to meet everything ISO 13485 4.2.4 asks, nor the other way round.
 */
function stateOf(documents: CoveringDocument[]): CoverageState {
  const own = documents.filter(counts);
  const controlled = own.filter((d) => d.controlled);
  const inForceDocs = controlled.filter((d) => inForce(d.status));
  // A cited subclause addresses part of the clause: never all of it.
  if (inForceDocs.some((d) => d.via !== 'subclause')) return 'covered';
  if (inForceDocs.length) return 'partial';
  if (controlled.length) return 'draft-only';
  return own.length ? 'uncontrolled' : 'not-covered';
}

/** Whether a listed document counts for the clause's state: not through a crosswalk, nor through a parent the clause needs more than. */
export function counts(d: Pick<CoveringDocument, 'via' | 'requiresOwn'>): boolean {
  return d.via !== 'crosswalk' && !(d.via === 'parent' && d.requiresOwn);
}

/**
 * The clauses above `clause` whose citation reaches it, nearest first, each with the clause that
 * keeps it from counting, if any. A citation of 7.5 counts for 7.5.2 (which asks for no document
 * of its own) but not for 7.5.7, which requires its own procedure, nor for anything below such a
 * clause. Top-level clauses (7) are too broad to reach anything below them.
 */
function parentCitations(clause: Clause, packId: string, catalog: Catalog): { cites: string; requiresOwn?: OwnDocument }[] {
  const out: { cites: string; requiresOwn?: OwnDocument }[] = [];
  let requiresOwn = ownDocument(clause);
  for (let p = parentOf(clause.id); p && p.includes('.'); p = parentOf(p)) {
    out.push({ cites: p, ...(requiresOwn ? { requiresOwn } : {}) });
    const above = catalog.clause(packId, p);
    requiresOwn = (above && ownDocument(above)) ?? requiresOwn;
  }
  return out;
}

function ownDocument(clause: Clause): OwnDocument | undefined {
  if (!requiresDocument(clause)) return undefined;
  const kind = clause.documentedProcedure ? 'procedure' : clause.documentedProcess ? 'documented process' : 'documented information';
  return { clause: clause.id, kind };
}

/** Why a listed parent citation does not count: "cites 7.5 only: 7.5.7 requires its own procedure". */
export function parentOnlyNote(d: Pick<CoveringDocument, 'cites' | 'requiresOwn'>): string | undefined {
  if (!d.requiresOwn) return undefined;
  return `cites ${d.cites ?? 'a clause above'} only: ${d.requiresOwn.clause} requires its own ${d.requiresOwn.kind}`;
}

/** The files without an id that cite clauses of the matrix, once each, sorted. */
export function uncontrolledCiters(clauses: ClauseCoverage[]): string[] {
  const paths = new Set<string>();
  for (const c of clauses) for (const d of c.documents) if (!d.controlled) paths.add(d.path);
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Totals for one top-level clause (4, 5, ... or 820.10) and every clause below it. */
export interface CoverageGroup extends CoverageSummary {
  /** The top-level clause. */
  clause: Clause;
  /** Ids of the clauses counted here, the top-level one included, in the pack's order. */
  members: string[];
}

/**
 * The matrix summed per top-level clause, in the pack's order. A clause whose
 * parent chain leaves the matrix (a user pack listing a child before its
 * parent, or a parent that is not listed) counts under the highest ancestor
 * the matrix has.
 */
export function groupTotals(matrix: CoverageMatrix): CoverageGroup[] {
  const byId = new Map(matrix.clauses.map((c) => [c.clause.id, c.clause] as const));
  const groups = new Map<string, CoverageGroup>();
  const rootOf = (clause: Clause): Clause => {
    let root = clause;
    // Packs are checked for cycles when loaded; the bound only guards hand-made matrices.
    for (let steps = 0; root.parent !== undefined && byId.has(root.parent) && steps <= byId.size; steps++) root = byId.get(root.parent)!;
    return root;
  };
  for (const c of matrix.clauses) {
    const root = rootOf(c.clause);
    let g = groups.get(root.id);
    if (!g) {
      g = { clause: root, members: [], clauses: 0, covered: 0, partial: 0, draftOnly: 0, uncontrolled: 0, notCovered: 0, required: 0, requiredCovered: 0, requiredPartial: 0 };
      groups.set(root.id, g);
    }
    g.members.push(c.clause.id);
    g.clauses++;
    if (c.state === 'covered') g.covered++;
    else if (c.state === 'partial') g.partial++;
    else if (c.state === 'draft-only') g.draftOnly++;
    else if (c.state === 'uncontrolled') g.uncontrolled++;
    else g.notCovered++;
    if (c.required) {
      g.required++;
      if (c.state === 'covered') g.requiredCovered++;
      else if (c.state === 'partial') g.requiredPartial++;
    }
  }
  return [...groups.values()];
}

/**
 * The clauses from `from` to `to` in the pack's order, both included, that are siblings of
 * `from` (7.3.1 to 7.3.10: every 7.3.x), with their subclauses. Empty when the two are not
 * siblings or not in that order: "7.3.1–8.2" is no range of one clause's parts.
 */
export function clausesBetween(pack: StandardPack, from: string, to: string): string[] {
  const ids = pack.clauses.map((c) => c.id);
  const a = ids.indexOf(from);
  const b = ids.indexOf(to);
  if (a < 0 || b < a || parentOf(from) !== parentOf(to)) return [];
  return ids.slice(a, b + 1);
}

function parentOf(id: string): string | undefined {
  const i = id.lastIndexOf('.');
  return i > 0 ? id.slice(0, i) : undefined;
}

const coverageMemo = new WeakMap<WorkspaceIndex, Map<string, CoverageMatrix | undefined>>();

/** The coverage matrix of one standard, computed once per index. */
export function coverageOf(index: WorkspaceIndex, catalog: Catalog, packId: string, defaultStandard: string): CoverageMatrix | undefined {
  let byPack = coverageMemo.get(index);
  if (!byPack) coverageMemo.set(index, (byPack = new Map()));
  const key = `${packId}\0${defaultStandard}`;
  if (!byPack.has(key)) byPack.set(key, computeCoverage(index, catalog, packId, defaultStandard));
  return byPack.get(key);
}
