// How a coverage row's clause is printed. A row of a standard the matrix's standard incorporates
// (ISO 13485:2016 under 21 CFR 820) names its own standard, so "7.3.2" is never read as a
// section of the QMSR; the matrix's own rows keep their bare number, as every format prints them.
import type { ClauseCoverage } from './coverage';
import { clauseLabel } from './standards/label';

/** "7.3.2" for the matrix's own clause; "ISO 13485:2016 7.3.2" for an incorporated one. */
export function coverageRowLabel(row: Pick<ClauseCoverage, 'clause' | 'incorporated'>): string {
  return row.incorporated ? clauseLabel(row.incorporated.title, row.clause.id) : row.clause.id;
}
