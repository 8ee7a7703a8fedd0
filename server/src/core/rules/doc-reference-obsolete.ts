import { fieldText, type ControlledDocument, type DocIdMention } from '../document';
import type { WorkspaceIndex } from '../index-workspace';
import { readerMentions } from '../placeholders';
import { defineRule } from '../rule';
import { basis } from './shared/requirement';

const rule = defineRule({
  meta: {
    id: 'doc-reference-obsolete',
    description: 'A document must not refer to an obsolete document, and a successor named in superseded_by must not be obsolete.',
    rationale: ['ISO 13485:2016 4.2.4 h)', 'ISO 13485:2016 4.2.4 d)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: { index: true },
  },
  check(ctx, report) {
    const { doc, index } = ctx;
    const ownId = fieldText(doc, 'id');
    const citingIsObsolete = isObsolete(doc);
    const obsolete = ctx.profile?.obsoleteClause;
    // A pack whose obsolete-document clause is not about obsolete documents as such (ISO 9001:2015
    // has none; it cites 7.5.3.2 c) version control) says what that clause does require.
    const wording = obsolete ? ctx.profile?.requirements?.[obsolete] : undefined;
    const on = basis(ctx, obsolete);
    const why = obsolete && wording ? ` ${ctx.cite(obsolete)} requires ${wording}.` : '';
    for (const mention of readerMentions(doc.parsed.text, doc.mentions)) {
      if (mention.id === ownId) continue;
      const target = index.document(mention.id);
      if (!target || !isObsolete(target)) continue;
      if (mention.source === 'superseded_by') {
        // Even an obsolete document must point at a live successor: that pointer is how readers find the current version.
        report({
          message: `The successor ${mention.id} is itself obsolete${on}.`,
          detail: `${replacement(mention.id, index)}Point superseded_by at ${live(mention.id, index) ?? 'the document now in effect'}.${why}`,
          range: mention.range,
        });
        continue;
      }
      // An obsolete document may keep citing its obsolete peers, and the revision history records the past.
      if (citingIsObsolete || inHistory(doc, mention)) continue;
      report({
        message: `${mention.id} is obsolete${on}.`,
        detail: `${replacement(mention.id, index)}${advice(mention.id, index)} so obsolete documents are not used by mistake.${why}`,
        range: mention.range,
      });
    }
  },
});

function isObsolete(doc: ControlledDocument): boolean {
  return fieldText(doc, 'status')?.toLowerCase() === 'obsolete';
}

function successors(doc: ControlledDocument): string[] {
  return doc.mentions.filter((m) => m.source === 'superseded_by').map((m) => m.id);
}

/** The chain of single successors from an obsolete id, stopping at the first document that is not obsolete. */
function chain(id: string, index: WorkspaceIndex): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  let current = index.document(id);
  while (current && isObsolete(current)) {
    const next = successors(current);
    if (next.length !== 1 || seen.has(next[0])) break;
    out.push(next[0]);
    seen.add(next[0]);
    current = index.document(next[0]);
  }
  return out;
}

/** "It is superseded by SOP-003, then by SOP-004. ", or nothing when no successor is named. */
function replacement(id: string, index: WorkspaceIndex): string {
  const target = index.document(id)!;
  const direct = successors(target);
  if (direct.length > 1) return `It is superseded by ${direct.join(', ')}. `;
  const steps = chain(id, index);
  if (!steps.length) return '';
  return `It is superseded by ${steps.join(', then by ')}. `;
}

/** The document in effect at the end of the succession, when there is one. */
function live(id: string, index: WorkspaceIndex): string | undefined {
  const steps = chain(id, index);
  const last = steps[steps.length - 1];
  const lastDoc = last ? index.document(last) : undefined;
  return last && lastDoc && !isObsolete(lastDoc) ? last : undefined;
}

function advice(id: string, index: WorkspaceIndex): string {
  const current = live(id, index);
  return current ? `Cite ${current} instead` : 'Cite the document now in effect, or remove the reference,';
}

function inHistory(doc: ControlledDocument, mention: DocIdMention): boolean {
  const h = doc.history;
  return !!h && mention.source === 'body' && mention.range.start >= h.heading.range.start && mention.range.start < h.sectionEnd;
}

export default rule;
