// The CLI's hold on the young generation (cli/heap.ts), in a real process: with it, a thread whose
// allocations survive (as parsing's do) keeps its new space near the hold instead of doubling it to
// V8's largest. The memory this saves on a whole run is measured in bench/, not here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdsYoung, YOUNG_HOLD_MB } from '../../server/src/cli/heap';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MB = 1024 * 1024;
let dir: string;
let script: string;

// Keeps much of what it allocates (the survival that makes V8 grow the young generation), yields
// between rounds as the CLI's main thread does, and prints its largest new space in MB. Each yield
// outlasts the hold's timer, so whether the timer ran before the next doubling is not left to the
// machine's speed (a CI machine once doubled past the hold between two 5 ms yields).
const DRIVER = `
import { getHeapSpaceStatistics } from 'node:v8';
import { boundHeapGrowth, HOLD_EVERY_MS } from './server/src/cli/heap';
if (process.argv[2] === 'hold') boundHeapGrowth();
const kept = [];
let largest = 0;
for (let round = 0; round < 20; round++) {
  for (let i = 0; i < 20000; i++) kept.push({ start: i, end: round, text: 'x' + i });
  if (kept.length > 400000) kept.splice(0, 200000);
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
  largest = Math.max(largest, young);
  await new Promise((resolve) => setTimeout(resolve, HOLD_EVERY_MS + 20));
}
console.log(largest / 1048576);
`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qmslint-heap-'));
  script = path.join(dir, 'driver.mjs');
  await build({ stdin: { contents: DRIVER, resolveDir: REPO, loader: 'ts' }, outfile: script, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const largestNewSpace = (mode: 'hold' | 'free') => Number(execFileSync(process.execPath, [script, mode], { encoding: 'utf8' }).trim());

describe('the young generation hold', () => {
  it('decides from the new space size', () => {
    expect(holdsYoung(2 * MB)).toBe(false);
    expect(holdsYoung(YOUNG_HOLD_MB * MB)).toBe(true);
  });

  it('keeps a surviving workload near the hold, where V8 alone grows past it', () => {
    const free = largestNewSpace('free');
    const held = largestNewSpace('hold');
    expect(free).toBeGreaterThan(YOUNG_HOLD_MB);
    // The timer ran in the yield after the new space reached the hold, so it grew no further.
    expect(held).toBeLessThanOrEqual(YOUNG_HOLD_MB);
    expect(held).toBeLessThan(free);
  });
});
