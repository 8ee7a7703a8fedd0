// Parsing: Markdown to mdast (once per document, shared by all rules) and the
// YAML front matter to a yaml Document that keeps source positions.
// The tree is what remark-parse with remark-frontmatter and remark-gfm gives,
// parsed in blocks (see parse-blocks.ts): the same tree, faster, and with a
// RunCache only the blocks that changed since the last parse are parsed again.
import type { Node } from 'unist';
import type { Root, Yaml } from 'mdast';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { parseBlocks, type ParsedRun, type RunCache } from './parse-blocks';
import { LineIndex, type OffsetRange } from './text';
import { yamlErrorRanges } from './yaml-error-range';

export interface FrontMatter {
  /** Range of the whole block, delimiters included. */
  range: OffsetRange;
  /** Offset of the first character of the YAML content (after `---` and its line break). */
  contentStart: number;
  /** The YAML source between the delimiters. */
  source: string;
  /** The parsed document, with node ranges relative to `contentStart`. */
  yaml: Document.Parsed;
  /** The mapping as plain data; undefined when the YAML is broken or not a mapping. */
  data: Record<string, unknown> | undefined;
  /** Syntax errors and other problems, with absolute offsets. */
  errors: { message: string; range: OffsetRange }[];
}

export interface ParsedMarkdown {
  /** The text without a leading byte order mark. */
  text: string;
  /** 1 when the original text started with a BOM: add it to offsets to address the original. */
  bomLength: number;
  lines: LineIndex;
  tree: Root;
  frontMatter?: FrontMatter;
  /**
   * With a RunCache (a document being edited), the parsed runs the tree is
   * made of: what is computed from a run's nodes alone can be kept per run
   * (see run-memo.ts).
   */
  runs?: ParsedRun[];
}

// Aliases that expand past this count are refused (billion-laughs protection).
const MAX_ALIAS_COUNT = 100;

export function parseMarkdown(original: string, runs?: RunCache): ParsedMarkdown {
  const bomLength = original.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bomLength ? original.slice(1) : original;
  const parsedRuns: ParsedRun[] | undefined = runs && [];
  const tree = parseBlocks(text, runs, parsedRuns);
  // The parser skips a byte order mark at the start and counts offsets without
  // it: after the one stripped above, a second would put every position one
  // character before its text (and --fix never settled).
  if (text.charCodeAt(0) === 0xfeff) for (const node of tree.children) pastBom(node);
  const first = tree.children[0];
  const frontMatter = first?.type === 'yaml' ? parseFrontMatter(text, first) : undefined;
  return { text, bomLength, lines: new LineIndex(text), tree, frontMatter, ...(parsedRuns?.length ? { runs: parsedRuns } : {}) };
}

/** Moves a node and its descendants one character on, as if the parser had counted the mark. */
function pastBom(node: Node): void {
  const p = node.position;
  if (p) {
    for (const point of [p.start, p.end]) {
      if (point.offset !== undefined) point.offset++;
      if (point.line === 1) point.column++;
    }
  }
  if ('children' in node) for (const child of node.children as Node[]) pastBom(child);
}

function parseFrontMatter(text: string, node: Yaml): FrontMatter {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  // After the opening `---` line, whichever line ending it has: a CR alone ends a line too,
  // and looking for the next \n put every offset of the front matter past the text.
  const lineEnd = /\r\n|\r|\n/g;
  lineEnd.lastIndex = start;
  const firstBreak = lineEnd.exec(text);
  const contentStart = firstBreak ? firstBreak.index + firstBreak[0].length : end;
  const source = node.value;
  const doc = parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  // Where the fault is, which is not always where the library noticed it (yaml-error-range.ts).
  const ranges = doc.errors.length ? yamlErrorRanges(source, doc) : [];
  const errors: FrontMatter['errors'] = doc.errors.map((e, i) => ({
    message: e.message.split('\n')[0],
    range: { start: contentStart + ranges[i].start, end: contentStart + ranges[i].end },
  }));
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    if (doc.contents === null) data = {};
    else if (isMap(doc.contents)) {
      try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
      } catch (e) {
        errors.push({ message: (e as Error).message, range: { start: contentStart, end: contentStart + 3 } });
      }
    } else {
      errors.push({
        message: 'front matter must be a mapping of keys to values',
        range: { start: contentStart, end: Math.max(contentStart, contentStart + source.length) },
      });
    }
  }
  return { range: { start, end }, contentStart, source, yaml: doc, data, errors };
}
