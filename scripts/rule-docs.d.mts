// Types of scripts/rule-docs.mjs, for the test that imports it.
import type { DocumentControlProfile, StandardPack } from '../server/src/core/standards/types';
import type { RuleMeta } from '../server/src/core/types';
export const DOCS: string;
export const FIELD_TABLE_PACKS: string[];
export function rationaleRow(rule: RuleMeta): string;
export function headerBlock(rule: RuleMeta): string;
export function ruleTable(rules: RuleMeta[], notices: RuleMeta[]): string;
export function expectedIndex(text: string, rules: RuleMeta[], notices: RuleMeta[]): string;
export function expectedReadme(text: string, rules: RuleMeta[]): string;
export interface BuiltinStandards {
  packs: StandardPack[];
  /** The standard a folder without a configuration is checked against. */
  defaultStandard: string;
}
export function standardSetting(packs: StandardPack[], defaultStandard: string): { enum: string[]; enumDescriptions: string[] };
export function expectedManifest(text: string, rules: RuleMeta[], standards: BuiltinStandards): string;
export function rulesProperty(rules: RuleMeta[]): Record<string, unknown>;
export function expectedSchema(text: string, rules: RuleMeta[]): string;
export function compactJson(value: unknown, indent: string): string;
export function fieldsTable(profile: DocumentControlProfile): string;
export function readPack(file: string): StandardPack;
export function expectedPage(rule: RuleMeta, page: string, packs?: Record<string, StandardPack>): string;
export function loadRules(): Promise<{ rules: RuleMeta[]; notices: RuleMeta[]; standards: BuiltinStandards }>;
export function generatedFiles(rules: RuleMeta[], notices: RuleMeta[], standards: BuiltinStandards): { file: string; expected: (text: string) => string }[];
