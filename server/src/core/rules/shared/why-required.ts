// Why a front matter field is asked for: the requirement of the clause it rests on, or the house
// rule of the configuration. field-missing says it of every required field; front-matter-missing,
// front-matter-syntax and id-duplicate say it of `id` (a document must be identifiable).
import type { DocumentContext } from '../../rule';
import { basis, requirement } from './requirement';

/**
 * What the clause a field rests on requires (ISO 13485:2016 4.2.4, in our words), so the detail
 * says why the field is asked for and claims no more than the clause: the field is the evidence.
 * A pack's `requirements` overrides these for its own clauses (ISO 9001:2015 7.5).
 */
const PURPOSE: Record<string, string> = {
  id: 'documents to remain legible and readily identifiable',
  title: 'documents to remain legible and readily identifiable',
  revision: 'the current revision status of documents to be identified',
  status: 'obsolete documents to be identified, so they are not used by mistake',
};

/** What a field is, for a house rule no clause requires: "your configuration requires owner (...)". */
const HOUSE: Record<string, string> = {
  type: 'the kind of document: SOP, WI, FRM...',
  effective_date: 'the date this revision takes effect',
  owner: 'who answers for reviewing and updating the document',
};

/**
 * Why `field` is required, for a detail: the clause's requirement when the profile names a clause,
 * else a house rule of the configuration in force (the standard's profile is part of it), citing no clause.
 */
export function whyRequired(ctx: DocumentContext, field: string, key: string, clause: string | undefined): string {
  if (clause) return `${ctx.cite(clause)} requires ${requirement(ctx, clause, PURPOSE[field] ?? `the ${key} field`)}`;
  const what = HOUSE[field];
  return `your configuration requires ${key}${what ? ` (${what})` : ''}`;
}

/** The end of a message about a required field: " (ISO 13485:2016 4.2.4 c))", or the house rule's " (your configuration requires it)". */
export function requiredBy(ctx: DocumentContext, clause: string | undefined): string {
  return clause ? basis(ctx, clause) : ' (your configuration requires it)';
}

/** The clause behind `id` (4.2.4 e), 7.5.2 a)), when the profile names one. */
export function idClause(ctx: DocumentContext): string | undefined {
  return ctx.profile?.requiredFields.find((f) => f.field === 'id')?.clause;
}

/** Why a document must be identifiable: what the clause behind `id` requires. */
export function whyIdentifiable(ctx: DocumentContext): string {
  return whyRequired(ctx, 'id', 'id', idClause(ctx));
}
