// Coverage report formats by name; each is a pure function of the report (no
// disk, process or terminal), so both the CLI and the language server use them.
import { formatCoverageCsv } from './csv';
import { formatCoverageHtml } from './html';
import { formatCoverageJson } from './json';
import { formatCoverageMarkdown } from './markdown';
import type { CoverageReport } from './report';

export type CoverageFormatter = (report: CoverageReport) => string;

export const coverageFormatters: Record<string, CoverageFormatter> = {
  markdown: formatCoverageMarkdown,
  csv: formatCoverageCsv,
  json: formatCoverageJson,
  html: formatCoverageHtml,
};
