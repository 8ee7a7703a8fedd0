// Types for bench/corpus.mjs, so tests can import the generator.
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}
export function rng(seed: number): Rng;
export function largeDocument(seed?: number, targetBytes?: number): string;
export const CONFIG: string;
export function writeCorpus(out: string, options: { docs: number; seed?: number; large?: boolean }): string[];
