// Types of scripts/corpus.mjs, for the test that imports it.
export interface CorpusFinding {
  at: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}
export interface CorpusLabel {
  at: string;
  rule: string;
  severity: string;
  verdict: string;
  why?: string;
  message?: string;
}
export const CORPUS: string;
export const EXPECTATIONS: string;
export function collections(): string[];
export function lintCollection(name: string, options?: { timeout?: number }): CorpusFinding[];
export function readExpectations(file?: string): CorpusLabel[];
export function compare(
  findings: CorpusFinding[],
  expectations: CorpusLabel[],
): { unlabelled: CorpusFinding[]; lost: CorpusLabel[]; stale: CorpusLabel[]; changed: { label: CorpusLabel; finding: CorpusFinding }[]; matched: CorpusLabel[] };
export function precisionTable(labels: CorpusLabel[]): string;
