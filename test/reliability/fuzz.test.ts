// Property-based fuzzing of the engine (fast-check), one class of hostile or
// broken input per test: see fuzz-cases.ts for the generators and the
// invariants every input must keep. Each class runs in a worker thread; a
// watchdog terminates it when a case gives no sign of life for WATCHDOG_MS,
// which is there to catch a hang (a loop, a backtracking regex), not to time.
//
// The seed is random on each run and printed; FUZZ_SEED=<n> repeats a run,
// FUZZ_RUNS=<factor> multiplies the case counts (a long local soak).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yamlDataPlugin } from '../../scripts/yaml-data.mjs';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import type { WorkerInput, WorkerMessage } from './fuzz-cases';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WATCHDOG_MS = Number(process.env.FUZZ_WATCHDOG_MS ?? HANG_GUARD_MS);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const FACTOR = Number(process.env.FUZZ_RUNS ?? 1);

/** Cases per class: the cheap ones many times, the megabyte ones a few. */
const CLASSES: [string, number][] = [
  ['generated', 250],
  ['mutated', 250],
  ['truncated', 200],
  ['fences-and-delimiters', 300],
  ['multi-file workspace', 100],
  ['invalid UTF-8 and lone surrogates', 150],
  ['NUL bytes', 100],
  ['line endings and BOM', 200],
  ['yaml bombs and deep yaml', 40],
  ['deep nesting', 20],
  ['wide tables', 4],
  ['megabyte lines', 5],
  ['fixes', 100],
];

let dir: string;
let bundle: string;
const ran = new Map<string, { cases: number; largest: number; ms: number; slowest: number }>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qmslint-fuzz-'));
  bundle = path.join(dir, 'fuzz-cases.cjs');
  await build({
    entryPoints: [path.join(REPO, 'test/reliability/fuzz-cases.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [yamlDataPlugin],
    logLevel: 'warning',
  });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  const rows = [...ran].map(([cls, r]) => `  ${cls.padEnd(36)} ${String(r.cases).padStart(5)} cases, largest input ${String(r.largest).padStart(8)} characters, slowest case ${(r.slowest / 1000).toFixed(1)} s, class ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`fuzz (seed ${SEED}):\n${rows.join('\n')}\n  total ${[...ran.values()].reduce((n, r) => n + r.cases, 0)} cases`);
});

/** Runs one class in a worker; rejects when the watchdog fires. */
function runClass(cls: string, numRuns: number): Promise<Extract<WorkerMessage, { type: 'done' }>> {
  const input: WorkerInput = { repo: REPO, cls, seed: SEED, numRuns };
  const worker = new Worker(bundle, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 4096, stackSizeMb: 4 } });
  return new Promise((resolve, reject) => {
    let last = -1;
    let size = 0;
    let sample = '';
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`watchdog: case ${last} of class "${cls}" (${size} characters) ran over ${WATCHDOG_MS / 1000} s (FUZZ_SEED=${SEED} repeats the run): ${sample}`));
      }, WATCHDOG_MS);
    };
    arm();
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'case') {
        last = m.n;
        size = m.size;
        sample = m.sample;
        arm();
      } else {
        clearTimeout(timer);
        void worker.terminate();
        resolve(m);
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker for "${cls}" exited (${code}) at case ${last}`));
    });
  });
}

describe(`fuzzing the engine (seed ${SEED})`, () => {
  for (const [cls, runs] of CLASSES) {
    it(cls, async () => {
      const start = performance.now();
      const done = await runClass(cls, Math.max(1, Math.round(runs * FACTOR)));
      ran.set(cls, { cases: done.ran, largest: done.largest, ms: performance.now() - start, slowest: done.slowestMs });
      expect(done.failed, `${done.message}\ncounterexample: ${done.counterexample}\nFUZZ_SEED=${SEED} repeats the run`).toBe(false);
    }, 20 * 60_000);
  }
});
