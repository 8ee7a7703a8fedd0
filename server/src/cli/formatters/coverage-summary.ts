// The short coverage summary printed after stylish findings: how much of the
// standard the documents address, and the required procedures still missing.
import * as path from 'node:path';
import { uncontrolledCiters, type CoverageMatrix } from '../../core/coverage';
import { paint, type Style } from './stylish';
import { plural } from '../../core/words';
import { toPosix } from '../../core/workspace';

const NAMED_FILES = 5;
const NOTE = { covered: '', 'draft-only': ' (draft only)', uncontrolled: ' (uncontrolled only)', 'not-covered': '' } as const;

/** `cwd`: paths of uncontrolled documents are shown relative to it. */
export function formatCoverageSummary(matrix: CoverageMatrix, style: Style, cwd = process.cwd()): string {
  const s = matrix.summary;
  const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : 100);
  const gaps = matrix.clauses.filter((c) => c.required && c.state !== 'covered');
  const lines = [
    paint(style, 'bold', `Clause coverage, ${matrix.title}`),
    `  ${s.covered} of ${plural(s.clauses, 'clause')} covered by approved or effective documents (${pct(s.covered, s.clauses)}%), ${s.draftOnly} by drafts only, ${s.uncontrolled} cited only by uncontrolled documents, ${s.notCovered} cited by no document`,
    `  ${s.requiredCovered} of ${s.required === 1 ? '1 clause that requires a documented procedure or process is' : `${s.required} clauses that require a documented procedure or process are`} covered (${pct(s.requiredCovered, s.required)}%)`,
  ];
  if (gaps.length) {
    lines.push(`  Missing procedures: ${gaps.map((c) => `${c.clause.id} ${c.clause.title}${NOTE[c.state]}`).join('; ')}`);
  }
  const files = uncontrolledCiters(matrix.clauses).map((p) => path.posix.relative(toPosix(cwd), p) || p);
  if (files.length) {
    const more = files.length > NAMED_FILES ? ` and ${files.length - NAMED_FILES} more (qmslint coverage lists them)` : '';
    lines.push(`  Cited by uncontrolled documents (no id in front matter, so they cover nothing): ${files.slice(0, NAMED_FILES).join(', ')}${more}`);
  }
  return lines.join('\n') + '\n';
}
