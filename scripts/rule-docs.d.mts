// Types of scripts/rule-docs.mjs, for the test that imports it.
import type { DocumentControlProfile, StandardPack } from '../server/src/core/standards/types';
export const DOCS: string;
export const FIELD_TABLE_PACKS: string[];
export function rationaleRow(rationale: string[]): string;
export function fieldsTable(profile: DocumentControlProfile): string;
export function readPack(file: string): StandardPack;
export function expectedPage(rule: { rationale: string[] }, page: string, packs?: Record<string, StandardPack>): string;
