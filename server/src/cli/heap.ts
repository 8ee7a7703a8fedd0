// How far the command's heap may grow past what it holds. A run keeps every document's light model
// and text until the report, and parsing promotes garbage to the old generation all along; V8 lets
// the old generation grow up to four times what survived its last full collection before
// collecting again, so the process peaked at two to three times what it held. A fixed factor of
// two keeps the peak near what is held at the cost of more full collections, which stay cheap
// because the documents are small (bench/RESULTS.md has the measurement). The flag is the
// process's, so it holds for the analysis threads too; the language server, which lives on and
// keeps its heap, does not set it.
//
// The young generation too. V8 doubles a thread's semi-spaces (up to 16 MB each, 48 MB of young
// generation with its large-object part) whenever much of what it allocates survives a scavenge,
// as parsing's does, and the pages stay resident. Their largest size is fixed when a heap is made
// (--max-semi-space-size set from inside comes too late), but the growth factor is read at each
// growth: at 1 a semi-space stays the size it has. This thread's is held once its new space
// reaches YOUNG_HOLD_MB. Smaller holds cost more than they save: at 2 MB semi-spaces the peak fell
// by a quarter but collection time doubled and the cold run took about 5% longer (RESULTS.md).
// V8 puts the factor back to 2 whenever it makes a heap (an analysis thread's), so a timer sets it
// again; it runs every HOLD_EVERY_MS while the thread yields (a thread that never yields for that
// long can double once more before it runs), and the process-wide factor then holds the analysis
// threads' too (theirs are capped at 8 MB anyway). A V8 that refuses the factor keeps its default.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Percent the old generation may grow past what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 100;

/** The new space (both semi-spaces) at which this thread's young generation stops growing. */
export const YOUNG_HOLD_MB = 16;

/** How often the hold is checked and set again (ms). */
export const HOLD_EVERY_MS = 100;

/** Whether a young generation of this size (bytes of new space) is held. */
export function holdsYoung(newSpaceBytes: number): boolean {
  return newSpaceBytes >= YOUNG_HOLD_MB * 1024 * 1024;
}

/** For a one-shot command: bound the heap's growth for the rest of the process. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // Unreferenced: it never keeps the process alive, and a short run (--cache) ends before it matters.
  setInterval(() => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    if (holdsYoung(young)) setFlagsFromString('--semi-space-growth-factor=1');
  }, HOLD_EVERY_MS).unref();
}
