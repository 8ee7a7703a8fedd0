import type { FieldValue } from '../document';
import type { DocumentContext, DocumentRule } from '../rule';
import type { RequiredField } from '../standards/types';
import { detectEol } from '../text';
import type { TextEdit } from '../types';
import { deriveFields, placeholderFor, yamlScalar, type DerivedFields } from './front-matter-missing';

/** Used when the standard has no document-control profile. */
const DEFAULT_REQUIRED = ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner'];

/** What each field is for, so the message says why it is required. */
const PURPOSE: Record<string, string> = {
  id: 'each document to carry a unique identifier',
  title: 'each document to be identifiable by its title',
  type: 'the kind of document (SOP, WI, FRM...) to be stated',
  revision: 'the current revision status to be identified',
  status: 'the status (draft, effective, obsolete...) to be identified',
  effective_date: 'the date the revision takes effect to be recorded',
  owner: 'someone responsible for reviewing and updating the document',
};

/** The required fields that apply to this document's type. */
export function requiredFields(ctx: DocumentContext): RequiredField[] {
  if (!ctx.profile) return DEFAULT_REQUIRED.map((field) => ({ field, clause: '' }));
  const type = ctx.doc.fields.get('type')?.text;
  // With no type, only fields that every type needs can be expected.
  return ctx.profile.requiredFields.filter((r) => !r.types || (type !== undefined && r.types.includes(type)));
}

function isEmpty(f: FieldValue): boolean {
  return f.value === null || (typeof f.value === 'string' && f.value.trim() === '');
}

const rule: DocumentRule = {
  id: 'field-missing',
  description: "A field required by the standard's document-control profile must be present and not empty.",
  rationale: ['ISO 13485:2016 4.2.4 c)', 'ISO 13485:2016 4.2.4 e)'],
  severity: 'error',
  scope: 'document',
  fixable: true,
  check(ctx, report) {
    const { doc, config } = ctx;
    const fm = doc.parsed.frontMatter;
    if (!doc.controlled || !fm || !fm.data) return;
    const text = doc.parsed.text;
    const eol = detectEol(text);
    // The closing `---` line: new keys go just above it.
    const closing = lineStartBefore(text, fm.range.end);
    let derived: DerivedFields | undefined;
    const stated = (field: string): string | undefined => {
      derived ??= deriveFields(ctx);
      const known = (derived as Record<string, unknown>)[field];
      return typeof known === 'string' ? known : undefined;
    };
    const valueFor = (field: string, key: string) => {
      const known = stated(field);
      return known !== undefined ? yamlScalar(known) : placeholderFor(key);
    };

    for (const { field, clause } of requiredFields(ctx)) {
      const present = doc.fields.get(field);
      const key = present?.key ?? config.fields[field]?.[0] ?? field;
      const why = `${clause ? `${ctx.cite(clause)} requires` : 'Document control requires'} ${PURPOSE[field] ?? 'it'}`;
      if (!present) {
        const value = valueFor(field, key);
        const elsewhere = stated(field);
        report(
          elsewhere !== undefined
            ? {
                // The document states it (a metadata line or table, its number, its title, its history):
                // the requirement is met, only not where reviews and tools read it.
                message: `\`${key}\` is stated in the document (${elsewhere}) but not in the front matter, where reviews and tools read it. Add \`${key}: ${value}\`.`,
                range: { start: fm.range.start, end: fm.range.start + 3 },
                fix: { title: `Add ${key}: ${value}`, edits: [{ start: closing, end: closing, text: `${key}: ${value}${eol}` }] },
                severity: 'warning',
              }
            : {
                message: `Missing \`${key}\`: ${why}. Add \`${key}:\` to the front matter.`,
                range: { start: fm.range.start, end: fm.range.start + 3 },
                fix: { title: `Add ${key}`, edits: [{ start: closing, end: closing, text: `${key}: ${value}${eol}` }] },
              },
        );
      } else if (isEmpty(present)) {
        const value = valueFor(field, key);
        report({
          message: `\`${key}\` is empty: ${why}. Fill in a value.`,
          range: present.keyRange,
          fix: { title: `Fill in ${key}`, edits: [fillEmpty(text, present, value)] },
        });
      }
    }
  },
};

function lineStartBefore(text: string, end: number): number {
  return text.lastIndexOf('\n', end - 1) + 1;
}

/** `owner:`, `owner: ~` or `owner: ""` -> `owner: <value>`, keeping any comment after it. */
function fillEmpty(text: string, f: FieldValue, value: string): TextEdit {
  const { start, end } = f.valueRange;
  if (end > start) return { start, end, text: value };
  // `owner:   # note`: one space after the colon, then the value, then the comment.
  const colon = text.lastIndexOf(':', start);
  const from = colon >= f.keyRange.end && /^[ \t]*$/.test(text.slice(colon + 1, start)) ? colon + 1 : start;
  const after = start < text.length && text[start] !== '\n' && text[start] !== '\r' ? ' ' : '';
  return { start: from, end, text: ' ' + value + after };
}

export default rule;
