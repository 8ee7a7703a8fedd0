// The readable text of one block (paragraph, heading, table cell) as a string the patterns can
// run over, with every character mapped back to its offset in the document.
//
// Text nodes contribute their *source* slices, so ranges stay exact even where the source has
// escapes; markup between text nodes (`**`, `[`, `](url)`) contributes nothing, so
// "**ISO 13485:2016**, 7.3.2" reads as one citation. Inline code, images, HTML, autolinks and
// struck-out text become a barrier character that no pattern matches.
import type { Html, Nodes, Table, TableCell, Text } from 'mdast';
import { findTemplates } from '../placeholders';

interface Segment {
  /** Offset in the block text. */
  at: number;
  /** Offset in the document. */
  src: number;
  length: number;
}

/** A character that is neither a digit, a letter, a space nor punctuation any pattern uses. */
export const BARRIER = '\u0000';

const NBSP_ENTITY = /&(?:nbsp|#160|#x0*a0);/gi;

export class BlockText {
  text = '';
  private readonly segments: Segment[] = [];

  /** Document offset of the character at `i` (a glue character maps to the next segment). */
  at(i: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].at <= i) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo];
    if (i < s.at + s.length || lo === segs.length - 1) return s.src + (i - s.at);
    return segs[lo + 1].src;
  }

  /** Document offset just after the character at `i - 1`. */
  atEnd(i: number): number {
    return i <= 0 ? this.at(0) : this.at(i - 1) + 1;
  }

  glue(c: string): void {
    this.text += c;
  }

  /** Copy source text that starts at document offset `src`; `&nbsp;` reads as a space. */
  copy(source: string, src: number): void {
    if (!source) return;
    if (source.indexOf('&') < 0) {
      this.segments.push({ at: this.text.length, src, length: source.length });
      this.text += source;
      return;
    }
    let last = 0;
    for (const m of source.matchAll(NBSP_ENTITY)) {
      this.copy(source.slice(last, m.index), src + last);
      this.glue('\u00a0');
      last = m.index + m[0].length;
    }
    const rest = source.slice(last);
    if (rest) {
      this.segments.push({ at: this.text.length, src: src + last, length: rest.length });
      this.text += rest;
    }
  }
}

/**
 * Build the block text of `block`'s inline content. HTML nodes met on the way are handed to
 * `onHtml` (comments carry citations of their own). Template expressions (`{{ ... }}`,
 * `{% ... %}`, `{# ... #}`) read as barriers: what a template engine fills in or leaves out is
 * not what the document cites.
 */
export function blockText(doc: string, block: Nodes, onHtml: (node: Html) => void): BlockText {
  const out = readBlock(doc, block, onHtml);
  if (/\{[{%#]/.test(out.text)) {
    let masked = out.text;
    for (const t of findTemplates(masked)) masked = masked.slice(0, t.start) + BARRIER.repeat(t.end - t.start) + masked.slice(t.end);
    out.text = masked;
  }
  return out;
}

function readBlock(doc: string, block: Nodes, onHtml: (node: Html) => void): BlockText {
  const out = new BlockText();
  const stack: Nodes[] = 'children' in block ? [...block.children].reverse() : [];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'text':
        addText(doc, node, out);
        break;
      case 'break':
        out.glue('\n');
        break;
      case 'html':
        onHtml(node);
        out.glue(BARRIER);
        break;
      case 'link':
        // Autolinks (`<https://...>` and bare URLs) show their destination: not prose.
        if (doc.charCodeAt(node.position?.start.offset ?? -1) !== 0x5b /* [ */) {
          out.glue(BARRIER);
          break;
        }
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
        break;
      case 'delete':
        // Struck-out text is withdrawn: "~~ISO 13485:2003 7.3~~" cites nothing.
        out.glue(BARRIER);
        break;
      default:
        if ('children' in node) {
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
        } else out.glue(BARRIER); // inlineCode, image, imageReference, footnoteReference...
    }
  }
  return out;
}

/** Where a table cell stands: the first cell of its row and the header of its column. */
export interface CellContext {
  /** The row's first cell, unless this is it. */
  rowHead?: BlockText;
  /** The column's header cell, unless this is in the header row. */
  columnHead?: BlockText;
}

export interface BlockVisitor {
  /** A block of running text: a paragraph, a heading or a table cell (with `cell`). */
  block(bt: BlockText, heading: boolean, cell?: CellContext): void;
  /** A table, after its cells were visited as blocks. */
  table?(node: Table, cells: Map<TableCell, BlockText>): void;
  /** An HTML node, standing alone or inside a block. */
  html?(node: Html): void;
}

/** Visit the blocks of running text in `tree`; code, front matter and definitions are not. */
export function visitBlocks(doc: string, tree: Nodes, visitor: BlockVisitor): void {
  const onHtml = (node: Html) => visitor.html?.(node);
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'code':
      case 'yaml':
      case 'definition':
        break;
      case 'html':
        onHtml(node);
        break;
      case 'paragraph':
      case 'heading':
        visitor.block(blockText(doc, node, onHtml), node.type === 'heading');
        break;
      case 'table': {
        const cells = new Map<TableCell, BlockText>();
        let header: BlockText[] = [];
        node.children.forEach((row, r) => {
          const texts = row.children.map((cell) => {
            const bt = blockText(doc, cell, onHtml);
            cells.set(cell, bt);
            return bt;
          });
          if (r === 0) header = texts;
          texts.forEach((bt, i) => visitor.block(bt, false, { rowHead: i > 0 ? texts[0] : undefined, columnHead: r > 0 ? header[i] : undefined }));
        });
        visitor.table?.(node, cells);
        break;
      }
      default:
        if ('children' in node) {
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
        }
    }
  }
}

function addText(doc: string, node: Text, out: BlockText): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const source = doc.slice(start, end);
  if (source === node.value) {
    out.copy(source, start);
    return;
  }
  // The value differs from the source where the node spans lines inside a block quote or a
  // list item (prefixes and indentation are not part of the value) or where the source has
  // escapes and entities. Map line by line; a line whose value is not found in its source is
  // copied from the source as it stands.
  const lineBreak = /\r\n|\r|\n/g;
  const valueLines = node.value.split(lineBreak);
  const sourceLines: { text: string; at: number }[] = [];
  let last = 0;
  for (const m of source.matchAll(lineBreak)) {
    sourceLines.push({ text: source.slice(last, m.index), at: start + last });
    last = m.index + m[0].length;
  }
  sourceLines.push({ text: source.slice(last), at: start + last });
  if (sourceLines.length !== valueLines.length) {
    out.copy(source, start);
    return;
  }
  sourceLines.forEach((line, i) => {
    if (i > 0) out.glue('\n');
    const v = valueLines[i];
    const at = v ? line.text.indexOf(v) : -1;
    if (at >= 0) out.copy(v, line.at + at);
    else {
      // Continuation lines start with the container's prefix (`> `, indentation); a paragraph
      // line cannot itself start with `>`, which would open a block quote.
      const prefix = i > 0 ? /^[ \t>]*/.exec(line.text)![0].length : 0;
      out.copy(line.text.slice(prefix), line.at + prefix);
    }
  });
}
