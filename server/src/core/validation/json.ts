// The validation report as JSON, for tools that file it or compare two runs: the report's data as
// it is (ValidationReport), with the format's version so a reader can tell a later shape.
import type { ValidationReport } from './report';

/** Raised when a key is renamed or removed; adding keys does not raise it. */
export const VALIDATION_JSON_VERSION = 1;

export function formatValidationJson(r: ValidationReport): string {
  return JSON.stringify({ formatVersion: VALIDATION_JSON_VERSION, ...r }, null, 2) + '\n';
}
