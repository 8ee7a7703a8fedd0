import { defineRule } from '../rule';
import { whyIdentifiable } from './shared/why-required';

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
    for (const error of doc.parsed.frontMatter?.errors ?? []) {
      report({
        message: `Front matter is not valid YAML: ${error.message}. Fix the YAML so the document's identity can be read (${whyIdentifiable(ctx)}).`,
        range: error.range,
      });
    }
  },
});

export default rule;
