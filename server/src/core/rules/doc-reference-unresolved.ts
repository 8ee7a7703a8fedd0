import { fieldText, type ControlledDocument, type DocIdMention } from '../document';
import { metadataNumbers } from '../declared-ids';
import { idPrefix, type WorkspaceIndex } from '../index-workspace';
import { idSuggestionsOf } from '../near-matches';
import { readerMentions } from '../placeholders';
import { defineRule } from '../rule';
import type { DocumentContext } from '../rule';
import { AVAILABILITY, basis, requiresSentence } from './shared/requirement';

/** Document types assumed when the standard has no document-control profile. */
const DEFAULT_TYPES = ['SOP', 'WI', 'POL', 'MAN', 'FRM', 'REC', 'PLN', 'TPL'];

const rule = defineRule({
  meta: {
    id: 'doc-reference-unresolved',
    description: 'A referenced document id (in references, superseded_by or the body) must belong to a document in the workspace.',
    rationale: ['ISO 13485:2016 4.2.4 d)', 'ISO 13485:2016 4.2.4 h)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: { index: true },
  },
  check(ctx, report) {
    const { doc, index } = ctx;
    const own = ownIds(doc, ctx.config.idPattern);
    const prefixes = referencePrefixes(ctx);
    for (const mention of readerMentions(doc.parsed.text, doc.mentions)) {
      // A number another document gives itself (its file name, its metadata table, `doc_id:`) names it too.
      if (own.has(mention.id) || index.byId.has(mention.id) || index.declaredIds.has(mention.id)) continue;
      if (mention.source === 'body' && !prefixes.has(idPrefix(mention.id)?.toUpperCase() ?? '')) continue;
      const guess = didYouMean(mention.id, index);
      const clause = ctx.profile?.availabilityClause;
      report({
        message: `${mention.id}${where(mention)} is not the id of any linted document${basis(ctx, clause)}.`,
        detail: `${guess ? `Did you mean ${guess}? ` : ''}Correct the id, or add the document so readers can find it. ${requiresSentence(ctx, clause, AVAILABILITY)}`,
        range: mention.range,
        // A README or a note is no controlled document: what it mentions may be a document to come.
        ...(doc.controlled ? {} : { severity: 'warning' as const }),
      });
    }
  },
});

/**
 * The document's own numbers, which it may mention without referring to another document: its
 * front matter id and the number its metadata table or lines give it, or, without an id, every
 * number it gives itself (declared-ids.ts).
 */
function ownIds(doc: ControlledDocument, idPattern: string): Set<string> {
  const id = fieldText(doc, 'id');
  return new Set(id ? [id, ...metadataNumbers(doc.metadata, idPattern)] : doc.declaredIds);
}

function where(mention: DocIdMention): string {
  if (mention.source === 'references') return ' in references';
  if (mention.source === 'superseded_by') return ' in superseded_by';
  return '';
}

/**
 * Prefixes that make a body mention a document reference. Front matter entries
 * are references by definition; body text needs a known prefix, or COVID-19,
 * ISO-13485 and UTF-8 would be reported.
 */
function referencePrefixes(ctx: DocumentContext): Set<string> {
  const types = Object.keys(ctx.profile?.types ?? {});
  const out = new Set((types.length ? types : DEFAULT_TYPES).map((t) => t.toUpperCase()));
  for (const p of ctx.index.idPrefixes) out.add(p.toUpperCase());
  return out;
}

/** The one existing id a single slip away (a digit, a letter, a case change), if exactly one is. */
function didYouMean(id: string, index: WorkspaceIndex): string | undefined {
  // Looked up in an index of the ids, not compared with each: linear in the workspace, however many slips.
  const close = idSuggestionsOf(index).close(id);
  return close.size === 1 ? [...close][0] : undefined;
}

export default rule;
