// What a lint formatter is given besides the results. Its own module so that a
// formatter needing it (sarif.ts) and the table of formatters (index.ts) both
// import it here, instead of from each other.
import type { FileResult } from '../../core/project';
import type { RuleMeta } from '../../core/types';

export interface FormatContext {
  cwd: string;
  color: boolean;
  version: string;
  /** Metadata of every rule, for formats that describe rules (SARIF). */
  rules: RuleMeta[];
}

export type Formatter = (results: FileResult[], ctx: FormatContext) => string;
