// Small helpers over the mdast tree that several extractors share.
import type { Nodes, Parents, Table } from 'mdast';
import type { OffsetRange } from './text';

export function rangeOf(node: Nodes): OffsetRange {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** Plain text of a node, as a reader sees it. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Depth-first walk; return false from `visit` to skip a node's children. */
export function walk(node: Nodes, visit: (node: Nodes, parent: Parents | undefined) => boolean | void, parent?: Parents): void {
  if (visit(node, parent) === false) return;
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, visit, node as Parents);
}

export interface TableCell {
  /** Cell source, trimmed, with inline Markdown kept (e.g. `**Owner**`). */
  source: string;
  /** Plain text of the cell. */
  text: string;
  range: OffsetRange;
}

export interface TableData {
  node: Table;
  header: TableCell[];
  rows: { range: OffsetRange; cells: TableCell[] }[];
}

export function readTable(table: Table, text: string): TableData {
  const toCell = (cell: Nodes): TableCell => {
    const range = rangeOf(cell);
    // A cell's position covers its pipes and padding in some parsers; trim to content.
    let { start, end } = range;
    while (start < end && /[|\s]/.test(text[start])) start++;
    while (end > start && /[\s|]/.test(text[end - 1]) && text[end - 2] !== '\\') end--;
    return { source: text.slice(start, end), text: plainText(cell).trim(), range: { start, end } };
  };
  const [head, ...body] = table.children;
  return {
    node: table,
    header: head ? head.children.map(toCell) : [],
    rows: body.map((row) => ({ range: rangeOf(row), cells: row.children.map(toCell) })),
  };
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}
