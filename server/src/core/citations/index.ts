// Clause citations in a controlled document: which clauses of which standards it cites, and
// exactly where, so rules can check them and fixes can rewrite them. Also every standard the
// document names, with or without a clause (`extractStandardMentions`).
//
// Sources: running text (paragraphs, headings, table cells, link text), wikilinks, front matter
// `clauses:`, mapping tables and `<!-- [13485:...] -->` comments. Code, URLs and other HTML never
// yield citations.
import type { ParsedMarkdown } from '../parse';
import { CitationSet, type Emit } from './build';
import { scanProse } from './inline';
import { scanMentions } from './mentions';
import { visitBlocks } from './prose';
import { scanComments, scanFrontMatter, scanTable } from './sources';
import type { Citation, StandardMention } from './types';

export type { Citation, CitationForm, StandardMention } from './types';
export { parseStandardDesignation, type StandardParts } from './designation';

/** Every clause citation in the document, sorted by position. */
export function extractCitations(doc: ParsedMarkdown): Citation[] {
  const set = new CitationSet();
  const emit: Emit = set.add;
  scanFrontMatter(doc, emit);
  visitBlocks(doc.text, doc.tree, {
    html: (node) => scanComments(doc.text, node, emit),
    block: (bt, heading) => scanProse(bt, heading, emit),
    table: (node, cells) => scanTable(node, cells, emit),
  });
  return set.sorted();
}

/**
 * Every standard designation written in the document, sorted by position: in running text
 * (paragraphs, headings, table cells, link text), in the front matter `standard:` value, and
 * the designation of every citation (so also those in `clauses:`, comments and wikilinks).
 * One mention per place a designation is written, however many clauses it applies to. Code,
 * URLs and struck-out text name no standard.
 *
 * `citations` are the document's citations when the caller already has them.
 */
export function extractStandardMentions(doc: ParsedMarkdown, citations: readonly Citation[] = extractCitations(doc)): StandardMention[] {
  return scanMentions(doc, citations);
}
