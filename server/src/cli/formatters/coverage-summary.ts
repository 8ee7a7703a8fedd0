// The short coverage summary printed after stylish findings: how much of the
// standard the documents address, and the required procedures still missing.
import * as path from 'node:path';
import { isGap, uncontrolledCiters, type ClauseCoverage, type CoverageMatrix } from '../../core/coverage';
import { coverageRowLabel } from '../../core/coverage-label';
import { paint, type Style } from './stylish';
import { plural } from '../../core/words';
import { toPosix } from '../../core/workspace';
import { visible } from '../../core/visible';

const NAMED_FILES = 5;
const NOTE = { covered: '', partial: ' (partly: only subclauses cited)', 'draft-only': ' (draft only)', uncontrolled: ' (uncontrolled only)', 'not-covered': '' } as const;

/** " (only 7.5 cited)": a clause that requires its own procedure, reached only through a citation of the clause above. */
function parentNote(c: ClauseCoverage): string {
  const above = [...new Set(c.documents.filter((d) => d.requiresOwn).map((d) => d.cites))];
  return above.length ? ` (only ${above.join(', ')} cited)` : '';
}

/** `cwd`: paths of uncontrolled documents are shown relative to it. */
export function formatCoverageSummary(matrix: CoverageMatrix, style: Style, cwd = process.cwd()): string {
  const s = matrix.summary;
  const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : 100);
  const gaps = matrix.clauses.filter(isGap);
  const lines = [
    paint(style, 'bold', `Clause coverage, ${visible(matrix.title)}`),
    `  ${s.covered} of ${plural(s.clauses, 'clause')} covered by approved or effective documents (${pct(s.covered, s.clauses)}%), ${s.partial} partly (only subclauses cited), ${s.draftOnly} by drafts only, ${s.uncontrolled} cited only by uncontrolled documents, ${s.notCovered} cited by no document`,
    `  ${s.requiredCovered} of ${s.required === 1 ? '1 clause that requires a documented procedure or process is' : `${s.required} clauses that require a documented procedure or process are`} covered (${pct(s.requiredCovered, s.required)}%)${s.requiredPartial ? `, ${s.requiredPartial} more only partly` : ''}`,
  ];
  if (gaps.length) {
    lines.push(`  Missing procedures: ${visible(gaps.map((c) => `${coverageRowLabel(c)} ${c.clause.title}${NOTE[c.state] || parentNote(c)}`).join('; '))}`);
  }
  const files = uncontrolledCiters(matrix.clauses).map((p) => path.posix.relative(toPosix(cwd), p) || p);
  if (files.length) {
    const more = files.length > NAMED_FILES ? ` and ${files.length - NAMED_FILES} more (qmslint coverage lists them)` : '';
    lines.push(`  Cited by uncontrolled documents (no id in front matter, so they cover nothing): ${visible(files.slice(0, NAMED_FILES).join(', '))}${more}`);
  }
  return lines.join('\n') + '\n';
}
