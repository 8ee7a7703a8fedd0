import { isMap } from 'yaml';
import type { DocumentRule } from '../rule';

const rule: DocumentRule = {
  id: 'approval-incomplete',
  description: 'Each approval must say who approved (name), in which role, and when (date).',
  rationale: ['ISO 13485:2016 4.2.4 a)'],
  severity: 'warning',
  scope: 'document',
  fixable: false,
  check({ doc }, report) {
    const approvals = doc.fields.get('approvals');
    if (!doc.controlled || !approvals) return;
    doc.approvals.forEach((approval, i) => {
      // Entries that are not mappings at all are field-invalid's finding.
      const node = (approvals.node as { items?: unknown[] } | null)?.items?.[i];
      if (!isMap(node)) return;
      const missing = (['role', 'name', 'date'] as const).filter((k) => {
        const f = approval[k];
        return !f || f.value === null || f.text === '';
      });
      if (!missing.length) return;
      const who = approval.role?.text ? ` (${approval.role.text})` : approval.name?.text ? ` (${approval.name.text})` : '';
      const named = missing.map((k) => `\`${k}\``);
      const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0];
      report({
        message: `Approval ${i + 1}${who} has no ${list}: record who approved, in which role, and on what date.`,
        range: approval.range,
      });
    });
  },
};

export default rule;
