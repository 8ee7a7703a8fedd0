import { defineRule } from '../rule';
import { basis, capitalise, fitting } from './shared/requirement';
import { idClause, whyIdentifiable } from './shared/why-required';

const rule = defineRule({
  meta: {
    id: 'front-matter-syntax',
    description: 'Front matter must be valid YAML: a mapping of keys to values.',
    rationale: ['ISO 13485:2016 4.2.4 e)'],
    severity: 'error',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    const on = basis(ctx, idClause(ctx));
    for (const error of doc.parsed.frontMatter?.errors ?? []) {
      // The parser's words when they fit the Problems panel's row; always in the detail.
      const reason = error.message.replace(/\s+/g, ' ').replace(/[.:]$/, '');
      report({
        message: fitting(`Front matter is not valid YAML: ${reason}${on}.`, `Front matter is not valid YAML${on}.`),
        detail: `${capitalise(reason)}. Fix the YAML so the document's identity can be read. ${capitalise(whyIdentifiable(ctx))}.`,
        range: error.range,
      });
    }
  },
});

export default rule;
