// Clause citations in a controlled document: which clauses of which standards it cites, and
// exactly where, so rules can check them and fixes can rewrite them.
//
// Sources: running text (paragraphs, headings, table cells, link text), wikilinks, front matter
// `clauses:`, mapping tables and `<!-- [13485:...] -->` comments. Code, URLs and other HTML never
// yield citations.
import type { Html, Nodes, TableCell } from 'mdast';
import type { ParsedMarkdown } from '../parse';
import { CitationSet, type Emit } from './build';
import { scanProse } from './inline';
import { blockText, type BlockText } from './prose';
import { scanComments, scanFrontMatter, scanTable } from './sources';
import type { Citation } from './types';

export type { Citation, CitationForm } from './types';
export { parseStandardDesignation, type StandardParts } from './designation';

/** Every clause citation in the document, sorted by position. */
export function extractCitations(doc: ParsedMarkdown): Citation[] {
  const set = new CitationSet();
  const emit: Emit = set.add;
  const onHtml = (node: Html) => scanComments(doc.text, node, emit);
  scanFrontMatter(doc, emit);

  const stack: Nodes[] = [doc.tree];
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
        scanProse(blockText(doc.text, node, onHtml), node.type === 'heading', emit);
        break;
      case 'table': {
        const cells = new Map<TableCell, BlockText>();
        for (const row of node.children) {
          for (const cell of row.children) {
            const bt = blockText(doc.text, cell, onHtml);
            cells.set(cell, bt);
            scanProse(bt, false, emit);
          }
        }
        scanTable(node, cells, emit);
        break;
      }
      default:
        if ('children' in node) {
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
        }
    }
  }
  return set.sorted();
}
