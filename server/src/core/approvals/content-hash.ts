// The approved content of a document, as a hash: what an approver's signature or review must
// have covered for the approval to count (verdict.ts). Defined once here, for the `approvals`
// report, the approval-unverified rule and docs/approvals.md, which states it in words:
//
// - the front matter as data (YAML layout and comments do not count), without the fields that
//   recording an approval itself changes: `approvals`, and the rest of change control's
//   paperwork (`revision`, `status`, `effective_date`, `next_review`, `superseded_by`; changes.ts
//   PAPERWORK_FIELDS), under whatever alias the configuration gives them. The commit an approver
//   signs comes before the one that writes their name, the status and the effective date;
// - the body (everything after the front matter) without the revision history section (its
//   heading to the next heading of the same or a higher level): the history is the record of
//   the change, written when the change is approved;
// - line endings normalised to \n, a byte order mark dropped. Any other difference, white
//   space included, is a different text: a signature covers exact text.
import { createHash } from 'node:crypto';
import { PAPERWORK_FIELDS } from '../changes';
import type { ControlledDocument } from '../document';

/** Bumped when the definition above changes, so a stored hash is never compared with another kind. */
const VERSION = 'qmslint-approved-content-1';

/** `sha256:<hex>` of the document's approved content (see above). */
export function approvedContentHash(doc: ControlledDocument): string {
  return 'sha256:' + createHash('sha256').update(approvedContent(doc)).digest('hex');
}

/** The text the hash is taken of; exported for tests and for a reader who wants to see it. */
export function approvedContent(doc: ControlledDocument): string {
  return [VERSION, frontMatterPart(doc), bodyPart(doc)].join('\n\0\n');
}

function frontMatterPart(doc: ControlledDocument): string {
  const fm = doc.parsed.frontMatter;
  if (!fm) return '';
  // Broken YAML has no data: its source, as written, is what it says.
  if (!fm.data) return 'source:' + normaliseBreaks(fm.source);
  const leftOut = new Set<string>(PAPERWORK_FIELDS);
  for (const name of PAPERWORK_FIELDS) {
    const key = doc.fields.get(name)?.key;
    if (key) leftOut.add(key);
  }
  const kept = Object.entries(fm.data).filter(([k]) => !leftOut.has(k));
  return 'data:' + canonicalJson(Object.fromEntries(kept));
}

function bodyPart(doc: ControlledDocument): string {
  const { text, frontMatter } = doc.parsed;
  const from = frontMatter ? frontMatter.range.end : 0;
  const history = doc.history;
  const body =
    history && history.heading.range.start >= from
      ? text.slice(from, history.heading.range.start) + text.slice(history.sectionEnd)
      : text.slice(from);
  return normaliseBreaks(body);
}

function normaliseBreaks(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** JSON with every object's keys sorted, so key order in the front matter does not count. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
