// Validation report formats by name; each is a pure function of the report.
import { formatValidationHtml } from './html';
import { formatValidationJson } from './json';
import { formatValidationMarkdown } from './markdown';
import type { ValidationReport } from './report';

export const validationFormatters: Record<string, (report: ValidationReport) => string> = {
  markdown: formatValidationMarkdown,
  html: formatValidationHtml,
  json: formatValidationJson,
};
