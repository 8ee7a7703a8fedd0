// The front matter fields a document must have, and those of a document in force still holding a
// prompt: field-missing reports both, field-placeholder leaves the second to it.
import { inForce } from '../../config';
import { fieldText, type FieldValue } from '../../document';
import { findPlaceholders } from '../../placeholders';
import type { DocumentContext } from '../../rule';
import type { RequiredField } from '../../standards/types';

/** Used when the standard has no document-control profile. */
const DEFAULT_REQUIRED = ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner'];

/** The required fields that apply to this document's type. */
export function requiredFields(ctx: DocumentContext): RequiredField[] {
  if (!ctx.profile) return DEFAULT_REQUIRED.map((field) => ({ field }));
  const type = ctx.doc.fields.get('type')?.text;
  // With no type, only fields that every type needs can be expected.
  return ctx.profile.requiredFields.filter((r) => !r.types || (type !== undefined && r.types.includes(type)));
}

/**
 * The required fields of an approved or effective document whose value is (or holds) a template
 * placeholder: a prompt is no value, so field-missing reports them as unfilled, as errors, and
 * field-placeholder leaves them to it (one finding for one defect). None when field-missing is off
 * or the document's type allows placeholders (templates).
 */
export function unfilledRequired(ctx: DocumentContext): { field: string; clause?: string; present: FieldValue; placeholders: string[] }[] {
  const { doc, config, typeProfile } = ctx;
  if (!doc.controlled || !doc.parsed.frontMatter?.data || typeProfile?.placeholdersAllowed) return [];
  if (config.rules['field-missing']?.setting === 'off' || !inForce(fieldText(doc, 'status'))) return [];
  const text = doc.parsed.text;
  const out = [];
  for (const { field, clause } of requiredFields(ctx)) {
    const present = doc.fields.get(field);
    if (!present) continue;
    const found = findPlaceholders(text.slice(present.valueRange.start, present.valueRange.end));
    if (found.length) out.push({ field, ...(clause !== undefined ? { clause } : {}), present, placeholders: found.map((p) => p.text) });
  }
  return out;
}
