// Clause citations in a controlled document: which clauses of which standards it cites, and
// exactly where, so rules can check them and fixes can rewrite them. Also every standard the
// document names, with or without a clause (`extractStandardMentions`).
//
// Sources: running text (paragraphs, headings, table cells, link text), wikilinks, front matter
// `clauses:`, mapping tables and `<!-- [13485:...] -->` comments. Code, URLs and other HTML never
// yield citations.
import type { Nodes } from 'mdast';
import type { ParsedMarkdown } from '../parse';
import { movedRange, perRun } from '../run-memo';
import { CitationSet, type Emit } from './build';
import { scanProse } from './inline';
import { scanMentions } from './mentions';
import { visitBlocks } from './prose';
import { scanComments, scanFrontMatter, scanTable } from './sources';
import type { Citation, StandardMention } from './types';

export type { Citation, CitationForm, StandardMention } from './types';
export { parseStandardDesignation, type StandardParts } from './designation';

const runCitations = new WeakMap<object, Citation[]>();

/** Every clause citation in the document, sorted by position. */
export function extractCitations(doc: ParsedMarkdown): Citation[] {
  const set = new CitationSet();
  scanFrontMatter(doc, set.add);
  // Citations never span two blocks, so the blocks' ones can be read run by run (and kept per run).
  for (const c of perRun(doc, runCitations, (part) => blockCitations(doc.text, part), movedCitation) ?? blockCitations(doc.text, doc.tree)) set.add(c);
  return set.sorted();
}

/** The citations in the blocks of running text, comments and tables of `tree`. */
function blockCitations(text: string, tree: Nodes): Citation[] {
  const set = new CitationSet();
  const emit: Emit = set.add;
  visitBlocks(text, tree, {
    html: (node) => scanComments(text, node, emit),
    block: (bt, heading, cell) => scanProse(bt, heading, emit, cell),
    table: (node, cells) => scanTable(node, cells, emit),
  });
  return set.sorted();
}

function movedCitation(c: Citation, by: number): Citation {
  const moved: Citation = { ...c, range: movedRange(c.range, by), clauseRange: movedRange(c.clauseRange, by) };
  if (c.standardRange) moved.standardRange = movedRange(c.standardRange, by);
  if (c.editionRange) moved.editionRange = movedRange(c.editionRange, by);
  if (c.publisherRange) moved.publisherRange = movedRange(c.publisherRange, by);
  return moved;
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
