// How a document-control profile's clause is cited in messages and completions.
import type { Catalog } from './catalog';
import { clauseLabel } from './label';
import type { StandardPack } from './types';

/**
 * "ISO 13485:2016 4.2.4 a)"; a clause of a pack the standard incorporates, through the clause that
 * incorporates it: "21 CFR 820.10 (ISO 13485:2016 4.2.4 a))" (the QMSR's profile names the ISO
 * 13485 item that does the work). Without a standard, the clause as written.
 */
export function citeClause(standard: StandardPack | undefined, clause: string | undefined, catalog?: Catalog): string {
  if (!standard) return clause ?? '';
  if (!clause) return standard.title;
  const owner = catalog?.clausePack(standard.id, clause);
  const through = owner && owner.id !== standard.id ? catalog!.incorporated(standard.id).find((i) => i.pack.id === owner.id) : undefined;
  if (through) return `${clauseLabel(standard.title, through.by)} (${clauseLabel(through.pack.title, clause)})`;
  return clauseLabel(standard.title, clause);
}
