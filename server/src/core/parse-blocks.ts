// Parsing in blocks. micromark slows down more than linearly on large texts, and
// re-parsing a whole document for one keystroke is the cost an editor feels, so
// a document is cut into runs of top-level blocks at blank lines where nothing
// can carry over the cut; each run is parsed alone (with only the extensions
// its text can use) and its nodes are moved to their place in the document.
// Runs are kept by text: an unchanged run is not parsed again, only moved.
//
// The result is the tree one parse of the whole text gives, node for node and
// position for position (tests compare both on every fixture and a generated
// corpus). Where a cut could change meaning the text stays in one run:
// reference definitions anywhere (labels resolve across blocks) mean one run
// for the whole document; fenced code and multi-line HTML blocks are not cut;
// a cut goes only before a line at column 1 that cannot continue a list, so
// list items, indented code and lazy lines never straddle a cut.
import { pushAll } from './arrays';
import type { Nodes, Root } from 'mdast';
import { lineStarts } from './text';
import { fromMarkdown, type Extension as MdastExtension } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

/** A run of whole lines: `text.slice(start, end)`, starting on 0-based line `line`. */
export interface Run {
  start: number;
  end: number;
  line: number;
}

// ---- cutting ------------------------------------------------------------------
//
// A cut goes after a blank line, before a line at column 1 that cannot continue
// a list. Only blocks that stay open across such a line can make the cut wrong:
// fenced code and HTML blocks of CommonMark kinds 1 to 5, at the top level or
// in a list item. Lines that look like their openers keep a run going until a
// line that closes them; and whatever this guess misses, the parse shows: a run
// whose last block is still open at its end takes the blank lines after it
// (see `spillsOver`), and is parsed again together with the next run. The
// guess only saves that second parse.

/** HTML block openers (kinds 1 to 5) at a line start, and what ends each. */
const HTML_OPEN: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];
/** A fence, also after list markers and block quote marks (where it closes with its container, or not). */
const FENCE = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)]|>)[ \t]*)*(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
const LIST_START = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Index of the line that closes the YAML front matter; 0 without front matter, -1 when it never closes. */
function frontMatterClose(lines: Lines): number {
  if (!/^---[ \t]*$/.test(lines.at(0))) return 0;
  for (let i = 1; i < lines.count; i++) if (lines.startsWith(i, '---') && /^---[ \t]*$/.test(lines.at(i))) return i;
  return -1;
}

/**
 * The lines of a text, read in place: cutting runs on every keystroke looks at
 * each line of the document, and making a string of each (forty thousand in a
 * 2 MB manual) cost more than the looking. A line is sliced only when a
 * pattern must run on it.
 */
class Lines {
  readonly count: number;
  /** Where each kind of opener next occurs at or after the line being read (-1: nowhere). */
  private readonly next = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
  ) {
    this.count = starts.length;
  }

  start(i: number): number {
    return this.starts[i];
  }

  /** End of line `i` without its line break (\r\n, \n or \r). */
  end(i: number): number {
    const from = this.starts[i];
    let end = i + 1 < this.starts.length ? this.starts[i + 1] : this.text.length;
    if (end > from && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > from && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  at(i: number): string {
    return i < this.count ? this.text.slice(this.starts[i], this.end(i)) : '';
  }

  startsWith(i: number, prefix: string): boolean {
    return this.text.startsWith(prefix, this.starts[i]);
  }

  /** Only spaces and tabs, or nothing. */
  blank(i: number): boolean {
    for (let k = this.starts[i], end = this.end(i); k < end; k++) {
      const c = this.text.charCodeAt(k);
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** Whether `s` occurs in line `i`; lines are asked in order, so each search of the text is reused until passed. */
  includes(i: number, s: string): boolean {
    const from = this.starts[i];
    let at = this.next.get(s);
    if (at === undefined || (at >= 0 && at < from)) this.next.set(s, (at = this.text.indexOf(s, from)));
    return at >= 0 && at + s.length <= this.end(i);
  }

  /** Index of the first `<` within the line's first four characters, else -1. */
  earlyLessThan(i: number): number {
    const from = this.starts[i];
    const end = Math.min(from + 4, this.end(i));
    for (let k = from; k < end; k++) if (this.text.charCodeAt(k) === 60) return k - from;
    return -1;
  }
}

/** The runs of `text`, in order, covering it exactly. */
export function splitRuns(text: string): Run[] {
  const whole = [{ start: 0, end: text.length, line: 0 }];
  // A reference definition ("[id]: url", "[^1]: note") resolves labels in every block;
  // a byte order mark (which the parser skips) shifts every offset of the first line.
  if (text.includes(']:') || text.charCodeAt(0) === 0xfeff) return whole;
  const starts = lineStarts(text);
  const lines = new Lines(text, starts);
  const fmClose = frontMatterClose(lines);
  if (fmClose < 0) return whole;
  const runs: Run[] = [];
  let runLine = 0;
  // The fence that is open (marker character and length); HTML blocks that may be open: what ends them.
  let fence: { char: string; size: number } | undefined;
  const html = new Set<RegExp>();
  let previousBlank = false;
  for (let i = fmClose ? fmClose + 1 : 0; i < lines.count; i++) {
    const from = starts[i];
    // At column 1 (not empty, no space or tab first).
    const flush = from < lines.end(i) && text.charCodeAt(from) !== 32 && text.charCodeAt(from) !== 9;
    if (previousBlank && !fence && !html.size && i > runLine && flush && !LIST_START.test(lines.at(i))) {
      runs.push({ start: starts[runLine], end: starts[i], line: runLine });
      runLine = i;
    }
    previousBlank = lines.blank(i);
    if (html.size) {
      const line = lines.at(i);
      for (const close of [...html]) if (close.test(line)) html.delete(close);
    }
    // Most lines open nothing: the patterns below run only on lines with their characters.
    const f = lines.includes(i, '```') || lines.includes(i, '~~~') ? FENCE.exec(lines.at(i)) : null;
    if (f) {
      const char = f[1][0];
      const size = f[1].length;
      if (fence) {
        if (fence.char === char && fence.size <= size && /^[ \t]*$/.test(f[2])) fence = undefined;
        continue;
      }
      if (!(char === '`' && f[2].includes('`'))) fence = { char, size };
      continue;
    }
    if (fence) continue;
    if (lines.earlyLessThan(i) < 0) continue;
    const line = lines.at(i);
    for (const [open, close] of HTML_OPEN) {
      const m = open.exec(line);
      if (m && !close.test(line.slice(m[0].length))) html.add(close);
    }
  }
  runs.push({ start: starts[runLine], end: text.length, line: runLine });
  return runs;
}

// ---- parsing one run --------------------------------------------------------------

interface Variant {
  micromark: MicromarkExtension[];
  mdast: MdastExtension[];
}

const FRONT_MATTER = 1;
const TABLE = 2;
const AUTOLINK = 4;
const STRIKE = 8;
const FOOTNOTE = 16;
const TASK = 32;

/**
 * The extensions a run's text can use. Each GFM construct needs a character the
 * test looks for (a table a `|` or a `:` beside a `-` in its delimiter row, a
 * literal link `@`, `www.` or `://`...), so leaving out one whose character is
 * absent changes nothing but the time taken.
 */
function featuresOf(text: string, first: boolean): number {
  let f = 0;
  if (first && /^\uFEFF?---/.test(text)) f |= FRONT_MATTER;
  if (/\||:-|-:/.test(text)) f |= TABLE;
  if (/@|www\.|:\/\//i.test(text)) f |= AUTOLINK;
  if (text.includes('~')) f |= STRIKE;
  if (text.includes('[^')) f |= FOOTNOTE;
  if (/\[[\s\S]?\]/.test(text)) f |= TASK;
  return f;
}

const variants = new Map<number, Variant>();

function variant(features: number): Variant {
  let v = variants.get(features);
  if (!v) {
    // The same order as remark-frontmatter then remark-gfm register them.
    v = { micromark: [], mdast: [] };
    if (features & FRONT_MATTER) {
      v.micromark.push(frontmatter(['yaml']));
      v.mdast.push(frontmatterFromMarkdown(['yaml']));
    }
    if (features & AUTOLINK) v.micromark.push(gfmAutolinkLiteral());
    if (features & FOOTNOTE) v.micromark.push(gfmFootnote());
    if (features & STRIKE) v.micromark.push(gfmStrikethrough());
    if (features & TABLE) v.micromark.push(gfmTable());
    if (features & TASK) v.micromark.push(gfmTaskListItem());
    if (features & AUTOLINK) v.mdast.push(gfmAutolinkLiteralFromMarkdown());
    if (features & FOOTNOTE) v.mdast.push(gfmFootnoteFromMarkdown());
    if (features & STRIKE) v.mdast.push(gfmStrikethroughFromMarkdown());
    if (features & TABLE) v.mdast.push(gfmTableFromMarkdown());
    if (features & TASK) v.mdast.push(gfmTaskListItemFromMarkdown());
    variants.set(features, v);
  }
  return v;
}

/** Parses a whole text with every extension qmslint uses (front matter, GFM). */
export function parseWhole(text: string): Root {
  const v = variant(featuresOf(text, true) | TABLE | AUTOLINK | STRIKE | FOOTNOTE | TASK);
  return fromMarkdown(text, { extensions: v.micromark, mdastExtensions: v.mdast });
}

/** The top-level nodes of one run, with positions relative to the run. */
function parseRun(source: string, first: boolean): Nodes[] {
  const plain = plainRun(source);
  if (plain) return plain;
  const v = variant(featuresOf(source, first));
  return fromMarkdown(source, { extensions: v.micromark, mdastExtensions: v.mdast }).children;
}

// ---- runs that need no parser -------------------------------------------------------
//
// Headings and paragraphs of plain words are most of a document's runs, and
// starting the parser costs more than reading them: such a run (nothing an
// inline construct or a block start could be made of, every line beginning
// with a letter) gets its node built here, as the parser would build it.

/** Characters that can start or end markup, character references, literal links or breaks. */
const MARKUP = /[\\`*_[\]<>!&~|@\u0000-\u0009\u000b-\u001f\u007f]|www\.|:\/\/| $/im;
const PLAIN_HEADING = /^(#{1,6}) ([A-Za-z0-9][^\n]*[^#\s])$/;

type Point = { line: number; column: number; offset: number };
const point = (line: number, column: number, offset: number): Point => ({ line, column, offset });

function plainRun(source: string): Nodes[] | undefined {
  let bodyEnd = source.length;
  while (bodyEnd > 0 && source.charCodeAt(bodyEnd - 1) === 10) bodyEnd--;
  const body = source.slice(0, bodyEnd);
  // Table rows are checked cell by cell (the pipes between cells are markup that is understood here).
  if (!body || (body[0] === '|' ? /[\r\t]/.test(body) : MARKUP.test(body))) return undefined;
  const lines = body.split('\n');
  if (lines.length === 1) {
    const h = PLAIN_HEADING.exec(body);
    if (h) {
      const depth = h[1].length as 1 | 2 | 3 | 4 | 5 | 6;
      const end = point(1, body.length + 1, body.length);
      return [
        {
          type: 'heading',
          depth,
          children: [{ type: 'text', value: h[2], position: { start: point(1, depth + 2, depth + 1), end } }],
          position: { start: point(1, 1, 0), end: { ...end } },
        },
      ];
    }
  }
  if (lines[0].startsWith('|')) return plainTable(lines);
  if (!/^[A-Za-z]/.test(lines[0])) return undefined;
  for (let i = 1; i < lines.length; i++) if (!/^ *[A-Za-z]/.test(lines[i])) return undefined;
  const last = lines[lines.length - 1];
  const end = point(lines.length, last.length + 1, body.length);
  const value = lines.map((l, i) => (i ? l.replace(/^ +/, '') : l)).join('\n');
  return [
    {
      type: 'paragraph',
      children: [{ type: 'text', value, position: { start: point(1, 1, 0), end } }],
      position: { start: point(1, 1, 0), end: { ...end } },
    },
  ];
}

const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;

/** A table whose every row is `| cell | cell |` of plain words (no cell empty), as the GFM table extension builds it. */
function plainTable(lines: string[]): Nodes[] | undefined {
  if (lines.length < 2 || !DELIMITER_ROW.test(lines[1])) return undefined;
  const align = lines[1]
    .slice(1, -1)
    .split('|')
    .map((c) => {
      const d = c.trim();
      return d.startsWith(':') ? (d.endsWith(':') ? 'center' : 'left') : d.endsWith(':') ? 'right' : null;
    });
  const rows: Nodes[] = [];
  let offset = 0;
  for (const [i, line] of lines.entries()) {
    const base = offset;
    offset += line.length + 1;
    if (i === 1) continue;
    if (line.length < 2 || line[0] !== '|' || line[line.length - 1] !== '|') return undefined;
    const pipes: number[] = [];
    for (let k = 0; k < line.length; k++) if (line.charCodeAt(k) === 124) pipes.push(k);
    if (i === 0 && pipes.length - 1 !== align.length) return undefined;
    const cells: Nodes[] = [];
    for (let k = 0; k + 1 < pipes.length; k++) {
      const content = line.slice(pipes[k] + 1, pipes[k + 1]);
      const lead = content.length - content.trimStart().length;
      const value = content.trim();
      if (!value || MARKUP.test(value)) return undefined;
      const from = pipes[k] + 1 + lead;
      const to = from + value.length;
      const end = k + 2 === pipes.length ? pipes[k + 1] + 1 : pipes[k + 1];
      cells.push({
        type: 'tableCell',
        children: [{ type: 'text', value, position: { start: point(i + 1, from + 1, base + from), end: point(i + 1, to + 1, base + to) } }],
        position: { start: point(i + 1, pipes[k] + 1, base + pipes[k]), end: point(i + 1, end + 1, base + end) },
      } as Nodes);
    }
    rows.push({ type: 'tableRow', children: cells, position: { start: point(i + 1, 1, base), end: point(i + 1, line.length + 1, base + line.length) } } as Nodes);
  }
  const last = lines[lines.length - 1];
  return [
    {
      type: 'table',
      align,
      children: rows,
      position: { start: point(1, 1, 0), end: point(lines.length, last.length + 1, offset - 1) },
    } as Nodes,
  ];
}

/** A copy of `nodes` moved down by `lines` lines and `offset` characters (runs start at a line start: columns stay). */
function moved(nodes: Nodes[], lines: number, offset: number): Nodes[] {
  return nodes.map((n) => move(n, lines, offset));
}

function shift(node: Nodes, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start.line += lines;
    p.start.offset = (p.start.offset ?? 0) + offset;
    p.end.line += lines;
    p.end.offset = (p.end.offset ?? 0) + offset;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shift(c, lines, offset);
}

function move(node: Nodes, lines: number, offset: number): Nodes {
  const copy = { ...node } as Nodes & { children?: Nodes[] };
  const p = node.position;
  if (p) {
    copy.position = {
      start: { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset },
      end: { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset },
    };
  }
  if ('children' in node) copy.children = (node.children as Nodes[]).map((c) => move(c, lines, offset));
  return copy;
}

// ---- the document -------------------------------------------------------------------

type Known = { key: string; nodes: Nodes[] };

/** Parsed runs by their text, for the next parse of the same document. */
export class RunCache {
  /**
   * The last parse's runs by where they started. Looking every run up by its
   * text would hash the whole text (2 MB for a manual) on each keystroke; after
   * an edit a run stands where it stood, or moved by what the edit added or took
   * away, so it is looked for there and compared (a compare stops at a length
   * that differs, and is a plain memory compare otherwise).
   */
  private byStart = new Map<number, Known>();
  private nextByStart = new Map<number, Known>();
  /** Length of the text last parsed. */
  private length = 0;
  /** The last parse's runs by text, made only when a run is not found by its place (text moved, or several edits at once). */
  private byText: Map<string, Nodes[]> | undefined;
  /** Runs of this parse not found where they stood. */
  private misses = 0;
  /** Runs parsed in this parse, by text: a document may repeat a block. */
  private fresh = new Map<string, Nodes[]>();
  /** Each run's nodes as last placed in a tree: a run that stays where it was (before the edit) is not copied again. */
  private placed = new Map<Nodes[], { line: number; offset: number; copy: Nodes[] }>();
  private nextPlaced = new Map<Nodes[], { line: number; offset: number; copy: Nodes[] }>();

  /** `nodes` (a cached run) moved down by `line` lines and `offset` characters; nothing in a tree is ever changed, so copies are shared. */
  place(nodes: Nodes[], line: number, offset: number): Nodes[] {
    let p = this.placed.get(nodes);
    if (!p || p.line !== line || p.offset !== offset) p = { line, offset, copy: moved(nodes, line, offset) };
    this.nextPlaced.set(nodes, p);
    return p.copy;
  }

  /** The nodes of the run whose text is `key`, starting at `start` of a text `length` long. */
  get(key: string, start: number, length: number): Nodes[] | undefined {
    const there = this.byStart.get(start);
    const shifted = start - (length - this.length);
    const moved = shifted === start ? undefined : this.byStart.get(shifted);
    let hit = there?.key === key ? there.nodes : moved?.key === key ? moved.nodes : undefined;
    // The run or two a keystroke changed are new, and parsing them costs less than hashing the
    // text; from the fourth run not where it was, the text has moved: look the runs up by text.
    if (!hit && ++this.misses > 3) {
      if (!this.byText) {
        this.byText = new Map();
        for (const k of this.byStart.values()) this.byText.set(k.key, k.nodes);
      }
      hit = this.byText.get(key) ?? this.fresh.get(key);
    } else if (!hit) hit = this.fresh.get(key);
    if (hit) this.nextByStart.set(start, { key, nodes: hit });
    return hit;
  }

  set(key: string, start: number, nodes: Nodes[]): void {
    this.fresh.set(key, nodes);
    this.nextByStart.set(start, { key, nodes });
  }

  /** Keep only the runs the last parse (of a text `length` long) used. */
  settle(length: number): void {
    this.byStart = this.nextByStart;
    this.nextByStart = new Map();
    this.length = length;
    this.byText = undefined;
    this.misses = 0;
    this.fresh = new Map();
    this.placed = this.nextPlaced;
    this.nextPlaced = new Map();
  }
}

/**
 * The mdast tree of `text`, equal to parsing it whole. With a cache, runs whose
 * text was parsed before are only moved, never parsed again; `runsOut` gets
 * the runs (none when the text is one run).
 */
/** The top-level nodes one run gave: `count` children of the tree from `first`, parsed as `nodes` (the cache's, at the run's own offsets). */
export interface ParsedRun {
  nodes: Nodes[];
  start: number;
  first: number;
  count: number;
}

export function parseBlocks(text: string, cache?: RunCache, runsOut?: ParsedRun[]): Root {
  const runs = splitRuns(text);
  if (runs.length === 1) {
    // One run is one parse: its tree as it comes (a byte order mark, which the parser skips, included).
    const v = variant(featuresOf(text, true));
    return fromMarkdown(text, { extensions: v.micromark, mdastExtensions: v.mdast });
  }
  const children: Nodes[] = [];
  for (let i = 0; i < runs.length; i++) {
    const first = i === 0;
    const { start, line } = runs[i];
    let end = runs[i].end;
    let nodes: Nodes[];
    // Runs taken in at once when a parse spills over: doubled each time, so a
    // block left open to the end of a long document costs a few parses, not one per run.
    let take = 1;
    for (;;) {
      const source = text.slice(start, end);
      const key = first ? `\u0000${source}` : source;
      const cached = cache?.get(key, start, text.length);
      nodes = cached ?? parseRun(source, first);
      // Something still open at the end of the run (a fence or an HTML block in
      // a list item) takes the blank lines after it, where a whole parse ends
      // it at the next block: parse it with the next runs instead.
      if (i + 1 < runs.length && !cached && spillsOver(nodes, source)) {
        i = Math.min(i + take, runs.length - 1);
        end = runs[i].end;
        take *= 2;
        continue;
      }
      if (!cached) cache?.set(key, start, nodes);
      break;
    }
    // Cached nodes are copied to their place; fresh ones nobody else holds are moved where they lie.
    runsOut?.push({ nodes, start, first: children.length, count: nodes.length });
    if (cache) pushAll(children, cache.place(nodes, line, start));
    else {
      if (start || line) for (const n of nodes) shift(n, line, start);
      pushAll(children, nodes);
    }
  }
  cache?.settle(text.length);
  return {
    type: 'root',
    children: children as Root['children'],
    position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) },
  };
}

/** Whether the last node (or its last descendants) reaches past the run's last non-blank line. */
function spillsOver(nodes: Nodes[], source: string): boolean {
  // The end of that line, trailing white space included: a paragraph can end
  // after its last line's spaces ("[a](b "), and that is no spill.
  let contentEnd = source.trimEnd().length;
  while (contentEnd < source.length && source.charCodeAt(contentEnd) !== 10 && source.charCodeAt(contentEnd) !== 13) contentEnd++;
  let node: Nodes | undefined = nodes[nodes.length - 1];
  while (node) {
    if ((node.position?.end.offset ?? 0) > contentEnd) return true;
    node = 'children' in node ? (node.children as Nodes[])[node.children.length - 1] : undefined;
  }
  return false;
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  const starts = lineStarts(text);
  return { line: starts.length, column: text.length - starts[starts.length - 1] + 1, offset: text.length };
}
