// What other documents can see of a document: what the rules of other
// documents (references, links, duplicate ids) and the workspace rules
// (coverage) read of it through the workspace index. Two versions of a
// document with the same facts look the same to everyone else, so an editor
// need not check the others again, and the workspace rules' findings stand.
//
// A rule that reads something else of another document must add it here.
import { fieldText, type ControlledDocument } from './document';
import { resolveLinkTarget } from './links';

const FIELDS = ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'standard', 'review_period_months', 'next_review'];

const memo = new WeakMap<ControlledDocument, string>();

export function workspaceFacts(doc: ControlledDocument): string {
  let facts = memo.get(doc);
  if (facts === undefined) {
    facts = JSON.stringify([
      doc.path,
      doc.controlled,
      FIELDS.map((f) => fieldText(doc, f) ?? null),
      doc.fields.get('superseded_by')?.value ?? null,
      doc.h1?.text ?? null,
      doc.declaredIds,
      doc.mentions.filter((m) => m.source === 'superseded_by').map((m) => m.id),
      doc.headings.map((h) => h.slug),
      doc.htmlAnchors,
      // Everything a citation says but where it stands.
      doc.citations.map((c) => [c.publisher, c.adopted, c.number, c.edition, c.standardText, c.clause, c.item, c.part, c.form, c.rangeRole, c.certainty, c.cue]),
      // Which standards it names decides which standard its unbound clause numbers are.
      doc.standardMentions.map((m) => [m.publisher, m.number, m.edition]),
    ]);
    memo.set(doc, facts);
  }
  return facts;
}

const targetsMemo = new WeakMap<ControlledDocument, string[]>();

/** The files a document's relative links point at (absolute paths), resolved once per document. */
export function linkTargets(doc: ControlledDocument): string[] {
  let targets = targetsMemo.get(doc);
  if (!targets) {
    targets = [];
    for (const link of doc.links) {
      const file = resolveLinkTarget(doc.path, link.url)?.file;
      if (file) targets.push(file);
    }
    targetsMemo.set(doc, targets);
  }
  return targets;
}
