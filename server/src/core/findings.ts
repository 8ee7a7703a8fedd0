// A rule's report made a finding: the severity the configuration gives the rule (capped by the
// report's own), and offsets turned into line and column. The engine and the document analyser
// (which may run on another thread) both make findings this way, so theirs are the same.
import type { Config } from './config';
import type { ControlledDocument } from './document';
import type { Rule } from './rule';
import type { LineIndex } from './text';
import type { Finding, Fix, Report, Severity } from './types';

/**
 * A finding's message and its detail, as one text: what the CLI's text formats print (a log has no
 * hover to open). The editor shows the message in the Problems panel and both on hover.
 */
export function fullMessage(f: { message: string; detail?: string }): string {
  return f.detail ? `${f.message} ${f.detail}` : f.message;
}

/** The severity the configuration gives the rule; undefined when it is off. */
export function severityOf(rule: Rule, config: Config): Severity | undefined {
  const setting = config.rules[rule.id]?.setting ?? rule.severity;
  return setting === 'off' ? undefined : setting;
}

export function finding(ruleId: string, severity: Severity, doc: ControlledDocument, r: Report): Finding {
  const shift = doc.parsed.bomLength;
  const f = positioned(doc.path, doc.parsed.text, doc.parsed.lines, { ...r, ruleId, severity: capped(severity, r.severity) });
  // Rules see the text without its BOM; findings and fixes address the file itself.
  if (shift) {
    f.range = { start: r.range.start + shift, end: r.range.end + shift };
    const moved = (fix: Fix): Fix => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })) });
    if (f.fix) f.fix = moved(f.fix);
    if (f.suggestions) f.suggestions = f.suggestions.map(moved);
  }
  return f;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The rule's severity, lowered to the report's own when the rule is less sure of this one. */
export function capped(setting: Severity, own: Severity | undefined): Severity {
  return own !== undefined && RANK[own] < RANK[setting] ? own : setting;
}

export function positioned(path: string, _text: string, lines: LineIndex, r: Report & { ruleId: string; severity: Severity }): Finding {
  const start = lines.position(r.range.start);
  const end = lines.position(Math.max(r.range.end, r.range.start));
  return {
    ruleId: r.ruleId,
    severity: r.severity,
    message: r.message,
    ...(r.detail ? { detail: r.detail } : {}),
    path,
    range: { ...r.range },
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(r.fix ? { fix: r.fix } : {}),
    // Suggestions are never a finding's fix: --fix and "fix all" read only `fix`.
    ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}),
    ...(r.rationale ? { rationale: r.rationale } : {}),
    ...(r.failure ? { failure: r.failure } : {}),
  };
}
