// The short coverage summary printed after stylish findings: how much of the
// standard the documents address, and the required procedures still missing.
import type { CoverageMatrix } from '../../core/coverage';
import { paint, type Style } from './stylish';
import { plural } from '../../core/words';

export function formatCoverageSummary(matrix: CoverageMatrix, style: Style): string {
  const s = matrix.summary;
  const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : 100);
  const gaps = matrix.clauses.filter((c) => c.required && c.state !== 'covered');
  const lines = [
    paint(style, 'bold', `Clause coverage, ${matrix.title}`),
    `  ${s.covered} of ${plural(s.clauses, 'clause')} covered by approved or effective documents (${pct(s.covered, s.clauses)}%), ${s.draftOnly} by drafts only, ${s.notCovered} not covered`,
    `  ${s.requiredCovered} of ${s.required === 1 ? '1 clause that requires a documented procedure or process is' : `${s.required} clauses that require a documented procedure or process are`} covered (${pct(s.requiredCovered, s.required)}%)`,
  ];
  if (gaps.length) {
    lines.push(`  Missing procedures: ${gaps.map((c) => `${c.clause.id} ${c.clause.title}${c.state === 'draft-only' ? ' (draft only)' : ''}`).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
