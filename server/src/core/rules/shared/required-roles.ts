// The roles whose approvals a document needs: approval-missing, approval-order and
// status-inconsistent all read the same list; field-invalid accepts these roles.
import type { DocumentContext } from '../../rule';

/** The roles of an SOP, used when there is no profile (or the type is unknown). */
export const DEFAULT_ROLES = ['author', 'reviewer', 'approver'];

/** Roles that must sign this document's type, in signing order; SOP roles when the type is unknown. */
export function requiredRoles(ctx: DocumentContext): string[] {
  return ctx.typeProfile?.approvals ?? DEFAULT_ROLES;
}
