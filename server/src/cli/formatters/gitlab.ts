// GitLab Code Quality: the JSON array of issues that a job names under
// `artifacts:reports:codequality` and the merge request widget reads. GitLab
// reads description, check_name, fingerprint, severity, location.path and
// location.lines.begin, and ignores the rest of the Code Climate issue format
// (docs/ci.md cites both).
import type { FileResult } from '../../core/project';
import type { Severity } from '../../core/types';
import { fullMessage } from '../../core/findings';
import { fingerprintsOf } from '../../core/fingerprint';
import type { FormatContext } from './context';
import { relativePath } from './relative';

/**
 * GitLab's scale is info, minor, major, critical, blocker, with no meaning given to each level
 * beyond that order. An error is what fails the gate, so the middle of the scale; qmslint has
 * nothing above an error, so critical and blocker stay free for tools that do.
 */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info' };

export function formatGitlab(results: FileResult[], ctx: FormatContext): string {
  const workspaceRules = new Set(ctx.rules.filter((r) => r.scope === 'workspace').map((r) => r.id));
  const issues = results.flatMap((file) => {
    // The path SARIF uses for the same file, so a finding has the same fingerprint in both reports.
    const rel = relativePath(file.path, ctx.cwd);
    const fingerprints = fingerprintsOf(file.text, file.findings, rel, workspaceRules);
    return file.findings.map((f, i) => ({
      description: oneLine(fullMessage(f)),
      check_name: f.ruleId,
      fingerprint: fingerprints[i],
      severity: SEVERITY[f.severity],
      location: { path: rel, lines: { begin: f.line, end: f.endLine } },
    }));
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

/** Code Climate's descriptions are one line; a message quoting a document could hold a line break. */
function oneLine(s: string): string {
  return s.split('\r\n').join(' ').split('\n').join(' ').split('\r').join(' ');
}
