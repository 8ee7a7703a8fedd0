// A RuleTester in the spirit of ESLint's: one rule, run alone on small fixtures, with every finding
// it must give listed and, for fixes, the text they must leave. It builds what the rule sees with
// core's own functions (parseConfig, buildDocument, WorkspaceIndex, documentContext) and calls
// rule.check directly, so no other rule, no suppression and no engine step can hide or add a finding.
import * as path from 'node:path';
import type { DocumentHistory } from '../server/src/core/approvals/facts';
import picomatch from 'picomatch';
import { describe, it } from 'vitest';
import { defaultConfig, parseConfig, type Config } from '../server/src/core/config';
import { buildDocument, type ControlledDocument } from '../server/src/core/document';
import { documentContext } from '../server/src/core/document-context';
import { CatalogCache } from '../server/src/core/catalog-cache';
import { capped, finding, positioned, severityOf } from '../server/src/core/findings';
import { fixPass, fixProblem } from '../server/src/core/fixes';
import { MAX_FIX_PASSES } from '../server/src/core/fixpoint';
import { WorkspaceIndex } from '../server/src/core/index-workspace';
import type { Rule } from '../server/src/core/rule';
import { ruleById } from '../server/src/core/rules';
import { LineIndex } from '../server/src/core/text';
import type { Finding, Report, Severity } from '../server/src/core/types';
import { MemoryWorkspace } from '../server/src/core/workspace';
import { TODAY } from './helpers';
import { messageFormProblems } from './message-form';

/** Every fixture lives under this folder; relative paths in a case are relative to it. */
export const ROOT = '/ws';
const CONFIG_FILE = `${ROOT}/.qmslint.yaml`;

export interface RuleCase {
  /** Shown as the test's name; the text's first changed line is not a good one. */
  name?: string;
  /** The Markdown of the document under test. */
  text: string;
  /** Its path (default doc.md), relative to /ws. */
  path?: string;
  /** The text of /ws/.qmslint.yaml; without it the defaults apply. */
  config?: string;
  /**
   * Other files, relative path to text: Markdown files join the workspace index (other documents),
   * any other file only exists (a link target, a standard pack named in `config`).
   */
  files?: Record<string, string>;
  /** Change rules: the document's text at the base; null when the document is new there. */
  base?: string | null;
  /** The document's path at the base when it was renamed (default: its path). */
  basePath?: string;
  /** ISO date the rule sees as today (default test/helpers TODAY). */
  today?: string;
  /** Rules that read git's approval evidence (needs.evidence): what git says of the document; absent, the run has none. */
  evidence?: DocumentHistory | null;
}

export interface ExpectedFinding {
  /** The whole message (one short sentence). */
  message?: string;
  /** The whole detail (why and how to fix); null when the finding must have none. */
  detail?: string | null;
  /** A part of the finding's full text (message, then detail). */
  includes?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** The file it is on, relative to /ws (default: the case's path): workspace rules report on others. */
  path?: string;
}

export interface InvalidCase extends RuleCase {
  /** Every finding, in file then position order: one more or one fewer fails the case. */
  findings: ExpectedFinding[];
  /**
   * The document's text once the rule's fixes are applied (pass after pass until none changes
   * it, as --fix does). Required when a finding has a fix; omit it only when none does.
   */
  output?: string;
}

export interface RuleTests {
  valid: RuleCase[];
  invalid: InvalidCase[];
}

/** Describes `<id> alone` with one test per case. */
export function testRule(ruleOrId: Rule | string, tests: RuleTests): void {
  const rule = resolveRule(ruleOrId);
  describe(`${rule.id} alone`, () => {
    it('has enough cases', () => {
      const problems = coverageProblems(rule, tests);
      if (problems.length) throw new Error(`${rule.id}: ${problems.join('; ')}`);
    });
    for (const [i, c] of tests.valid.entries()) it(`valid ${i + 1}: ${c.name ?? 'no finding'}`, () => checkValid(rule, c));
    for (const [i, c] of tests.invalid.entries()) it(`invalid ${i + 1}: ${c.name ?? `${c.findings.length} finding(s)`}`, () => checkInvalid(rule, c));
  });
}

/**
 * What a rule's tests lack: every rule gets at least one valid and two invalid cases, and a fixable
 * rule at least one case whose `output` shows what its fix writes.
 */
export function coverageProblems(rule: Rule, tests: RuleTests): string[] {
  const problems: string[] = [];
  if (tests.valid.length < 1) problems.push('give at least one valid case');
  if (tests.invalid.length < 2) problems.push('give at least two invalid cases');
  if (rule.fixable && !tests.invalid.some((c) => c.output !== undefined)) problems.push('the rule is fixable: give at least one invalid case with `output`');
  return problems;
}

/** Throws when the rule reports anything on the case. */
export async function checkValid(ruleOrId: Rule | string, c: RuleCase): Promise<void> {
  const rule = resolveRule(ruleOrId);
  const found = await runRule(rule, c);
  if (found.length) throw new Error(`${rule.id}: expected no finding, got ${found.length}:\n${found.map(describeFinding).join('\n')}`);
}

/** Throws unless the rule reports exactly the expected findings and, with fixes, leaves exactly `output`. */
export async function checkInvalid(ruleOrId: Rule | string, c: InvalidCase): Promise<void> {
  const rule = resolveRule(ruleOrId);
  if (!c.findings.length) throw new Error(`${rule.id}: an invalid case must expect at least one finding (a case with none is a valid case)`);
  const found = await runRule(rule, c);
  const problems: string[] = [];
  if (found.length !== c.findings.length) problems.push(`expected ${c.findings.length} finding(s), got ${found.length}`);
  for (const [i, expected] of c.findings.entries()) {
    const actual = found[i];
    if (!actual) problems.push(`finding ${i + 1} missing: ${JSON.stringify(expected)}`);
    else for (const p of mismatches(expected, actual, c)) problems.push(`finding ${i + 1}: ${p}`);
  }
  const fixable = found.some((f) => f.fix);
  if (fixable && !rule.fixable) problems.push('the rule is not marked fixable but returned a fix');
  // A fix that cannot be applied is dropped by --fix without a word: here it fails the case.
  // Every message is written for the Problems panel (test/message-form.ts).
  for (const [i, f] of found.entries()) for (const p of messageFormProblems(f)) problems.push(`finding ${i + 1}: ${p}`);
  for (const [i, f] of found.entries()) {
    const problem = f.fix && f.path === abs(c.path ?? 'doc.md') ? fixProblem(c.text, f.fix.edits) : undefined;
    if (problem) problems.push(`finding ${i + 1}: its fix cannot be applied: ${problem}`);
  }
  if (fixable && c.output === undefined) problems.push('a finding has a fix, so the case must give `output`');
  if (!fixable && c.output !== undefined && c.output !== c.text) problems.push('`output` differs from the text but no finding has a fix');
  if (fixable && c.output !== undefined) {
    const fixed = await fixedText(rule, c);
    if (fixed.text !== c.output) problems.push(`output differs:\n--- expected\n${c.output}\n--- actual\n${fixed.text}`);
    if (!fixed.settled) problems.push(`fixes still change the text after ${MAX_FIX_PASSES} passes`);
  }
  if (problems.length) throw new Error(`${rule.id}: ${problems.join('\n')}\nactual findings:\n${found.map(describeFinding).join('\n')}`);
}

function resolveRule(ruleOrId: Rule | string): Rule {
  if (typeof ruleOrId !== 'string') return ruleOrId;
  const rule = ruleById(ruleOrId);
  if (!rule) throw new Error(`no rule ${ruleOrId} is registered`);
  return rule;
}

function mismatches(expected: ExpectedFinding, actual: Finding, c: RuleCase): string[] {
  const out: string[] = [];
  const wantPath = abs(expected.path ?? c.path ?? 'doc.md');
  if (actual.path !== wantPath) out.push(`path ${actual.path}, expected ${wantPath}`);
  if (expected.message !== undefined && actual.message !== expected.message) out.push(`message ${JSON.stringify(actual.message)}, expected ${JSON.stringify(expected.message)}`);
  if (expected.detail !== undefined && (actual.detail ?? null) !== expected.detail) out.push(`detail ${JSON.stringify(actual.detail)}, expected ${JSON.stringify(expected.detail)}`);
  if (expected.includes !== undefined && !fullText(actual).includes(expected.includes)) {
    out.push(`text ${JSON.stringify(fullText(actual))} does not include ${JSON.stringify(expected.includes)}`);
  }
  if (expected.message === undefined && expected.includes === undefined) out.push('the expected finding names neither message nor includes');
  for (const key of ['line', 'column', 'endLine', 'endColumn', 'severity'] as const) {
    if (expected[key] !== undefined && actual[key] !== expected[key]) out.push(`${key} ${actual[key]}, expected ${expected[key]}`);
  }
  return out;
}

/** The message and its detail, as the CLI prints them. */
function fullText(f: Finding): string {
  return f.detail ? `${f.message} ${f.detail}` : f.message;
}

function describeFinding(f: Finding): string {
  const detail = f.detail ? ` detail ${JSON.stringify(f.detail)}` : '';
  return `  ${f.path}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${JSON.stringify(f.message)}${detail}${f.fix ? ' (fix)' : ''}`;
}

/** Applies the rule's fixes to the case's text pass after pass, as --fix does, until a pass changes nothing. */
async function fixedText(rule: Rule, c: RuleCase): Promise<{ text: string; settled: boolean }> {
  const file = abs(c.path ?? 'doc.md');
  let text = c.text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const found = (await runRule(rule, { ...c, text })).filter((f) => f.path === file);
    const next = fixPass(text, found).text;
    if (next === text) return { text, settled: true };
    text = next;
  }
  return { text, settled: false };
}

function abs(p: string): string {
  return path.posix.resolve(ROOT, p);
}

/** Runs the one rule on the case: its findings (severity from the config, positions resolved), in file then offset order. */
export async function runRule(rule: Rule, c: RuleCase): Promise<Finding[]> {
  const config = c.config === undefined ? defaultConfig(ROOT) : parseConfig(c.config, CONFIG_FILE);
  const files: Record<string, string> = { ...(c.config === undefined ? {} : { [CONFIG_FILE]: c.config }) };
  for (const [p, text] of Object.entries(c.files ?? {})) files[abs(p)] = text;
  const file = abs(c.path ?? 'doc.md');
  files[file] = c.text;
  const catalog = await new CatalogCache(new MemoryWorkspace(files)).forConfig(config);
  const today = c.today ?? TODAY;

  const docs = new Map<string, ControlledDocument>();
  for (const [p, text] of Object.entries(files)) if (p.endsWith('.md')) docs.set(p, build(p, text, config));
  const others = new Set(Object.keys(files).filter((p) => !docs.has(p)));
  const index = new WorkspaceIndex([...docs.values()], others);

  const severity = severityOf(rule, config);
  if (!severity) return [];
  const options = config.rules[rule.id]?.options ?? {};
  const doc = docs.get(file)!;
  const found: Finding[] = [];
  const report = (r: Report) => found.push(finding(rule.id, severity, doc, r));
  if (rule.scope === 'workspace') {
    rule.check({ index, catalog, config, today, options }, (p, r) => {
      const target = docs.get(p);
      if (target) found.push(finding(rule.id, severity, target, r));
      else {
        // A report about no document (coverage-gap on the config file), positioned in that file's text as the engine does.
        const text = files[p] ?? '';
        found.push(positioned(p, text, new LineIndex(text), { ...r, ruleId: rule.id, severity: capped(severity, r.severity) }));
      }
    });
  } else {
    const ctx = { ...documentContext(doc, config, catalog, index, today), options, ...(c.evidence !== undefined ? { evidence: c.evidence } : {}) };
    if (rule.scope === 'change') {
      if (c.base === undefined) throw new Error(`${rule.id} is a change rule: give the case a base (its text at the base, or null when new)`);
      const base = c.base === null ? null : build(abs(c.basePath ?? c.path ?? 'doc.md'), c.base, config);
      rule.check({ ...ctx, base }, report);
    } else rule.check(ctx, report);
  }
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.range.start - b.range.start || a.range.end - b.range.end || a.message.localeCompare(b.message));
}

/** A document as the engine builds it: controlled by its id or by the config's `documents` globs (relative to the config's folder). */
function build(file: string, text: string, config: Config): ControlledDocument {
  const rel = path.posix.relative(config.root, file);
  const matched = config.documents.length > 0 && picomatch(config.documents, { dot: true })(rel);
  return buildDocument(file, text, config, matched);
}
