// Types for bench/results-file.mjs, so tests can import it.
export const START: string;
export const END: string;
export const PREVIOUS_START: string;
export const PREVIOUS_END: string;
export interface SectionTargets {
  measured: string;
  targets: Record<string, string>;
}
export function currentSection(text: string | undefined): string | undefined;
export function targetsOf(section: string | undefined): SectionTargets | undefined;
export function targetsComment(data: SectionTargets): string;
export function placeSection(old: string | undefined, section: string): string;
export function writeResults(file: string, render: (previous: SectionTargets | undefined) => string): void;
