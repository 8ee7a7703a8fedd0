// ESLint-compatible JSON: one entry per file with its messages, so tools that
// read ESLint's JSON (CI annotators, dashboards) read ours.
import type { FileResult } from '../../core/project';

export function formatJson(results: FileResult[]): string {
  return (
    JSON.stringify(
      results.map((file) => ({
        filePath: file.path,
        messages: file.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity === 'error' ? 2 : 1,
          message: f.message,
          // Why and how to fix; ESLint's JSON has no such field, so tools that read only `message` get the short one.
          ...(f.detail ? { detail: f.detail } : {}),
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits } } : {}),
          // Offered, never applied by --fix and not counted as fixable (ESLint's `suggestions`).
          ...(f.suggestions?.length ? { suggestions: f.suggestions.map((s) => ({ title: s.title, edits: s.edits })) } : {}),
        })),
        errorCount: file.findings.filter((f) => f.severity === 'error').length,
        warningCount: file.findings.filter((f) => f.severity !== 'error').length,
        fixableErrorCount: file.findings.filter((f) => f.severity === 'error' && f.fix).length,
        fixableWarningCount: file.findings.filter((f) => f.severity !== 'error' && f.fix).length,
      })),
      null,
      2,
    ) + '\n'
  );
}
