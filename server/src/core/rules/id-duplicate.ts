import * as path from 'node:path';
import { field, fieldText } from '../document';
import { idRegex } from '../id-pattern';
import { isPlaceholder } from '../placeholders';
import { defineRule } from '../rule';
import { nextIdAfter } from './shared/next-id';
import { replaceScalar } from '../replace-scalar';
import { plural } from '../words';
import { basis, capitalise, fitting } from './shared/requirement';
import { idClause, whyIdentifiable } from './shared/why-required';

const rule = defineRule({
  meta: {
    id: 'id-duplicate',
    description: 'No two documents in the workspace may have the same id.',
    rationale: ['ISO 13485:2016 4.2.4 e)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: { index: true },
  },
  check(ctx, report) {
    const { doc, index } = ctx;
    const id = fieldText(doc, 'id');
    const idField = field(doc, 'id');
    // Two templates both saying `id: "{{ doc.id }}"` (or `SOP-XXX`) share a placeholder, not an id: field-placeholder's.
    if (!id || !idField || isPlaceholder(id)) return;
    const others = (index.byId.get(id) ?? []).filter((d) => d.path !== doc.path);
    if (!others.length) return;
    // Each document of the group reports the others, so whichever file is open shows the clash.
    const dir = path.posix.dirname(doc.path);
    const names = others.map((d) => path.posix.relative(dir, d.path)).sort();
    // A suggestion, never a fix: which of the documents keeps the id (the one others cite) is a person's choice.
    const next = nextIdAfter(id, [...index.byId.keys(), ...index.declaredIds]);
    const renumber = next && idRegex(ctx.config.idPattern).test(next) ? [{ title: `Renumber this document to ${next}`, edits: [replaceScalar(doc.parsed.text, idField.valueRange, next)] }] : [];
    report({
      message: fitting(`${id} is also the id of ${list(names)}${basis(ctx, idClause(ctx))}.`, `${id} is also the id of ${plural(names.length, 'other document')}${basis(ctx, idClause(ctx))}.`),
      detail: `${id} is also the id of ${list(names)}: two documents with one id cannot be told apart. ${capitalise(whyIdentifiable(ctx))}. Renumber one of them.`,
      range: idField.valueRange,
      ...(renumber.length ? { suggestions: renumber } : {}),
    });
  },
});

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export default rule;
