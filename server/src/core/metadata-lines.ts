// Control data written as bold-key lines near the top of a document, outside front matter and
// tables: `> **Owner**: PactoSigna Quality`, `**Document Number:** SOP-006`. Collections that
// keep no front matter (or only some of it) state identity and ownership this way.
import { pushAll } from './arrays';
import type { Nodes, Paragraph } from 'mdast';
import type { OffsetRange } from './text';

/**
 * A row of a bold-key metadata table (`| **Process Owner** | Jane Doe |`) or a bold-key line
 * (`**Owner**: Jane Doe`). Defined here, not in document.ts, so this reader imports nothing of
 * the model that imports it.
 */
export interface MetadataEntry {
  key: string;
  value: string;
  valueRange: OffsetRange;
}

/** `**Key**: value` or `**Key:** value`, the key short, the value on the same line. */
const LINE = /^\*\*([^*\n]{1,40}?):?\*\*:?[ \t]+(\S[^\n]{0,200})$/;
/** Blocks read before giving up: metadata sits under the title, not in the body. */
const LEADING_BLOCKS = 8;

/** The bold-key lines of the document's first blocks (paragraphs, also inside block quotes). */
export function readMetadataLines(tree: Nodes, text: string): MetadataEntry[] {
  const out: MetadataEntry[] = [];
  const top = 'children' in tree ? tree.children : [];
  for (const block of top.slice(0, LEADING_BLOCKS)) {
    const paragraphs: Paragraph[] = block.type === 'paragraph' ? [block] : block.type === 'blockquote' ? block.children.filter((c): c is Paragraph => c.type === 'paragraph') : [];
    for (const p of paragraphs) pushAll(out, linesOf(p, text));
  }
  return out;
}

function linesOf(p: Paragraph, text: string): MetadataEntry[] {
  const start = p.position?.start.offset;
  const end = p.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const out: MetadataEntry[] = [];
  let at = start;
  for (const raw of text.slice(start, end).split('\n')) {
    const line = raw.replace(/\r$/, '');
    // Lines after the first keep the block quote's `>` and the indentation in the source.
    const lead = /^[ \t>]*/.exec(line)![0].length;
    const m = LINE.exec(line.slice(lead).trimEnd().replace(/\\$/, ''));
    if (m) {
      const value = m[2].trim();
      const valueStart = at + lead + line.slice(lead).indexOf(m[2]);
      out.push({ key: m[1].trim(), value, valueRange: { start: valueStart, end: valueStart + value.length } });
    }
    at += raw.length + 1;
  }
  return out;
}
