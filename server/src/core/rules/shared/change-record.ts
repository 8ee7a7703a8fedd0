// The clause a revision history is evidence for, named at the end of the history rules' messages.
// Their findings are about the table's form and order, which no clause prescribes; what the clause
// asks (changes and revision status identified) is what the table is for, so the message names the
// clause the table serves and claims nothing more.
import type { DocumentContext } from '../../rule';
import type { Report } from '../../types';

/** " The history is the change record for ISO 13485:2016 4.2.4 c).", or nothing without a profile. */
export function changeRecordNote(ctx: Pick<DocumentContext, 'profile' | 'cite'>): string {
  const clause = ctx.profile?.changeClause;
  return clause ? ` The history is the change record for ${ctx.cite(clause)}.` : '';
}

/** `report`, with the note added to every message. */
export function withChangeRecordNote(ctx: Pick<DocumentContext, 'profile' | 'cite'>, report: (r: Report) => void): (r: Report) => void {
  const note = changeRecordNote(ctx);
  return (r) => report({ ...r, message: r.message + note });
}
