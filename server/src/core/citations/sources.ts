// Citations outside running text: the front matter `clauses:` list, mapping tables and
// `<!-- [13485:4.1.1,4.2.1c] -->` comments.
import type { Html, Table, TableCell } from 'mdast';
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { ParsedMarkdown } from '../parse';
import { type Emit, identityPlus, makeCitation, type OffsetMap } from './build';
import { type Entry, keywordAt, parseClauseList, parseEntryList } from './clauses';
import { findDesignation, matchDesignationExact, type Standard, toStandard } from './designation';
import type { BlockText } from './prose';
import type { CitationForm } from './types';

/** Emit the entries of one comma list, a designation in an entry carrying over to the next. */
function emitEntries(
  source: string,
  map: OffsetMap,
  initial: Standard | undefined,
  form: CitationForm,
  emit: Emit,
): void {
  let current = initial;
  for (const entry of parseEntryList(source)) {
    if (entry.designation) current = entryStandard(entry, source, map);
    // Front matter and bracketed comments exist to declare clauses: what they say is meant.
    for (const c of entry.items) emit(makeCitation(c, current, form, map, { part: entry.part, certainty: 'named' }));
  }
}

function entryStandard(entry: Entry, source: string, map: OffsetMap): Standard {
  const std = toStandard(entry.designation!, source, map.at, map.atEnd);
  if (entry.cfr) std.publisher = 'FDA';
  return std;
}

// ---------------------------------------------------------------------------- front matter

const CLAUSE_KEYS = new Set(['clauses', 'clause']);

/** The source text of a scalar, inside its quotes, and where that starts in the document. */
function scalarSource(node: Scalar, fmSource: string, contentStart: number): { text: string; start: number } | undefined {
  if (!node.range) return undefined;
  let [start, end] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  } else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    return undefined; // a multi-line string is not a clause entry
  }
  if (end < start) return undefined;
  // Read the source, not the value: the value of `7.10` is the number 7.1.
  return { text: fmSource.slice(start, end), start: contentStart + start };
}

/** A scalar that is a designation ("iso13485:2016", "21cfr820"), placed in the document. */
function scalarStandard(node: unknown, fmSource: string, contentStart: number): Standard | undefined {
  if (!isScalar(node)) return undefined;
  const src = scalarSource(node, fmSource, contentStart);
  const hit = src && matchDesignationExact(src.text);
  if (!src || !hit) return undefined;
  const map = identityPlus(src.start);
  return toStandard(hit, src.text, map.at, map.atEnd);
}

/** The front matter `standard:` value when it is a designation, placed in the document. */
export function frontMatterStandard(doc: ParsedMarkdown): Standard | undefined {
  const fm = doc.frontMatter;
  if (!fm || fm.errors.length || !isMap(fm.yaml.contents)) return undefined;
  for (const pair of fm.yaml.contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === 'standard') return scalarStandard(pair.value, fm.source, fm.contentStart);
  }
  return undefined;
}

/**
 * `clauses:` as a list (or one string) of entries under the `standard:` key's standard, or as a
 * mapping from designations to such lists:
 *
 *     clauses:
 *       iso13485:2016: [7.3.2, 7.3.3]
 *       21cfr820: [820.30]
 */
export function scanFrontMatter(doc: ParsedMarkdown, emit: Emit): void {
  const fm = doc.frontMatter;
  // Broken YAML is reported by its own rule; guessing at what it meant could misplace ranges.
  if (!fm || fm.errors.length || !isMap(fm.yaml.contents)) return;
  let standard: Standard | undefined;
  const groups: { standard?: Standard; value: unknown }[] = [];
  for (const pair of fm.yaml.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === 'standard') standard = scalarStandard(pair.value, fm.source, fm.contentStart);
    else if (key !== undefined && CLAUSE_KEYS.has(key)) {
      if (isMap(pair.value)) {
        for (const sub of pair.value.items) {
          const std = scalarStandard(sub.key, fm.source, fm.contentStart);
          if (std) groups.push({ standard: std, value: sub.value });
        }
      } else groups.push({ value: pair.value });
    }
  }
  for (const group of groups) {
    const nodes: unknown[] = isSeq(group.value) ? group.value.items : [group.value];
    for (const node of nodes) {
      if (!isScalar(node)) continue;
      const src = scalarSource(node, fm.source, fm.contentStart);
      if (src) emitEntries(src.text, identityPlus(src.start), group.standard ?? standard, 'front-matter', emit);
    }
  }
}

// ---------------------------------------------------------------------------- comments

/** `<!-- [13485:4.1.1,4.2.1c] -->`: only comments whose body is bracketed lists count. */
export function scanComments(doc: string, node: Html, emit: Emit): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const source = doc.slice(start, end);
  let from = 0;
  for (;;) {
    const open = source.indexOf('<!--', from);
    if (open < 0) return;
    const close = source.indexOf('-->', open + 4);
    if (close < 0) return;
    let p = open + 4;
    for (;;) {
      while (p < close && /\s/.test(source[p])) p++;
      if (source[p] !== '[') break;
      const rb = source.indexOf(']', p);
      if (rb < 0 || rb > close) break;
      const inner = source.slice(p + 1, rb);
      if (!inner.includes('[')) emitEntries(inner, identityPlus(start + p + 1), undefined, 'comment', emit);
      p = rb + 1;
    }
    from = close + 3;
  }
}

// ---------------------------------------------------------------------------- tables

// Column headers that make a column of clause numbers without naming the standard.
const CLAUSE_HEADER = /^(?:ISO\s+|standard\s+)?clauses?(?:\s*(?:no\.?|#|number|ref\.?|reference))?$/i;

function isBold(cell: TableCell | undefined): boolean {
  const kids = cell?.children.filter((n) => !(n.type === 'text' && !n.value.trim())) ?? [];
  return kids.length === 1 && kids[0].type === 'strong';
}

/**
 * A mapping table has a column whose header names a standard ("ISO 13485:2016 Section",
 * "21 CFR 820") or is just "Clause"; the numbers that start that column's cells are citations
 * of that standard. Key/value tables (`| **Standard** | ISO 13485:2016 |`) are not mapping
 * tables even though a header cell names a standard.
 */
export function scanTable(table: Table, cells: Map<TableCell, BlockText>, emit: Emit): void {
  const [head, ...body] = table.children;
  if (!head || !body.length) return;
  const boldKeys = isBold(head.children[0]);
  const columns = new Map<number, Standard | undefined>();
  head.children.forEach((cell, i) => {
    const bt = cells.get(cell);
    if (!bt) return;
    const label = bt.text.trim();
    const hit = findDesignation(bt.text);
    if (hit) {
      const onlyDesignation = bt.text.slice(hit.start, hit.end) === label;
      // `| **Standard** | ISO 13485:2016 |`: a bold key and its plain value.
      const keyValue = boldKeys && i > 0 && onlyDesignation && !isBold(cell);
      if (!keyValue) {
        columns.set(i, toStandard(hit, bt.text, (o) => bt.at(o), (o) => bt.atEnd(o)));
      }
    } else if (CLAUSE_HEADER.test(label)) columns.set(i, undefined);
  });
  if (!columns.size) return;
  for (const row of body) {
    for (const [i, headerStandard] of columns) {
      const cell = row.children[i];
      const bt = cell && cells.get(cell);
      if (!bt) continue;
      const std = headerStandard ?? rowStandard(row.children, i, cells);
      const s = bt.text;
      let p = s.length - s.trimStart().length;
      p += keywordAt(s, p);
      const { items } = parseClauseList(s, p, std?.publisher === 'FDA');
      const map: OffsetMap = { at: (o) => bt.at(o), atEnd: (o) => bt.atEnd(o) };
      // A column headed by a standard is that standard's; a "Clause" column takes the standard
      // its row names, else the document's.
      const certainty = headerStandard ? 'named' : std ? 'near' : 'unbound';
      for (const c of items) emit(makeCitation(c, std, 'table', map, { certainty, cue: 'clause' }));
    }
  }
}

/** For a bare "Clause" column: a cell in the same row that is nothing but a designation. */
function rowStandard(row: TableCell[], except: number, cells: Map<TableCell, BlockText>): Standard | undefined {
  for (let j = 0; j < row.length; j++) {
    const bt = j === except ? undefined : cells.get(row[j]);
    const hit = bt && matchDesignationExact(bt.text);
    if (bt && hit && hit.parts.publisher) return toStandard(hit, bt.text, (o) => bt.at(o), (o) => bt.atEnd(o));
  }
  return undefined;
}
