import { isMap } from 'yaml';
import { isWholePlaceholder } from '../placeholders';
import { defineRule } from '../rule';
import { basis } from './shared/requirement';

const rule = defineRule({
  meta: {
    id: 'approval-incomplete',
    description: 'Each approval must say who approved (name), in which role, and when (date).',
    rationale: ['ISO 13485:2016 4.2.4 a)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    const approvals = doc.fields.get('approvals');
    if (!doc.controlled || !approvals) return;
    const source = (range: { start: number; end: number }) => doc.parsed.text.slice(range.start, range.end);
    doc.approvals.forEach((approval, i) => {
      // Entries that are not mappings at all are field-invalid's finding.
      const node = (approvals.node as { items?: unknown[] } | null)?.items?.[i];
      if (!isMap(node)) return;
      // `- {{ approval }}` unquoted is a mapping to YAML, a template value to its author: field-placeholder's.
      if (isWholePlaceholder(source(approval.range))) return;
      const missing = (['role', 'name', 'date'] as const).filter((k) => {
        const f = approval[k];
        // `name: {{ author.name }}` unquoted reads as a mapping, but it is there, unfilled: field-placeholder's.
        return !f || f.value === null || (f.text === '' && !isWholePlaceholder(source(f.valueRange)));
      });
      if (!missing.length) return;
      const who = approval.role?.text ? ` (${approval.role.text})` : approval.name?.text ? ` (${approval.name.text})` : '';
      const named = [...missing];
      const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0];
      // The clause asks for the approval, not for these entries: they are how the approval is shown.
      const clause = ctx.profile?.approvalClause;
      const approved = clause ? `the approval ${ctx.cite(clause)} requires` : 'the approval';
      report({
        message: `Approval ${i + 1}${who} has no ${list}${basis(ctx, clause)}.`,
        detail: `Record who approved, in which role, and on what date, as evidence of ${approved}.`,
        range: approval.range,
      });
    });
  },
});

export default rule;
