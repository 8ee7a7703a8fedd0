// The clause a revision history is evidence for, named by the history rules' messages. Their
// findings are about the table's form and order, which no clause prescribes; what the clause asks
// (changes and revision status identified) is what the table is for, so the message names the
// clause the table serves and the detail says so, claiming nothing more.
import type { DocumentContext } from '../../rule';
import { basis } from './requirement';

export interface ChangeRecord {
  /** " (ISO 13485:2016 4.2.4 c))" for the end of a message; nothing without a profile. */
  on: string;
  /** " The history is the change record for ISO 13485:2016 4.2.4 c).", for the end of a detail; nothing without a profile. */
  note: string;
}

export function changeRecord(ctx: Pick<DocumentContext, 'profile' | 'cite'>): ChangeRecord {
  const clause = ctx.profile?.changeClause;
  return { on: basis(ctx, clause), note: clause ? ` The history is the change record for ${ctx.cite(clause)}.` : '' };
}
