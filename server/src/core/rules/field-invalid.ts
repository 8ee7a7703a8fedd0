import { isMap, isScalar, isSeq } from 'yaml';
import { DEFAULT_ID_PATTERN, STATUSES } from '../config';
import { isIsoDate } from '../dates';
import type { FieldValue } from '../document';
import { idRegex } from '../id-pattern';
import { isPlaceholder, isWholePlaceholder } from '../placeholders';
import { parseRevision } from '../revision';
import { defineRule } from '../rule';
import type { DocumentContext } from '../rule';
import type { Report } from '../types';
import { dateReadings, howToWriteDate } from './shared/date-readings';
import { knownTypes } from './shared/document-types';
import { replaceScalar } from '../replace-scalar';
import { DEFAULT_ROLES } from './shared/required-roles';
import { basis } from './shared/requirement';

/** Words real documents use for a status, and the status they mean. */
const STATUS_SYNONYMS: Record<string, string> = {
  released: 'effective',
  active: 'effective',
  current: 'effective',
  issued: 'effective',
  'in review': 'in-review',
  in_review: 'in-review',
  review: 'in-review',
  'under review': 'in-review',
  superseded: 'obsolete',
  retired: 'obsolete',
  withdrawn: 'obsolete',
  archived: 'obsolete',
  wip: 'draft',
};

/** Roles an approval may name: every type's roles plus the configuration's own. */
export function allowedRoles(ctx: DocumentContext): string[] {
  const fromTypes = ctx.profile
    ? Object.values(ctx.profile.types).flatMap((t) => t.approvals)
    : [...DEFAULT_ROLES, ...Object.values(ctx.config.types).flatMap((t) => t?.approvals ?? [])];
  return [...new Set([...fromTypes, ...ctx.config.approvalRoles])];
}

/** A scalar's text worth judging: not empty (field-missing) and not a placeholder (field-placeholder). */
function judged(f: FieldValue | undefined): f is FieldValue {
  return !!f && isScalar(f.node) && f.text !== '' && !isPlaceholder(f.text);
}

const rule = defineRule({
  meta: {
    id: 'field-invalid',
    description: 'Front matter values must have the right form: id, type, status, revision, ISO 8601 dates, review period, approvals and lists.',
    rationale: ['ISO 13485:2016 4.2.4 c)', 'ISO 13485:2016 4.2.4 e)'],
    severity: 'error',
    scope: 'document',
    fixable: true,
    needs: {},
  },
  check(ctx, report) {
    const { doc, config } = ctx;
    if (!doc.controlled || !doc.parsed.frontMatter?.data) return;
    const f = (name: string) => doc.fields.get(name);
    // The clause the profile makes a field required by, for the end of the message; none for a house rule.
    const on = (name: string) => basis(ctx, ctx.profile?.requiredFields.find((r) => r.field === name)?.clause);

    const id = f('id');
    if (judged(id) && !idRegex(config.idPattern).test(id.text)) {
      const tidy = id.text.trim().toUpperCase().replace(/[\s_]+/g, '-');
      const hint = tidy !== id.text && idRegex(config.idPattern).test(tidy) ? ` Did you mean ${tidy}?` : '';
      const example = config.idPattern === DEFAULT_ID_PATTERN ? ' (letters, a dash, digits: SOP-004)' : '';
      report({
        message: `The ${id.key} ${id.text} does not match the document id pattern${on('id')}.`,
        detail: `The pattern is ${config.idPattern}${example}.${hint}`,
        range: id.valueRange,
      });
    }

    const type = f('type');
    if (judged(type)) {
      const types = knownTypes(ctx);
      if (!types.includes(type.text)) {
        const same = types.find((t) => t.toLowerCase() === type.text.toLowerCase());
        const hint = same ? `Did you mean ${same}? ` : '';
        report({
          message: `Unknown document type ${type.text}${on('type')}.`,
          detail: `${hint}Use one of ${types.join(', ')}, or declare it under types in .qmslint.yaml.`,
          range: type.valueRange,
        });
      }
    }

    const status = f('status');
    if (judged(status) && !(STATUSES as readonly string[]).includes(status.text)) {
      const meant = STATUS_SYNONYMS[status.text.toLowerCase()] ?? STATUSES.find((s) => s === status.text.toLowerCase());
      const hint = meant ? ` (${status.text} probably means ${meant})` : '';
      const change = meant ? { title: `Change status to ${meant}`, edits: [replaceScalar(doc.parsed.text, status.valueRange, meant)] } : undefined;
      // Another spelling of a status (Effective) is a fix; another word for it (released) a suggestion:
      // which status a document is in is a person's statement.
      const exact = meant !== undefined && meant === status.text.toLowerCase();
      report({
        message: `Unknown status ${status.text}${on('status')}.`,
        detail: `Use one of ${STATUSES.join(', ')}${hint}.`,
        range: status.valueRange,
        ...(change ? (exact ? { fix: change } : { suggestions: [change] }) : {}),
      });
    }

    const revision = f('revision');
    if (judged(revision) && !parseRevision(revision.text)) {
      report({
        message: `Revision ${revision.text} fits no revision scheme${on('revision')}.`,
        detail: 'Use letters (A, B, AA), an integer (1, 2) or dotted numbers (1.0, 1.1).',
        range: revision.valueRange,
      });
    }

    for (const name of ['effective_date', 'next_review']) checkDate(doc.parsed.text, f(name), f(name)?.key ?? name, on(name), report);

    const months = f('review_period_months');
    if (judged(months) && !(/^\d+$/.test(months.text) && Number(months.text) > 0)) {
      report({
        message: `The ${months.key} must be a whole number of months above zero.`,
        detail: `Found ${months.text}; write a number of months such as 24.`,
        range: months.valueRange,
      });
    }

    checkApprovals(ctx, report);

    const source = (range: { start: number; end: number }) => doc.parsed.text.slice(range.start, range.end);
    for (const name of ['clauses', 'references']) {
      const list = f(name);
      if (!list || list.value === null || (isScalar(list.node) && isPlaceholder(list.text)) || isWholePlaceholder(source(list.valueRange))) continue;
      const example = name === 'clauses' ? '["4.2.4", "4.2.5"]' : '[SOP-002, FRM-001]';
      if (!isSeq(list.node)) {
        report({ message: `The ${list.key} field must be a list.`, detail: `For example ${list.key}: ${example}`, range: list.valueRange });
        continue;
      }
      for (const item of list.node.items) {
        if (isScalar(item) || !(item as { range?: number[] }).range) continue;
        const [start, end] = (item as { range: number[] }).range;
        const base = doc.parsed.frontMatter!.contentStart;
        // `- {{ ref }}` unquoted is a mapping to YAML and a template value to its author: field-placeholder's.
        if (isWholePlaceholder(source({ start: base + start, end: base + end }))) continue;
        report({ message: `Each entry of ${list.key} must be a single value.`, detail: `For example ${list.key}: ${example}`, range: { start: base + start, end: base + end } });
      }
    }
  },
});

function checkDate(source: string, f: FieldValue | undefined, label: string, on: string, report: (r: Report) => void): void {
  if (!judged(f) || isIsoDate(f.text)) return;
  const what = /^\d{4}-\d{2}-\d{2}$/.test(f.text) ? 'is not a real calendar date' : 'is not an ISO 8601 date';
  // The same date in ISO form is a fix; when the text may be either of two dates (03/04/2026),
  // each is a suggestion, as only the author knows which was meant.
  const readings = dateReadings(f.text);
  const write = (iso: string, note = '') => ({ title: `Change ${label} to ${iso}${note}`, edits: [replaceScalar(source, f.valueRange, iso)] });
  report({
    message: `The ${label} ${f.text} ${what}${on}.`,
    detail: howToWriteDate(f.text),
    range: f.valueRange,
    ...(readings.exact ? { fix: write(readings.exact) } : {}),
    ...(readings.possible.length ? { suggestions: readings.possible.map((r) => write(r.iso, ` (read ${r.order})`)) } : {}),
  });
}

function checkApprovals(ctx: DocumentContext, report: (r: Report) => void): void {
  const { doc } = ctx;
  const approvals = doc.fields.get('approvals');
  if (!approvals || approvals.value === null) return;
  const shape = '- {role: approver, name: Lena Brandt, date: 2026-02-14}';
  const on = basis(ctx, ctx.profile?.approvalClause);
  const source = (range: { start: number; end: number }) => doc.parsed.text.slice(range.start, range.end);
  if (!isSeq(approvals.node)) {
    if ((isScalar(approvals.node) && isPlaceholder(approvals.text)) || isWholePlaceholder(source(approvals.valueRange))) return;
    report({ message: `The ${approvals.key} field must be a list of approvals, one per line${on}.`, detail: `Write each as ${shape}`, range: approvals.valueRange });
    return;
  }
  const roles = allowedRoles(ctx);
  approvals.node.items.forEach((item, i) => {
    const approval = doc.approvals[i];
    if (isWholePlaceholder(source(approval.range))) return;
    if (!isMap(item)) {
      if (isScalar(item) && isPlaceholder(String(item.value ?? ''))) return;
      report({ message: `Approval ${i + 1} must be a mapping with role, name and date${on}.`, detail: `Write it as ${shape}`, range: approval.range });
      return;
    }
    const role = approval.role;
    if (judged(role) && roles.length && !roles.some((r) => r.toLowerCase() === role.text.toLowerCase())) {
      report({
        message: `Unknown approval role ${role.text}${on}.`,
        detail: `Use one of ${roles.join(', ')}, or add it to approvalRoles in .qmslint.yaml.`,
        range: role.valueRange,
      });
    }
    checkDate(doc.parsed.text, approval.date, `date of approval ${i + 1}`, on, report);
  });
}

export default rule;
