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
export function requires(ctx: DocumentContext, clause: string | undefined, what: string): string {
  return clause ? `${ctx.cite(clause)} requires ${requirement(ctx, clause, what)}` : `document control requires ${what}`;
}
