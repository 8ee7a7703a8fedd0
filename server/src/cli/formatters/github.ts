// GitHub Actions workflow commands: the runner turns each line into an
// annotation on the pull request's diff, with no token and no upload.
import type { FileResult } from '../../core/project';
import type { Severity } from '../../core/types';
import { fullMessage } from '../../core/findings';
import { relativePath } from './relative';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(results: FileResult[], cwd: string): string {
  const lines: string[] = [];
  for (const file of results) {
    const rel = relativePath(file.path, cwd);
    for (const f of file.findings) {
      const props: [string, string | number][] = [
        ['file', rel],
        ['line', f.line],
        ['endLine', f.endLine],
      ];
      // Annotations take columns only within one line; GitHub drops or rejects them otherwise.
      if (f.line === f.endLine) props.push(['col', f.column], ['endColumn', f.endColumn]);
      props.push(['title', f.ruleId]);
      lines.push(`::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(fullMessage(f))}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}

/** The runner's escaping for a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The runner's escaping for a property value: the message's, plus the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
