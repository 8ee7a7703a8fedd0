// What other documents can see of a document: what the rules of other
// documents (references, links, duplicate ids) and the workspace rules
// (coverage) read of it through the workspace index. Two versions of a
// document with the same facts look the same to everyone else, so an editor
// need not check the others again, and the workspace rules' findings stand.
//
// A rule that reads something else of another document must add it here.
import { fieldText, type ControlledDocument } from './document';
import { resolveLinkTarget } from './links';

const FIELDS = ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'standard', 'review_period_months', 'next_review'];

const memo = new WeakMap<ControlledDocument, string>();

export function workspaceFacts(doc: ControlledDocument): string {
  let facts = memo.get(doc);
  if (facts === undefined) {
    facts = JSON.stringify([
      doc.path,
      doc.controlled,
      FIELDS.map((f) => fieldText(doc, f) ?? null),
      doc.fields.get('superseded_by')?.value ?? null,
      doc.h1?.text ?? null,
      doc.declaredIds,
      doc.mentions.filter((m) => m.source === 'superseded_by').map((m) => m.id),
      doc.headings.map((h) => h.slug),
      doc.htmlAnchors,
      // Everything a citation says but where it stands.
      doc.citations.map((c) => [c.publisher, c.adopted, c.number, c.edition, c.standardText, c.clause, c.item, c.part, c.form, c.rangeRole, c.certainty, c.cue]),
      // Which standards it names decides which standard its unbound clause numbers are.
      doc.standardMentions.map((m) => [m.publisher, m.number, m.edition]),
    ]);
    memo.set(doc, facts);
  }
  return facts;
}

/**
 * Whether the workspace rules' last findings stand, the one rule both doors follow (the editor's
 * Project between keystrokes, a warm --cache run between runs): every document shows the others
 * the facts it showed then (`sameFacts`), and no file they reported on has changed its text (a
 * finding's place is in that text).
 */
export function reportsStand(sameFacts: boolean, reported: Iterable<string>, unchanged: (file: string) => boolean): boolean {
  if (!sameFacts) return false;
  for (const file of reported) if (!unchanged(file)) return false;
  return true;
}

const targetsMemo = new WeakMap<ControlledDocument, string[]>();

/** The files a document's relative links point at (absolute paths), resolved once per document. */
export function linkTargets(doc: ControlledDocument): string[] {
  let targets = targetsMemo.get(doc);
  if (!targets) {
    targets = [];
    for (const link of doc.links) {
      const file = resolveLinkTarget(doc.path, link.url)?.file;
      if (file) targets.push(file);
    }
    targetsMemo.set(doc, targets);
  }
  return targets;
}

/**
 * What an index reads of every document: its id and the ids it declares. Part of its facts, kept
 * apart so that a stand-in can answer an index without parsing the rest (`factsDocument`'s `key`).
 */
export function indexKey(doc: ControlledDocument): string {
  return JSON.stringify([fieldText(doc, 'id') ?? null, doc.declaredIds]);
}

/**
 * A stand-in for the document at `path` that shows only its facts (what `workspaceFacts` gave): in an index,
 * it answers other documents' rules as the document did, without its text or model. Reading
 * anything else of it (its text, a heading's range, a field outside the facts) calls `stray`, so a
 * caller can tell that the stand-in did not suffice and check the real documents instead.
 * With its `key` (what `indexKey` gave), building an index parses nothing else of it: a warm run
 * checking one changed document among thousands revives only the few that document reads.
 */
export function factsDocument(path: string, facts: string, stray: () => void, places?: string, key?: string): ControlledDocument {
  const guard = <T extends object>(target: T): T => shown(target, stray);
  const fields = new FactFields(stray);
  // Parsed when first read beyond the path (an index reads the id of every document, a rule a few of them).
  let parsed: Omit<ControlledDocument, 'parsed' | 'approvals' | 'links' | 'metadata' | 'suppressions'> | undefined;
  const all = () => (parsed ??= revive(facts, guard, stray, places, fields));
  // The fields are filled when first read (all of them, or the id alone when the key gives it).
  fields.complete = all;
  let declared: string[] | undefined;
  if (key !== undefined) {
    const [id, declaredIds] = JSON.parse(key) as [string | null, string[]];
    if (id !== null) fields.set('id', guard({ text: id }) as never);
    fields.idKnown = true;
    declared = declaredIds;
  }
  const target = { path } as Record<string, unknown>;
  for (const name of ['controlled', 'fields', 'h1', 'declaredIds', 'mentions', 'headings', 'htmlAnchors', 'citations', 'standardMentions'] as const) {
    const get = name === 'fields' ? () => fields : name === 'declaredIds' && declared ? () => declared : () => all()[name];
    Object.defineProperty(target, name, { get, enumerable: true });
  }
  const doc = guard(target) as unknown as ControlledDocument;
  memo.set(doc, facts);
  return doc;
}

/**
 * Where an unchanged document's citations stand and what its headings say: what coverage reads of
 * a document besides its facts (the places it lists, the heading numbers that bind clause numbers).
 * Not facts (moving a citation changes nothing for the others), but a stand-in for a document that
 * did not change may show them too (`factsDocument`'s `places`).
 */
export function coveragePlaces(doc: ControlledDocument): string {
  return JSON.stringify([doc.headings.map((h) => h.text), doc.citations.map((c) => [c.range.start, c.range.end])]);
}

/** The parts of a document its facts show, each part reading beyond them calling `stray`. */
function revive(facts: string, guard: <T extends object>(target: T) => T, stray: () => void, places: string | undefined, fields: FactFields) {
  const [path, controlled, fieldTexts, supersededBy, h1, declaredIds, superseding, slugs, htmlAnchors, citations, standardMentions] = JSON.parse(facts) as [
    string,
    boolean,
    (string | null)[],
    unknown,
    string | null,
    string[],
    string[],
    string[],
    string[],
    unknown[][],
    unknown[][],
  ];
  // JSON wrote an absent optional value as null; none of these is ever null itself.
  const plain = (keys: string[], values: unknown[]) => guard(Object.fromEntries(keys.map((k, i) => [k, values[i] ?? undefined])));
  FIELDS.forEach((f, i) => fieldTexts[i] !== null && fields.set(f, guard({ text: fieldTexts[i] }) as never));
  if (supersededBy !== null) fields.set('superseded_by', guard({ value: supersededBy }) as never);
  const [texts, ranges] = places ? (JSON.parse(places) as [string[], [number, number][]]) : [];
  let cited: ControlledDocument['citations'] | undefined;
  let named: ControlledDocument['standardMentions'] | undefined;
  return {
    path,
    controlled,
    fields: fields as ControlledDocument['fields'],
    h1: h1 === null ? undefined : (guard({ text: h1 }) as ControlledDocument['h1']),
    declaredIds,
    mentions: superseding.map((id) => guard({ source: 'superseded_by', id })) as unknown as ControlledDocument['mentions'],
    headings: slugs.map((slug, i) => guard(texts ? { slug, text: texts[i] } : { slug })) as unknown as ControlledDocument['headings'],
    htmlAnchors,
    // The longest parts, made when a rule first reads them.
    get citations() {
      return (cited ??= citations.map((c, i) => {
        const citation = plain(CITATION_KEYS, c) as Record<string, unknown>;
        if (ranges) citation.range = { start: ranges[i][0], end: ranges[i][1] };
        return citation;
      }) as unknown as ControlledDocument['citations']);
    },
    get standardMentions() {
      return (named ??= standardMentions.map((m) => plain(['publisher', 'number', 'edition'], m)) as unknown as ControlledDocument['standardMentions']);
    },
  };
}

const CITATION_KEYS = ['publisher', 'adopted', 'number', 'edition', 'standardText', 'clause', 'item', 'part', 'form', 'rangeRole', 'certainty', 'cue'];

/** Reading a property the target does not have calls `stray` (then reads it: undefined). */
function shown<T extends object>(target: T, stray: () => void): T {
  return new Proxy(target, {
    get(t, key) {
      // What a promise or JSON looks for on any object is not a rule reading the document.
      if (typeof key === 'string' && !(key in t) && key !== 'then' && key !== 'toJSON') stray();
      return Reflect.get(t, key);
    },
  });
}

/**
 * The facts' fields: a field outside them, or the whole map iterated, is beyond the facts. Filled
 * when first read (`complete`), except the id when the index key gave it (`idKnown`).
 */
class FactFields extends Map<string, never> {
  complete?: () => void;
  idKnown = false;
  constructor(private readonly stray: () => void) {
    super();
  }
  private shown(key?: string): void {
    if (this.complete && !(key === 'id' && this.idKnown)) {
      const complete = this.complete;
      this.complete = undefined;
      complete();
    }
    if (key === undefined || (!FIELDS.includes(key) && key !== 'superseded_by')) this.stray();
  }
  override get(key: string) {
    this.shown(key);
    return super.get(key);
  }
  override has(key: string) {
    this.shown(key);
    return super.has(key);
  }
  override entries() {
    this.shown();
    return super.entries();
  }
  override keys() {
    this.shown();
    return super.keys();
  }
  override values() {
    this.shown();
    return super.values();
  }
  override forEach(...args: Parameters<Map<string, never>['forEach']>) {
    this.shown();
    super.forEach(...args);
  }
  override [Symbol.iterator]() {
    this.shown();
    return super[Symbol.iterator]();
  }
}
