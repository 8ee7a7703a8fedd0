// How a rule's message says what a clause requires: in the words of the pack's profile when it
// has them, else in the rule's built-in wording. Most rules end their message with this.
import type { DocumentContext } from '../../rule';

/**
 * What `clause` requires, in the words of the pack's profile when it has them (`requirements`),
 * else `what`: the rules' built-in wording follows ISO 13485:2016 4.2.4 and is not true of every
 * standard's clause (ISO 9001:2015 7.5.3.2 d) is retention and disposition, not obsolete documents).
 */
export function requirement(ctx: Pick<DocumentContext, 'profile'>, clause: string, what: string): string {
  return ctx.profile?.requirements?.[clause] ?? what;
}

/** What the built-in wording says of the availability clause (ISO 13485:2016 4.2.4 d)). */
export const AVAILABILITY = 'the relevant versions of documents to be available where they are used';

/** "ISO 13485:2016 4.2.4 a) requires ...", or a plain statement when there is no profile to cite. */
export function requires(ctx: Pick<DocumentContext, 'cite' | 'profile'>, clause: string | undefined, what: string): string {
  return clause ? `${ctx.cite(clause)} requires ${requirement(ctx, clause, what)}` : `document control requires ${what}`;
}

/**
 * " (ISO 13485:2016 4.2.4 a))": the clause a message's one sentence rests on, at its end, as the
 * profile names it (a message says the problem and its clause; what the clause requires and the
 * fix go in the detail). Nothing when no profile names a clause.
 */
export function basis(ctx: Pick<DocumentContext, 'cite'>, clause: string | undefined): string {
  return clause ? ` (${ctx.cite(clause)})` : '';
}

/** "ISO 13485:2016 4.2.4 a) requires review and approval before issue.": `requires` as a sentence of a detail. */
export function requiresSentence(ctx: Pick<DocumentContext, 'cite' | 'profile'>, clause: string | undefined, what: string): string {
  return `${capitalise(requires(ctx, clause, what))}.`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A message's one sentence stays under this many characters, to fit a Problems panel row. */
export const MAX_MESSAGE = 100;

/**
 * `full` when it fits a Problems panel row, else `short`: for a message whose variable part (a
 * path, a parser's error) can be long; the detail then says what `full` would have.
 */
export function fitting(full: string, short: string): string {
  return full.length < MAX_MESSAGE ? full : short;
}
