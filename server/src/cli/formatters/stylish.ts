// Human-readable output in the shape ESLint users know: findings grouped by
// file, `line:col  severity  message  rule`, and a total.
import { maxOf } from '../../core/arrays';
import * as path from 'node:path';
import type { FileResult } from '../../core/project';
import type { Severity } from '../../core/types';
import { plural } from '../../core/words';
import { visible } from '../../core/visible';
import { fullMessage } from '../../core/findings';

export interface Style {
  color: boolean;
}

const SGR = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4, green: 32 } as const;

export function paint(style: Style, code: keyof typeof SGR, s: string): string {
  return style.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s;
}

const LABEL: Record<Severity, [string, keyof typeof SGR]> = {
  error: ['error', 'red'],
  warning: ['warning', 'yellow'],
  info: ['info', 'blue'],
};

export function formatStylish(results: FileResult[], cwd: string, style: Style): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const file of results) {
    if (!file.findings.length) continue;
    // Names and messages come from the repository: no line breaks or terminal escapes of theirs reach the terminal.
    out.push(paint(style, 'underline', visible(path.relative(cwd, file.path) || file.path)));
    const rows = file.findings.map((f) => {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      const [label, color] = LABEL[f.severity];
      return { pos: `${f.line}:${f.column}`, label, color, message: visible(fullMessage(f)), rule: f.ruleId };
    });
    const posWidth = maxOf(rows.map((r) => r.pos.length), 0);
    for (const r of rows) {
      out.push(`  ${paint(style, 'dim', r.pos.padEnd(posWidth))}  ${paint(style, r.color, r.label.padEnd(7))}  ${r.message}  ${paint(style, 'dim', r.rule)}`);
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) {
    out.push(paint(style, 'green', `✔ ${plural(results.length, 'file')} checked, no problems`));
  } else {
    const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
    if (infos) parts.push(`${infos} info`);
    // Files with problems, as ESLint counts them; out of how many were checked when that differs.
    const withProblems = results.filter((f) => f.findings.length).length;
    const files = withProblems === results.length ? plural(withProblems, 'file') : `${withProblems} of ${plural(results.length, 'file')}`;
    out.push(paint(style, errors ? 'red' : 'yellow', `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${files}`));
  }
  return out.join('\n') + '\n';
}
