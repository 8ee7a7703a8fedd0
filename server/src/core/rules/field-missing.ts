import { fieldText, type FieldValue } from '../document';
import { isPlaceholder, isWholePlaceholder } from '../placeholders';
import { defineRule } from '../rule';
import { detectEol } from '../text';
import type { TextEdit } from '../types';
import { inForce } from '../config';
import { deriveFields, type DerivedFields } from './shared/derive-fields';
import { placeholderFor } from './shared/placeholder-for';
import { requiredFields, unfilledRequired } from './shared/required-fields';
import { capitalise } from './shared/requirement';
import { requiredBy, whyRequired } from './shared/why-required';
import { yamlScalar } from './shared/yaml-scalar';

/** What to fill each field in with, for a document no placeholder may be put into. */
const FILL_WITH: Record<string, string> = {
  id: 'the document number',
  title: "the document's title",
  type: 'the document type (SOP, WI, FRM...)',
  revision: 'the current revision',
  status: 'the document status',
  effective_date: 'the date this revision took effect (YYYY-MM-DD)',
  owner: 'the person responsible for the document',
};

function isEmpty(f: FieldValue): boolean {
  return f.value === null || (typeof f.value === 'string' && f.value.trim() === '');
}

const rule = defineRule({
  meta: {
    id: 'field-missing',
    description: "A field the document-control profile requires (by a clause, or as a house rule) must be present and not empty.",
    rationale: ['ISO 13485:2016 4.2.4 c)', 'ISO 13485:2016 4.2.4 e)', 'ISO 13485:2016 4.2.4 h)'],
    severity: 'error',
    scope: 'document',
    fixable: true,
    needs: {},
  },
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
      // A title taken from `# [Document Title]` is a prompt too: never written as a value.
      return typeof known === 'string' && !isPlaceholder(known) ? known : undefined;
    };
    // An approved or effective document gets no placeholder: --fix must not make a failing
    // document pass by writing a prompt where a value belongs. A status the front matter does not
    // give may be stated elsewhere (a metadata table): that counts too.
    let noPlaceholders: boolean | undefined;
    const valueFor = (field: string, key: string): string | undefined => {
      const known = stated(field);
      if (known !== undefined) return yamlScalar(known);
      noPlaceholders ??= inForce(fieldText(doc, 'status') ?? stated('status'));
      return noPlaceholders ? undefined : placeholderFor(key);
    };
    const fillWith = (field: string) => FILL_WITH[field] ?? 'its value';
    const statusText = () => fieldText(doc, 'status') ?? stated('status') ?? '';

    for (const { field, clause } of requiredFields(ctx)) {
      const present = doc.fields.get(field);
      const key = present?.key ?? config.fields[field]?.[0] ?? field;
      const why = capitalise(whyRequired(ctx, field, key, clause));
      const by = requiredBy(ctx, clause);
      if (!present) {
        const value = valueFor(field, key);
        const elsewhere = stated(field);
        report(
          elsewhere !== undefined
            ? {
                // The document states it (a metadata line or table, its number, its title, its history):
                // the requirement is met, only not where reviews and tools read it.
                message: `Front matter lacks ${key}, which the text states${by}.`,
                detail: `The document states ${elsewhere}, but reviews and tools read the front matter. ${why}. Add ${key}: ${value} to the front matter.`,
                range: { start: fm.range.start, end: fm.range.start + 3 },
                fix: { title: `Add ${key}: ${value}`, edits: [{ start: closing, end: closing, text: `${key}: ${value}${eol}` }] },
                severity: 'warning',
              }
            : {
                message: `Missing ${key}${by}.`,
                detail:
                  value !== undefined
                    ? `${why}. Add ${key}: to the front matter with ${fillWith(field)}.`
                    : `${why}. Add ${key}: to the front matter with ${fillWith(field)} (no placeholder is inserted into a document that is ${statusText()}).`,
                range: { start: fm.range.start, end: fm.range.start + 3 },
                fix: value !== undefined ? { title: `Add ${key}`, edits: [{ start: closing, end: closing, text: `${key}: ${value}${eol}` }] } : undefined,
              },
        );
      } else if (isEmpty(present)) {
        const value = valueFor(field, key);
        report({
          message: `Field ${key} is empty${by}.`,
          detail:
            value !== undefined
              ? `${why}. Fill in ${fillWith(field)}.`
              : `${why}. Fill in ${fillWith(field)} (no placeholder is inserted into a document that is ${statusText()}).`,
          range: present.keyRange,
          fix: value !== undefined ? { title: `Fill in ${key}`, edits: [fillEmpty(text, present, value)] } : undefined,
        });
      }
    }

    // A prompt in a required field of a document in force: not filled in, so not there.
    for (const { field, clause, present, placeholders } of unfilledRequired(ctx)) {
      const key = present.key;
      const why = capitalise(whyRequired(ctx, field, key, clause));
      // Only a value the document states elsewhere replaces the prompt, and only a value that is all prompt.
      const known = isWholePlaceholder(text.slice(present.valueRange.start, present.valueRange.end)) ? stated(field) : undefined;
      const status = fieldText(doc, 'status');
      report({
        message: `Field ${key} still holds a placeholder${requiredBy(ctx, clause)}.`,
        detail: `It holds ${placeholders.join(', ')} in a document that is ${status}. ${why}. Replace it with ${fillWith(field)}${known !== undefined ? ` (the document states ${known})` : ''}.`,
        range: present.valueRange,
        fix: known !== undefined ? { title: `Set ${key} to ${known}`, edits: [{ ...present.valueRange, text: yamlScalar(known) }] } : undefined,
      });
    }
  },
});

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
