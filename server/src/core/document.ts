// The controlled document model: everything rules need, extracted once from
// the parsed Markdown. Rules read this model; they do not walk the tree again.
import { pushAll } from './arrays';
import type { Heading as MdHeading, Nodes, Table } from 'mdast';
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { declaredIds } from './declared-ids';
import { extractCitations, extractStandardMentions, type Citation, type StandardMention } from './citations';
import { fieldKeys, type Config } from './config';
import { plainText, rangeOf, readTable, slugify, walk, type TableCell, type TableData } from './mdast';
import { mentionRegex, type IdMentions } from './id-pattern';
import { readMetadataLines, type MetadataEntry } from './metadata-lines';
import { parseMarkdown, type ParsedMarkdown } from './parse';
import type { RunCache } from './parse-blocks';
import { movedRange, perRun } from './run-memo';
import { extractSuppressions, type Suppressions } from './suppressions';
import type { OffsetRange } from './text';

// A metadata row's type is defined by its reader (metadata-lines.ts), which imports nothing from here.
export type { MetadataEntry };

export interface FieldValue {
  /** The key as written (may be an alias). */
  key: string;
  keyRange: OffsetRange;
  /** Range of the value (whole collection for lists and maps). */
  valueRange: OffsetRange;
  /** The value as plain data. */
  value: unknown;
  /** The scalar's text as written (unquoted), so `1.10` stays "1.10"; '' for collections. */
  text: string;
  node: Node | null;
}

export interface Approval {
  range: OffsetRange;
  role?: FieldValue;
  name?: FieldValue;
  date?: FieldValue;
  signature?: FieldValue;
}

export interface HistoryRow {
  range: OffsetRange;
  cells: TableCell[];
  revision?: TableCell;
  date?: TableCell;
  author?: TableCell;
  description?: TableCell;
}

export interface RevisionHistory {
  heading: { text: string; range: OffsetRange; depth: number };
  /** End of the section (start of the next heading of the same or higher level). */
  sectionEnd: number;
  table?: TableData;
  columns: { revision?: number; date?: number; author?: number; description?: number };
  rows: HistoryRow[];
}

export interface DocHeading {
  depth: number;
  text: string;
  slug: string;
  range: OffsetRange;
}

export interface DocLink {
  url: string;
  range: OffsetRange;
}

export interface DocIdMention {
  id: string;
  range: OffsetRange;
  source: 'references' | 'body' | 'superseded_by';
}

export interface ControlledDocument {
  /** Absolute POSIX path. */
  path: string;
  parsed: ParsedMarkdown;
  /** True when front matter has an id or the config's `documents` globs match. */
  controlled: boolean;
  fields: Map<string, FieldValue>;
  approvals: Approval[];
  history?: RevisionHistory;
  headings: DocHeading[];
  /** First level-1 heading. */
  h1?: DocHeading;
  links: DocLink[];
  mentions: DocIdMention[];
  metadata: MetadataEntry[];
  /** Numbers the document gives itself besides front matter `id` (declared-ids.ts). */
  declaredIds: string[];
  citations: Citation[];
  /** Every standard the document names, with or without a clause (kept: thread and cache copies have no tree to read them from). */
  standardMentions: StandardMention[];
  suppressions: Suppressions;
  /** Explicit HTML anchors (`<a id="...">`, `name="..."`), lower case, in document order: link targets besides the headings. */
  htmlAnchors: string[];
}

export function field(doc: ControlledDocument, name: string): FieldValue | undefined {
  return doc.fields.get(name);
}

/** A field's text when it is a non-empty scalar. */
export function fieldText(doc: ControlledDocument, name: string): string | undefined {
  const f = doc.fields.get(name);
  return f && f.text !== '' ? f.text : undefined;
}

/** `runs`: the blocks of this path's last parse, so only changed blocks are parsed again (editors). */
export function buildDocument(path: string, original: string, config: Config, matchedByGlob: boolean, runs?: RunCache): ControlledDocument {
  const parsed = parseMarkdown(original, runs);
  const fields = readFields(parsed, config);
  const headings: DocHeading[] = [];
  const links: DocLink[] = [];
  const htmlAnchors: string[] = [];
  const metadata: MetadataEntry[] = [];
  // Read run by run when the document is being edited (kept per run, see run-memo.ts), else whole.
  for (const part of perRun(parsed, runBlockFacts, (root) => [blockFacts(root, parsed.text)], movedBlockFacts) ?? [blockFacts(parsed.tree, parsed.text)]) {
    pushAll(headings, part.headings);
    pushAll(links, part.links);
    pushAll(htmlAnchors, part.htmlAnchors);
    pushAll(metadata, part.tableMetadata);
  }
  const citations = extractCitations(parsed);
  pushAll(metadata, readMetadataLines(parsed.tree, parsed.text));
  const doc: ControlledDocument = {
    path,
    parsed,
    controlled: fields.has('id') || matchedByGlob,
    fields,
    approvals: readApprovals(fields.get('approvals'), parsed),
    history: findHistory(parsed, headings, config),
    headings,
    h1: headings.find((h) => h.depth === 1),
    links,
    mentions: [],
    metadata,
    // Front matter `id` is the number; the others count only for documents that have none.
    declaredIds: fields.has('id') ? [] : declaredIds({ path, frontMatter: parsed.frontMatter?.data, metadata, headings }, config.idPattern),
    citations,
    standardMentions: extractStandardMentions(parsed, citations),
    suppressions: extractSuppressions(parsed),
    htmlAnchors,
  };
  doc.mentions = findMentions(doc, config);
  return doc;
}

/** What the walk over a document's blocks collects, in document order. */
interface BlockFacts {
  headings: DocHeading[];
  links: DocLink[];
  htmlAnchors: string[];
  /** Bold-key rows of its tables. */
  tableMetadata: MetadataEntry[];
}

const runBlockFacts = new WeakMap<object, BlockFacts[]>();

function blockFacts(tree: Nodes, text: string): BlockFacts {
  const facts: BlockFacts = { headings: [], links: [], htmlAnchors: [], tableMetadata: [] };
  walk(tree, (node) => {
    if (node.type === 'html') pushAll(facts.htmlAnchors, anchorsIn(node.value));
    if (node.type === 'heading') facts.headings.push(toHeading(node));
    else if (node.type === 'link') facts.links.push({ url: node.url, range: rangeOf(node) });
    else if (node.type === 'definition') facts.links.push({ url: node.url, range: rangeOf(node) });
    else if (node.type === 'table') pushAll(facts.tableMetadata, readMetadataTable(readTable(node, text)));
    if (node.type === 'code' || node.type === 'inlineCode') return false;
  });
  return facts;
}

function movedBlockFacts(f: BlockFacts, by: number): BlockFacts {
  return {
    headings: f.headings.map((h) => ({ ...h, range: movedRange(h.range, by) })),
    links: f.links.map((l) => ({ ...l, range: movedRange(l.range, by) })),
    htmlAnchors: f.htmlAnchors,
    tableMetadata: f.tableMetadata.map((m) => ({ ...m, valueRange: movedRange(m.valueRange, by) })),
  };
}

const HTML_ANCHOR = /<[a-z][^<>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** The id and name attributes of the tags in a piece of HTML, lower case. */
function anchorsIn(html: string): string[] {
  return [...html.matchAll(HTML_ANCHOR)].map((m) => (m[1] ?? m[2] ?? m[3]).toLowerCase());
}

function toHeading(node: MdHeading): DocHeading {
  const text = plainText(node).trim();
  return { depth: node.depth, text, slug: slugify(text), range: rangeOf(node) };
}

// ---- front matter -------------------------------------------------------

function readFields(parsed: ParsedMarkdown, config: Config): Map<string, FieldValue> {
  const fields = new Map<string, FieldValue>();
  const fm = parsed.frontMatter;
  if (!fm || !fm.data || !isMap(fm.yaml.contents)) return fields;
  const map = fm.yaml.contents as YAMLMap;
  for (const canonical of Object.keys(config.fields)) {
    for (const key of fieldKeys(config, canonical)) {
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair) {
        fields.set(canonical, toFieldValue(pair, fm.source, fm.contentStart));
        break;
      }
    }
  }
  return fields;
}

function toFieldValue(pair: Pair, source: string, base: number): FieldValue {
  const key = pair.key as Node;
  const value = (pair.value ?? null) as Node | null;
  const keyRange = { start: base + key.range![0], end: base + key.range![1] };
  const valueRange = value?.range ? { start: base + value.range[0], end: base + value.range[1] } : { start: keyRange.end + 1, end: keyRange.end + 1 };
  return {
    key: String((key as { value?: unknown }).value),
    keyRange,
    valueRange,
    value: value ? (value as { toJSON(): unknown }).toJSON() : null,
    text: value && isScalar(value) ? scalarText(value, source) : '',
    node: value,
  };
}

/** The scalar as written: plain scalars keep their digits (1.10 is not 1.1), quoted ones lose the quotes. */
function scalarText(node: Node, source: string): string {
  if (!isScalar(node) || node.value === null) return '';
  if (node.type === 'PLAIN' && node.range) return source.slice(node.range[0], node.range[1]).trim();
  return String(node.value).trim();
}

function readApprovals(f: FieldValue | undefined, parsed: ParsedMarkdown): Approval[] {
  if (!f || !isSeq(f.node)) return [];
  const fm = parsed.frontMatter!;
  return f.node.items.map((item) => {
    const node = item as Node;
    const range = { start: fm.contentStart + (node.range?.[0] ?? 0), end: fm.contentStart + (node.range?.[1] ?? 0) };
    const approval: Approval = { range };
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : '';
        if (k === 'role' || k === 'name' || k === 'date' || k === 'signature') {
          approval[k] = toFieldValue(pair, fm.source, fm.contentStart);
        }
      }
    }
    return approval;
  });
}

// ---- revision history ---------------------------------------------------

const COLUMN_SYNONYMS: Record<keyof RevisionHistory['columns'], RegExp> = {
  revision: /^(rev(ision)?\.?|version|ver\.?|issue)(\s*(no\.?|number|#))?$/i,
  date: /^(date|effective date|revision date|release date|approval date)$/i,
  author: /^(author|by|name|changed by|revised by|originator|owner)$/i,
  description: /^(description|change|changes|summary|description of change|change description|reason|details|comments?)$/i,
};

function normaliseHeading(text: string): string {
  // "4. Revision History", "A.1 Change log", "10) Document History" -> "revision history"
  return text
    .replace(/^\s*([0-9]+|[A-Z])([.)][0-9]*)*[.)]?\s+/, '')
    .trim()
    .toLowerCase();
}

function findHistory(parsed: ParsedMarkdown, headings: DocHeading[], config: Config): RevisionHistory | undefined {
  const wanted = new Set(config.historyHeadings.map((h) => h.toLowerCase()));
  const heading = headings.find((h) => wanted.has(normaliseHeading(h.text)));
  if (!heading) return undefined;
  const next = headings.find((h) => h.range.start > heading.range.start && h.depth <= heading.depth);
  const sectionEnd = next ? next.range.start : parsed.text.length;
  const tableNode = parsed.tree.children.find(
    (n): n is Table => n.type === 'table' && rangeOf(n).start > heading.range.start && rangeOf(n).start < sectionEnd,
  );
  const history: RevisionHistory = { heading, sectionEnd, columns: {}, rows: [] };
  if (!tableNode) return history;
  const table = readTable(tableNode, parsed.text);
  history.table = table;
  table.header.forEach((cell, i) => {
    const label = cell.text.replace(/[*_:]/g, '').trim();
    for (const [col, re] of Object.entries(COLUMN_SYNONYMS) as [keyof RevisionHistory['columns'], RegExp][]) {
      if (history.columns[col] === undefined && re.test(label)) history.columns[col] = i;
    }
  });
  history.rows = historyRows(table.rows, history.columns);
  return history;
}

/** A history table's rows with their cells read by column (the light documents rebuild them the same way). */
export function historyRows(rows: { range: OffsetRange; cells: TableCell[] }[], columns: RevisionHistory['columns']): RevisionHistory['rows'] {
  const { revision, date, author, description } = columns;
  return rows.map((row) => ({
    range: row.range,
    cells: row.cells,
    revision: revision !== undefined ? row.cells[revision] : undefined,
    date: date !== undefined ? row.cells[date] : undefined,
    author: author !== undefined ? row.cells[author] : undefined,
    description: description !== undefined ? row.cells[description] : undefined,
  }));
}

// ---- metadata tables ----------------------------------------------------

/** Rows whose first cell is bold (`**Owner**`) are key-value metadata, as in public template collections. */
function readMetadataTable(table: TableData): MetadataEntry[] {
  const rows = [{ cells: table.header }, ...table.rows];
  const out: MetadataEntry[] = [];
  for (const row of rows) {
    for (let i = 0; i + 1 < row.cells.length; i += 2) {
      const key = /^\*\*([^*]+?):?\*\*:?$/.exec(row.cells[i].source);
      if (key && row.cells[i + 1]) {
        out.push({ key: key[1].trim(), value: row.cells[i + 1].text, valueRange: row.cells[i + 1].range });
      }
    }
  }
  return out;
}

// ---- document id mentions -----------------------------------------------

function findMentions(doc: ControlledDocument, config: Config): DocIdMention[] {
  const out: DocIdMention[] = [];
  for (const name of ['references', 'superseded_by'] as const) {
    const f = doc.fields.get(name);
    if (!f) continue;
    const fm = doc.parsed.frontMatter!;
    const items = isSeq(f.node) ? f.node.items : [f.node];
    for (const item of items) {
      if (isScalar(item) && item.value !== null && item.range) {
        const id = scalarText(item, fm.source);
        out.push({
          id,
          range: { start: fm.contentStart + item.range[0], end: fm.contentStart + item.range[1] },
          source: name,
        });
      }
    }
  }
  const re = mentionRegex(config.idPattern);
  const { text, tree } = doc.parsed;
  // Read run by run when the document has runs (an edited one): only a changed run is read again.
  let memo = runMentions.get(re.source);
  if (!memo) runMentions.set(re.source, (memo = new WeakMap()));
  pushAll(out, perRun(doc.parsed, memo, (part) => bodyMentions(text, part, re), movedMention) ?? bodyMentions(text, tree, re));
  return out;
}

/** Per id pattern, the body mentions of each parsed run. */
const runMentions = new Map<string, WeakMap<object, DocIdMention[]>>();
const movedMention = (m: DocIdMention, by: number): DocIdMention => ({ ...m, range: { start: m.range.start + by, end: m.range.end + by } });

/** Document ids written in the text of `tree` (not in code or HTML). */
function bodyMentions(text: string, tree: Nodes, re: IdMentions): DocIdMention[] {
  const out: DocIdMention[] = [];
  walk(tree, (node: Nodes) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml' || node.type === 'html') return false;
    if (node.type !== 'text') return;
    const { start, end } = rangeOf(node);
    // Scan the source so ranges are exact even where the text has escapes.
    const source = text.slice(start, end);
    for (const m of re.matchAll(source)) {
      out.push({ id: m[0], range: { start: start + m.index!, end: start + m.index! + m[0].length }, source: 'body' });
    }
  });
  return out;
}
