// Types for bench/render.mjs, so tests can import it.
import type { SectionTargets } from './results-file.mjs';
export const TODAY: string;
export const TOOLS: Record<string, string>;
export interface Row {
  id: string;
  name?: string;
  n?: number;
  wall?: number;
  cpu?: number;
  rss?: number;
  resident?: number;
}
export interface Results {
  args: { docs: number; rounds: number; seed: number };
  argv: string[];
  rows: Row[];
  samples?: Record<string, { wall: number }[]>;
  checks: { warmEqualsCold?: boolean; parallelEqualsSerial?: boolean }[];
  load: number[];
  growth?: { docs: number; small: { wall: number; rss: number }; big: { wall: number; rss: number } };
  edits?: { small?: { times: number[]; bytes: number }; large?: { times: number[]; bytes: number } };
  large?: Row[];
  lspFiles?: number;
  lspOpenFile?: string;
  profile?: string;
}
export interface Target {
  id: string;
  point: number;
  name: string;
  measured: string;
  met: boolean | 'reported' | undefined;
}
export function loadWarning(loadAtStart: number): string | undefined;
export function targets(results: Results): Target[];
export function renderResults(results: Results, previous?: SectionTargets): string;
