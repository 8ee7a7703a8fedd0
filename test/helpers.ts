// Shared test helpers: lint an in-memory workspace through the real engine.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lint, type LintResult } from '../server/src/core/project';
import type { Finding } from '../server/src/core/types';
import { MemoryWorkspace } from '../server/src/core/workspace';

export const TODAY = '2026-11-26';

/** Lints files given as {relativePath: text} under /ws. */
export async function lintFiles(files: Record<string, string>, options: { today?: string; standard?: string } = {}): Promise<LintResult> {
  const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])));
  const mdFiles = Object.keys(files)
    .filter((p) => p.endsWith('.md'))
    .map((p) => `/ws/${p}`);
  return lint({ workspace, files: mdFiles, root: '/ws', today: options.today ?? TODAY, standard: options.standard });
}

export function findings(result: LintResult, file?: string, ruleId?: string): Finding[] {
  return result.files
    .filter((f) => !file || f.path === `/ws/${file}`)
    .flatMap((f) => f.findings)
    .filter((f) => !ruleId || f.ruleId === ruleId);
}

export function ruleIds(result: LintResult, file?: string): string[] {
  return [...new Set(findings(result, file).map((f) => f.ruleId))].sort();
}

/** A clean SOP: passes every rule. Tests plant one defect in it at a time. */
export const CLEAN_SOP = `---
id: SOP-001
title: Control of Documents
type: SOP
revision: C
status: effective
effective_date: 2026-03-01
owner: Quality Manager
clauses: ["4.2.4"]
approvals:
  - {role: author, name: Dana Whitfield, date: 2026-02-10}
  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}
  - {role: approver, name: Lena Brandt, date: 2026-02-14}
next_review: 2028-03-01
---

# Control of Documents

## Purpose

This procedure implements ISO 13485:2016 §4.2.4 for all controlled documents.

## Revision History

| Revision | Date | Author | Description |
|---|---|---|---|
| A | 2024-01-10 | Dana Whitfield | First issue |
| B | 2025-02-01 | Dana Whitfield | Added electronic signatures |
| C | 2026-02-10 | Dana Whitfield | Periodic review updates |
`;

/** CLEAN_SOP as another procedure implementing another clause. */
export function cleanSop(id: string, title: string, clause: string): string {
  return CLEAN_SOP.replace('SOP-001', id)
    .replace(/Control of Documents/g, title)
    .replace('clauses: ["4.2.4"]', `clauses: ["${clause}"]`)
    .replace('§4.2.4', `§${clause}`);
}

/** Three clean procedures for change-control tests: document control, complaints, design. */
export const DOCS = cleanSop('SOP-001', 'Control of Documents', '4.2.4');
export const COMPLAINTS = cleanSop('SOP-002', 'Complaint Handling', '8.2.2');
export const DESIGN = cleanSop('SOP-003', 'Design Control', '7.3.2');

/** A workspace on disk, in a fresh temporary folder, from {relativePath: content}. */
export function tempWorkspace(files: Record<string, string | Buffer>, prefix = 'qmslint-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A user standard pack (acme-qms:2026) with clause 1, General, and the clause lines given after it. */
export function acmePack(moreClauses = ''): string {
  return `id: acme-qms:2026
family: acme-qms
title: ACME QMS 2026
publisher: ACME
edition: "2026"
clauses:
  - {id: "1", title: General}
${moreClauses}`;
}
