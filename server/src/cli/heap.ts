// How far the command's heap may grow past what it holds. A run keeps every document's light model
// and text until the report, and parsing promotes garbage to the old generation all along; V8 lets
// the old generation grow up to four times what survived its last full collection before
// collecting again, so the process peaked at two to three times what it held. A fixed factor of
// two keeps the peak near what is held at the cost of more full collections, which stay cheap
// because the documents are small (bench/RESULTS.md has the measurement). The flag is the
// process's, so it holds for the analysis threads too; the language server, which lives on and
// keeps its heap, does not set it.
import { setFlagsFromString } from 'node:v8';

/** Percent the old generation may grow past what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 100;

/** For a one-shot command: read by V8 at every full collection, so setting it at start is enough. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
