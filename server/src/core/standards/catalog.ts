// The catalog of standards: the built-in packs, registry and crosswalks from
// server/standards/, plus any packs a user adds. Everything is data; nothing
// in a pack is ever executed. Packs are frozen once loaded, so the built-in
// data can be shared by every Catalog in the process.
import { pushAll } from '../arrays';
import { data as cfr820Data } from '../../../standards/21cfr820.yaml';
import { data as crosswalk9001Data } from '../../../standards/crosswalk-iso9001-iso13485.yaml';
import { data as iso13485Data } from '../../../standards/iso13485-2016.yaml';
import { data as iso9001Data } from '../../../standards/iso9001-2015.yaml';
import { data as registryData } from '../../../standards/registry.yaml';
import { parseClauseRef, suggestClauseIds } from './clause-ids';
import { builtinValue, loadData, type PackError, type SemanticProblem } from './load';
import { editionStatus, findEntry, findEntryByBaseNumber, findPartOf, normalizeEdition, packForEdition, type EditionStatus } from './registry';
import type { Clause, Crosswalk, Incorporation, RegistryEntry, StandardPack, SupersededSection } from './types';

export type { PackError } from './load';
export type { EditionStatus } from './registry';

/** One row of `qmslint standards show`: flags always present. */
export interface ClauseSummary {
  id: string;
  title: string;
  parent?: string;
  documentedProcedure: boolean;
  records: boolean;
}

/** "EN ISO 80601-2-12:2020+A1:2023" is 31 characters; no citation of a standard is near this. */
const MAX_DESIGNATION_LENGTH = 200;

interface PackEntry {
  pack: StandardPack;
  source: string;
  clauses: Map<string, Clause>;
  children: Map<string, Clause[]>;
  superseded: Map<string, SupersededSection>;
}

/** Case, spaces and "§" do not matter in pack names: "ISO 13485:2016" = "iso13485:2016". */
const key = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s§]+/g, '');

/** editionStatus's answers per registry entry and edition as written (entries are never changed). */
const editionStatuses = new WeakMap<RegistryEntry, Map<string, EditionStatus>>();

export class Catalog {
  private readonly entries = new Map<string, PackEntry>();
  private readonly aliases = new Map<string, string>();
  private registryEntries: readonly RegistryEntry[] = [];
  /** findStandard's answers (the registry entries never change once the catalog is made). */
  private readonly foundStandards = new Map<string, RegistryEntry | undefined>();
  private readonly crosswalks: Crosswalk[] = [];

  /** The shared built-in catalog is read-only; clones are not. */
  private shared = false;

  /**
   * The built-in standards, parsed and validated once per process. The same
   * read-only instance is returned every time (so caches keyed by catalog
   * work); to add a workspace's own packs, add them to a clone().
   */
  static builtin(): Catalog {
    if (sharedBuiltin) return sharedBuiltin;
    const data = builtinData();
    const catalog = new Catalog();
    for (const { pack, source } of data.packs) catalog.insert(pack, source);
    catalog.registryEntries = data.registry;
    pushAll(catalog.crosswalks, data.crosswalks);
    catalog.shared = true;
    sharedBuiltin = catalog;
    return catalog;
  }

  /** A writable copy; the packs themselves are frozen and shared, so this is cheap. */
  clone(): Catalog {
    const copy = new Catalog();
    for (const [k, v] of this.entries) copy.entries.set(k, v);
    for (const [k, v] of this.aliases) copy.aliases.set(k, v);
    copy.registryEntries = this.registryEntries;
    pushAll(copy.crosswalks, this.crosswalks);
    return copy;
  }

  /**
   * Adds a user's pack from YAML text. Returns the problems found (with the
   * source name, key path and line) instead of throwing; the pack is added
   * only when there are none.
   */
  addPack(text: string, source: string): PackError[] {
    // A caller's mistake, not a user's: adding to the shared catalog would leak into every workspace.
    if (this.shared) throw new Error('Catalog.builtin() is shared by the whole process; call addPack on a clone()');
    const { value, errors } = loadData<StandardPack>(text, source, 'pack', (pack) => {
      const problems = checkPack(pack, (id) => this.pack(id));
      const existing = this.entries.get(key(pack.id)) ?? this.entries.get(this.aliases.get(key(pack.id)) ?? '');
      if (existing) problems.unshift({ path: ['id'], message: `a pack "${existing.pack.id}" is already loaded from ${existing.source}` });
      return problems;
    });
    if (!value) return errors;
    this.insert(deepFreeze(value), source);
    for (const cw of value.crosswalks ?? []) this.crosswalks.push({ from: value.id, to: cw.to, pairs: cw.pairs });
    return [];
  }

  packs(): StandardPack[] {
    return [...this.entries.values()].map((e) => e.pack);
  }

  /**
   * A pack by id, alias or citation: "iso13485:2016", "ISO 13485:2016",
   * "iso13485" and "13485" (current edition), "21 CFR 820", "QMSR".
   */
  pack(id: string): StandardPack | undefined {
    return this.entry(id)?.pack;
  }

  clause(packId: string, clauseId: string): Clause | undefined {
    return this.entry(packId)?.clauses.get(parseClauseRef(clauseId).clause);
  }

  /** Direct subclauses, in the pack's order. */
  children(packId: string, clauseId: string): Clause[] {
    return this.entry(packId)?.children.get(parseClauseRef(clauseId).clause) ?? [];
  }

  /** A section that no longer applies (QSR 820.30 under the QMSR), with what replaced it. */
  superseded(packId: string, clauseId: string): SupersededSection | undefined {
    return this.entry(packId)?.superseded.get(parseClauseRef(clauseId).clause);
  }

  /** Up to three existing clause ids close to one that does not exist, best first. */
  suggest(packId: string, clauseId: string): string[] {
    const entry = this.entry(packId);
    if (!entry) return [];
    const { clause } = parseClauseRef(clauseId);
    if (entry.clauses.has(clause)) return [];
    return suggestClauseIds(clause, [...entry.clauses.keys()]);
  }

  registry(): RegistryEntry[] {
    return [...this.registryEntries];
  }

  /** The registry entry for a number such as "13485", "62366-1" or "820" (publisher only breaks ties). */
  findStandard(publisher: string | undefined, number: string): RegistryEntry | undefined {
    // Asked for every citation on every keystroke, with a few designations over and over: remembered.
    const key = `${publisher ?? '\u0001'}\u0000${number}`;
    if (!this.foundStandards.has(key)) this.foundStandards.set(key, findEntry(this.registryEntries, publisher, number));
    return this.foundStandards.get(key);
  }

  /** The one entry that is a part of a number written without its part ("82304" -> "82304-1"); see findEntryByBaseNumber. */
  findStandardByBaseNumber(number: string): RegistryEntry | undefined {
    return findEntryByBaseNumber(this.registryEntries, number);
  }

  /** The one registry entry that is a part of this number ("62366-1" for "62366"), even when the number has an entry of its own. */
  findPartOf(number: string): RegistryEntry | undefined {
    return findPartOf(this.registryEntries, number);
  }

  /** 'current', 'valid', 'withdrawn', or 'unknown' for an edition the registry does not list. */
  editionStatus(entry: RegistryEntry, edition: string): EditionStatus {
    let statuses = editionStatuses.get(entry);
    if (!statuses) editionStatuses.set(entry, (statuses = new Map()));
    let status = statuses.get(edition);
    if (status === undefined) statuses.set(edition, (status = editionStatus(entry, edition)));
    return status;
  }

  /** Clause ids in `toPack` that correspond to `clauseId` in `fromPack`; crosswalks are read both ways. */
  crosswalk(fromPack: string, toPack: string, clauseId: string): string[] {
    const from = this.entry(fromPack)?.pack.id;
    const to = this.entry(toPack)?.pack.id;
    if (!from || !to) return [];
    const { clause } = parseClauseRef(clauseId);
    const out: string[] = [];
    for (const cw of this.crosswalks) {
      const cwFrom = this.entry(cw.from)?.pack.id;
      const cwTo = this.entry(cw.to)?.pack.id;
      if (cwFrom === from && cwTo === to) {
        for (const [a, b] of cw.pairs) if (a === clause) out.push(b);
      } else if (cwFrom === to && cwTo === from) {
        for (const [a, b] of cw.pairs) if (b === clause) out.push(a);
      }
    }
    return [...new Set(out)];
  }

  /**
   * The packs this pack incorporates (21 CFR 820.10 incorporates ISO 13485:2016), each with the
   * clause that does; [] for a pack that incorporates none, or an unknown pack.
   */
  incorporated(packId: string): { pack: StandardPack; by: string }[] {
    const out: { pack: StandardPack; by: string }[] = [];
    for (const inc of this.entry(packId)?.pack.incorporates ?? []) {
      const pack = this.pack(inc.pack);
      if (pack) out.push({ pack, by: inc.by });
    }
    return out;
  }

  /**
   * The pack a clause number bound to `packId` is checked in. The pack's own clause or section
   * (current or superseded) stays there; a number an incorporated pack has ("7.3.2" under the
   * QMSR) is that pack's; so is one that only starts like that pack's clauses and like none of
   * this pack's ("7.3.99": ISO 13485 numbering, not "820.x"), so it is reported unknown there.
   * Anything else stays with `packId`.
   */
  clausePack(packId: string, clauseId: string): StandardPack | undefined {
    const entry = this.entry(packId);
    if (!entry) return undefined;
    const { clause } = parseClauseRef(clauseId);
    const incorporated = this.incorporated(packId);
    if (!incorporated.length || entry.clauses.has(clause) || entry.superseded.has(clause)) return entry.pack;
    const held = incorporated.find((i) => this.clause(i.pack.id, clause));
    if (held) return held.pack;
    const head = clause.split('.')[0];
    if (topNumbers(entry.pack).has(head)) return entry.pack;
    return incorporated.find((i) => topNumbers(i.pack).has(head))?.pack ?? entry.pack;
  }

  /** Every clause of a pack in order, for listings; [] for an unknown pack. */
  listClauses(packId: string): ClauseSummary[] {
    const entry = this.entry(packId);
    if (!entry) return [];
    return entry.pack.clauses.map((c) => ({
      id: c.id,
      title: c.title,
      ...(c.parent !== undefined ? { parent: c.parent } : {}),
      documentedProcedure: c.documentedProcedure === true,
      records: c.records === true,
    }));
  }

  private insert(pack: StandardPack, source: string): void {
    const clauses = new Map<string, Clause>();
    const children = new Map<string, Clause[]>();
    for (const c of pack.clauses) {
      clauses.set(c.id, c);
      if (c.parent !== undefined) {
        const list = children.get(c.parent) ?? [];
        list.push(c);
        children.set(c.parent, list);
      }
    }
    const superseded = new Map((pack.superseded ?? []).map((s) => [s.id, s] as const));
    const k = key(pack.id);
    this.entries.set(k, { pack, source, clauses, children, superseded });
    // Built-in aliases never shadow another pack's id; the first pack to claim an alias keeps it.
    for (const alias of pack.aliases ?? []) {
      const a = key(alias);
      if (!this.entries.has(a) && !this.aliases.has(a)) this.aliases.set(a, k);
    }
  }

  private entry(query: string): PackEntry | undefined {
    const k = key(query);
    const direct = this.entries.get(k) ?? this.entries.get(this.aliases.get(k) ?? '');
    if (direct) return direct;

    // A family name ("iso9001"): the pack of its current edition.
    const family = this.registryEntries.find((e) => key(e.family) === k);
    if (family) return this.packEntry(packForEdition(family));
    const ofFamily = [...this.entries.values()].filter((e) => key(e.pack.family) === k);
    if (ofFamily.length === 1) return ofFamily[0];

    // A citation: "ISO 13485", "ISO 9001:2015", "IEC 62304:2006+A1:2015". Nothing longer than
    // a designation can be one: the pattern backtracks on long runs of digits (a hostile
    // `standard:` value took minutes).
    if (query.length > MAX_DESIGNATION_LENGTH) return undefined;
    const m = /^(.*?)(\d{3,}(?:-\d+)*)\s*(?::\s*(\S.*))?$/.exec(query.trim());
    if (!m) return undefined;
    const standard = findEntry(this.registryEntries, m[1].trim() || undefined, m[2]);
    if (!standard) return undefined;
    return this.packEntry(packForEdition(standard, m[3] === undefined ? undefined : normalizeEdition(m[3])));
  }

  private packEntry(id: string | undefined): PackEntry | undefined {
    return id === undefined ? undefined : (this.entries.get(key(id)) ?? this.entries.get(this.aliases.get(key(id)) ?? ''));
  }
}

const topNumbersCache = new WeakMap<StandardPack, Set<string>>();

/** The first numbers of a pack's clauses and superseded sections: "4" to "8" for ISO 13485, "820" for 21 CFR 820. */
function topNumbers(pack: StandardPack): Set<string> {
  let out = topNumbersCache.get(pack);
  if (!out) topNumbersCache.set(pack, (out = new Set([...pack.clauses, ...(pack.superseded ?? [])].map((c) => c.id.split('.')[0]))));
  return out;
}

/**
 * Rules a schema cannot express: unique ids, parents that exist, references into the pack.
 * `packById` finds the packs loaded before this one, for `incorporates`.
 */
function checkPack(pack: StandardPack, packById: (id: string) => StandardPack | undefined): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const first = new Map<string, number>();
  pack.clauses.forEach((c, i) => {
    const seen = first.get(c.id);
    if (seen !== undefined) problems.push({ path: ['clauses', i, 'id'], message: `duplicate clause "${c.id}" (first at clauses[${seen}])` });
    else first.set(c.id, i);
  });
  const byId = new Map(pack.clauses.map((c) => [c.id, c] as const));
  pack.clauses.forEach((c, i) => {
    if (c.parent === undefined) return;
    if (!byId.has(c.parent)) {
      problems.push({ path: ['clauses', i, 'parent'], message: `parent "${c.parent}" is not a clause of this pack` });
      return;
    }
    // Walk up; a chain longer than the pack means a cycle.
    let p: string | undefined = c.parent;
    for (let steps = 0; p !== undefined; steps++) {
      if (p === c.id || steps > pack.clauses.length) {
        problems.push({ path: ['clauses', i, 'parent'], message: `clause "${c.id}" is its own ancestor` });
        break;
      }
      p = byId.get(p)?.parent;
    }
  });
  (pack.superseded ?? []).forEach((s, i) => {
    if (byId.has(s.id)) problems.push({ path: ['superseded', i, 'id'], message: `"${s.id}" is both a clause and superseded` });
  });
  const incorporated = checkIncorporates(pack, byId, packById, problems);
  const dc = pack.documentControl;
  if (dc) {
    const refs: [(string | number)[], string | undefined][] = [
      [['documentControl', 'approvalClause'], dc.approvalClause],
      [['documentControl', 'changeClause'], dc.changeClause],
      [['documentControl', 'reviewClause'], dc.reviewClause],
      [['documentControl', 'obsoleteClause'], dc.obsoleteClause],
      [['documentControl', 'availabilityClause'], dc.availabilityClause],
      [['documentControl', 'externalClause'], dc.externalClause],
      [['documentControl', 'procedureClause'], dc.procedureClause],
      ...dc.requiredFields.map((f, i): [(string | number)[], string | undefined] => [['documentControl', 'requiredFields', i, 'clause'], f.clause]),
    ];
    for (const [path, ref] of refs) {
      if (ref === undefined) continue;
      const { clause, item } = parseClauseRef(ref);
      // A profile may name the incorporated clause that does the work (QMSR: ISO 13485:2016 4.2.4 a) through 820.10).
      const c = byId.get(clause) ?? incorporated.map((p) => p.clauses.find((x) => x.id === clause)).find((x) => x !== undefined);
      if (!c) problems.push({ path, message: `clause "${clause}" is not in this pack${incorporated.length ? ' nor in a pack it incorporates' : ''}` });
      else if (item !== undefined && c.items && !c.items.includes(item)) {
        problems.push({ path, message: `clause ${clause} has no item ${item})` });
      }
    }
  }
  (pack.crosswalks ?? []).forEach((cw, i) =>
    cw.pairs.forEach(([from], j) => {
      if (!byId.has(from)) problems.push({ path: ['crosswalks', i, 'pairs', j, 0], message: `clause "${from}" is not in this pack` });
    }),
  );
  return problems;
}

/**
 * `incorporates`: each pack exists and is another pack, the clause that incorporates it is this
 * pack's, and no clause number is in both (coverage lists their clauses side by side by number).
 * Returns the incorporated packs that exist.
 */
function checkIncorporates(
  pack: StandardPack,
  byId: Map<string, Clause>,
  packById: (id: string) => StandardPack | undefined,
  problems: SemanticProblem[],
): StandardPack[] {
  const found: StandardPack[] = [];
  // Clause numbers already taken, by this pack or an incorporation before, and whose they are.
  const taken = new Map<string, string>([...byId.keys()].map((id) => [id, 'this pack'] as const));
  (pack.incorporates ?? []).forEach((inc: Incorporation, i) => {
    const other = packById(inc.pack);
    if (!other) problems.push({ path: ['incorporates', i, 'pack'], message: `no pack "${inc.pack}" is loaded (a pack it incorporates must be loaded before it)` });
    else if (other.id === pack.id) problems.push({ path: ['incorporates', i, 'pack'], message: 'a pack cannot incorporate itself' });
    else {
      const shared = other.clauses.find((c) => taken.has(c.id));
      if (shared) problems.push({ path: ['incorporates', i, 'pack'], message: `clause "${shared.id}" is in ${taken.get(shared.id)} and in ${other.title}; the clause numbers of this pack and of the packs it incorporates must all differ` });
      else {
        found.push(other);
        for (const c of other.clauses) taken.set(c.id, other.title);
      }
    }
    if (!byId.has(inc.by)) problems.push({ path: ['incorporates', i, 'by'], message: `clause "${inc.by}" is not in this pack` });
  });
  return found;
}

interface BuiltinData {
  packs: { pack: StandardPack; source: string }[];
  registry: readonly RegistryEntry[];
  crosswalks: Crosswalk[];
}

let builtin: BuiltinData | undefined;
let sharedBuiltin: Catalog | undefined;

/** The shipped files' values (parsed at build time), checked and frozen once. */
function builtinData(): BuiltinData {
  if (builtin) return builtin;
  const packs: BuiltinData['packs'] = [];
  for (const [data, file] of [
    [iso13485Data, 'iso13485-2016.yaml'],
    [iso9001Data, 'iso9001-2015.yaml'],
    [cfr820Data, '21cfr820.yaml'],
  ] as const) {
    const source = `builtin:${file}`;
    const loaded = (id: string) => packs.find((p) => p.pack.id === id)?.pack;
    packs.push({ pack: deepFreeze(builtinValue<StandardPack>(data, source, (pack) => checkPack(pack, loaded))), source });
  }
  builtin = {
    packs,
    registry: deepFreeze(builtinValue<{ standards: RegistryEntry[] }>(registryData, 'builtin:registry.yaml').standards),
    crosswalks: [deepFreeze(builtinValue<Crosswalk>(crosswalk9001Data, 'builtin:crosswalk-iso9001-iso13485.yaml'))],
  };
  return builtin;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
