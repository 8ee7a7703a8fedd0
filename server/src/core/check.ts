// Running the rules: the document and change rules on one document, the
// workspace rules on the index, then what every door shows last (suppressions,
// unknown rule names in suppression comments, findings in order).
import type { DocumentHistory } from './approvals/facts';
import type { Config } from './config';
import { buildDocument, type ControlledDocument } from './document';
import { documentContext } from './document-context';
import { capped, finding, positioned, severityOf } from './findings';
import type { WorkspaceIndex } from './index-workspace';
import { UNKNOWN_RULE_NOTICE } from './notices';
import { matchesGlobs } from './read-document';
import { checkedReport, type WorkspaceContext } from './rule';
import { rules as allRules } from './rules';
import { runRuleInto } from './run-rule';
import type { Catalog } from './standards/catalog';
import { unknownRuleNames } from './suppression-names';
import { isSuppressed } from './suppressions';
import { LineIndex } from './text';
import type { Finding, Report, Severity } from './types';

export interface BaseVersion {
  /** Path at the base (differs from the current path after a rename). */
  path: string;
  text: string;
}

export interface FileResult {
  path: string;
  /** The file text as read (BOM included): fixes apply to it. */
  text: string;
  findings: Finding[];
  document?: ControlledDocument;
}

/**
 * Runs the document rules on one document (only `remaining` ones, if given: an analysed document
 * ran the others where it was analysed), and the change rules when it has a base version.
 */
export function checkDocument(
  doc: ControlledDocument,
  config: Config,
  catalog: Catalog,
  index: WorkspaceIndex,
  today: string,
  base: ControlledDocument | null | undefined,
  result: FileResult,
  remaining?: ReadonlySet<string>,
  evidence?: DocumentHistory | null,
): void {
  const ctx = documentContext(doc, config, catalog, index, today);
  if (evidence !== undefined) ctx.evidence = evidence;
  for (const rule of allRules) {
    if (rule.scope === 'workspace' || (rule.scope === 'change' && base === undefined)) continue;
    if (remaining && !remaining.has(rule.id)) continue;
    const severity = severityOf(rule, config);
    if (!severity) continue;
    ctx.options = config.rules[rule.id]?.options ?? {};
    const report = (r: Report) => result.findings.push(finding(rule.id, severity, doc, checkedReport(rule, r)));
    // A rule that throws costs one finding, never the run.
    const run = rule.scope === 'change' ? () => rule.check({ ...ctx, base: base! }, report) : () => rule.check(ctx, report);
    runRuleInto(rule.id, result.path, result.text, result.findings, run);
  }
}

/** The base version of a changed document, parsed with the document's config; undefined when unchanged or no base. */
export function baseDocument(base: Map<string, BaseVersion | null> | undefined, file: string, config: Config): ControlledDocument | null | undefined {
  if (!base || !base.has(file)) return undefined;
  const version = base.get(file);
  if (!version) return null;
  return buildDocument(version.path, version.text, config, matchesGlobs(version.path, config, config.documents));
}

export type WorkspaceReport = { ruleId: string; severity: Severity; file: string; report: Report };

/**
 * What the workspace rules report, in rule order. A rule that throws costs findings, never the run
 * (as a document rule's does, runRuleInto): every document it was checking gets an error saying so,
 * and what it reported before it threw stands.
 */
export function workspaceReports(index: WorkspaceIndex, rootConfig: Config, rootCatalog: Catalog, today: string): WorkspaceReport[] {
  const reports: WorkspaceReport[] = [];
  for (const rule of allRules) {
    if (rule.scope !== 'workspace') continue;
    const severity = severityOf(rule, rootConfig);
    if (!severity) continue;
    const wctx: WorkspaceContext = { index, catalog: rootCatalog, config: rootConfig, today, options: rootConfig.rules[rule.id]?.options ?? {} };
    try {
      rule.check(wctx, (file, report) => reports.push({ ruleId: rule.id, severity, file, report: checkedReport(rule, report) }));
    } catch (e) {
      // An error whatever the rule's severity: the documents were not checked by it.
      const message = `Rule ${rule.id} failed on the workspace: ${(e as Error)?.message ?? e}. Please report this as a qmslint bug.`;
      for (const doc of index.documents) reports.push({ ruleId: rule.id, severity: 'error', file: doc.path, report: { message, severity: 'error', range: { start: 0, end: 0 }, failure: 'workspace' } });
    }
  }
  return reports;
}

export function addWorkspaceReport(result: FileResult, { ruleId, severity, report: r }: WorkspaceReport): void {
  const doc = result.document;
  result.findings.push(doc ? finding(ruleId, severity, doc, r) : positioned(result.path, result.text, new LineIndex(result.text), { ...r, ruleId, severity: capped(severity, r.severity) }));
}

/** Suppressions, then the suppression comments' unknown rule names (no comment can hide those), then the order every door shows. */
export function finish(result: FileResult): void {
  const doc = result.document;
  const kept = doc ? result.findings.filter((f) => !isSuppressed(doc.suppressions, f.ruleId, f.line)) : result.findings;
  const unknown = doc ? unknownRuleNames(doc.suppressions).map((r) => finding(UNKNOWN_RULE_NOTICE, 'warning', doc, r)) : [];
  result.findings = [...kept, ...unknown].sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
}
