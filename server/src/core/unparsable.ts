// The one finding for a file the Markdown parser could not take (the engine and the document
// analyser both give it): the file costs a finding, never the run.
import type { Report, Severity } from './types';

export function unparsable(e: unknown): Report & { ruleId: string; severity: Severity } {
  const message =
    e instanceof RangeError
      ? `File is too deeply nested to parse (${e.message}) and was not analysed.`
      : `File could not be parsed (${(e as Error)?.message ?? e}) and was not analysed. Please report this as a qmslint bug.`;
  return { ruleId: 'file-too-complex', severity: 'warning', message, range: { start: 0, end: 0 } };
}
