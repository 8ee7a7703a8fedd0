// What kind of document a clause asks for, named in its own standard's terms: ISO 13485 and
// 21 CFR 820 require documented procedures; ISO 9001:2015 requires none, only documented
// information to be maintained (and records: documented information to be retained).
import type { Clause } from './types';

/** The clause requires a document of its own (a procedure, a documented process, or documented information to maintain). */
export function requiresDocument(clause: Pick<Clause, 'documentedProcedure' | 'documentedProcess' | 'documentedInformation'>): boolean {
  return Boolean(clause.documentedProcedure || clause.documentedProcess || clause.documentedInformation === 'maintain');
}

/** The requirement as the standard names it: "documented procedure", "documented process", "documented information (maintain)". */
export function documentKind(clause: Pick<Clause, 'documentedProcedure' | 'documentedProcess' | 'documentedInformation'>): string | undefined {
  if (clause.documentedProcedure) return 'documented procedure';
  if (clause.documentedProcess) return 'documented process';
  if (clause.documentedInformation === 'maintain') return 'documented information (maintain)';
  return undefined;
}
