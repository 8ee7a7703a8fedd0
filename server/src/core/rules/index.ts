// Every rule, in the order findings are produced. Adding a rule: one file
// here, one line below, docs/rules/<id>.md (its header block is written from the meta by
// `node scripts/rule-docs.mjs --write`), and a test checks all of it.
import type { Rule } from '../rule';
import approvalIncomplete from './approval-incomplete';
import approvalMissing from './approval-missing';
import approvalOrder from './approval-order';
import approvalStale from './approval-stale';
import approvalUnverified from './approval-unverified';
import changeApprovalsCarried from './change-approvals-carried';
import changeWithoutHistory from './change-without-history';
import changeWithoutRevision from './change-without-revision';
import clauseEdition from './clause-edition';
import clauseHeadingMismatch from './clause-heading-mismatch';
import clauseReferenceMissing from './clause-reference-missing';
import clauseUnknown from './clause-unknown';
import coverageGap from './coverage-gap';
import docReferenceObsolete from './doc-reference-obsolete';
import docReferenceUnresolved from './doc-reference-unresolved';
import fieldInvalid from './field-invalid';
import fieldMissing from './field-missing';
import fieldPlaceholder from './field-placeholder';
import frontMatterMissing from './front-matter-missing';
import frontMatterSyntax from './front-matter-syntax';
import idDuplicate from './id-duplicate';
import linkBroken from './link-broken';
import qsrInspectionExemption from './qsr-inspection-exemption';
import qsrTerm from './qsr-term';
import reviewOverdue from './review-overdue';
import revisionHistoryMalformed from './revision-history-malformed';
import revisionHistoryMissing from './revision-history-missing';
import revisionHistoryOrder from './revision-history-order';
import revisionMismatch from './revision-mismatch';
import statusInconsistent from './status-inconsistent';
import statusRegression from './status-regression';

export const rules: Rule[] = [
  frontMatterMissing,
  frontMatterSyntax,
  fieldMissing,
  fieldInvalid,
  fieldPlaceholder,
  idDuplicate,
  revisionHistoryMissing,
  revisionHistoryMalformed,
  revisionMismatch,
  revisionHistoryOrder,
  approvalMissing,
  approvalIncomplete,
  approvalStale,
  approvalOrder,
  approvalUnverified,
  clauseUnknown,
  clauseEdition,
  qsrTerm,
  qsrInspectionExemption,
  clauseHeadingMismatch,
  clauseReferenceMissing,
  docReferenceUnresolved,
  docReferenceObsolete,
  linkBroken,
  reviewOverdue,
  statusInconsistent,
  coverageGap,
  changeWithoutRevision,
  changeWithoutHistory,
  changeApprovalsCarried,
  statusRegression,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
