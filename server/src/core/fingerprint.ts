// A finding's stable identity, independent of line numbers: SARIF's
// partialFingerprints, GitLab's fingerprint and the baseline all use it, so a
// finding keeps one identity in every report.
import { createHash } from 'node:crypto';
import type { Finding } from './types';

/** Bump when what the fingerprint hashes changes: every alert would get a new identity. */
export const FINGERPRINT_VERSION = 'qmslint/v1';

/**
 * One fingerprint per finding, in order. It hashes what the finding is about,
 * never where: the rule, the file (`rel`, a path relative to a stated root,
 * with forward slashes), what the finding points at, and how many identical
 * findings came before it in the file. Lines inserted above keep it.
 * `workspaceRules` names the rules whose findings have no range of their own.
 */
export function fingerprintsOf(text: string, findings: readonly Finding[], rel: string, workspaceRules: ReadonlySet<string>): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.ruleId, rel, subject(text, f, workspaceRules.has(f.ruleId))].join('\0');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}`;
  });
}

/**
 * What a finding points at: the text of its range; for a workspace finding
 * with no range (a coverage gap, reported at the top of a file) its message,
 * which names the clause, so closing one gap leaves the others' identities
 * alone; otherwise the line it is on, or its message when that line is empty.
 */
function subject(text: string, f: Finding, workspace: boolean): string {
  const own = text.slice(f.range.start, f.range.end).trim();
  if (own) return own;
  if (workspace) return f.message;
  const start = text.lastIndexOf('\n', f.range.start - 1) + 1;
  let end = text.indexOf('\n', f.range.start);
  if (end < 0) end = text.length;
  return text.slice(start, end).trim() || f.message;
}
