// A progress line on stderr for long runs, only when stderr is a terminal:
// redrawn in place at most ten times a second, and cleared at the end so
// nothing of it stays in the scrollback or reaches a log.
import type { LintOptions } from '../core/project';
import type { CliIo } from './io';

/** Runs over fewer files finish before a progress line would help. */
export const PROGRESS_MIN_FILES = 50;
const INTERVAL_MS = 100;

export interface Progress {
  update: NonNullable<LintOptions['onProgress']>;
  end(): void;
}

export function progressLine(io: CliIo, now: () => number = Date.now): Progress {
  let enabled = false;
  let shown = false;
  let last = -Infinity;
  return {
    update(done, total, phase) {
      // The read phase counts every file, so it decides whether a run is long.
      if (phase === 'read') enabled = io.interactive && total > PROGRESS_MIN_FILES;
      if (!enabled || now() - last < INTERVAL_MS) return;
      last = now();
      shown = true;
      io.stderr.write(`\rqmslint: ${phase === 'read' ? 'reading' : 'checking'} ${done}/${total} files\u001b[K`);
    },
    end() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
