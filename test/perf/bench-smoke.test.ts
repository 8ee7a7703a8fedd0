// The benchmark scripts run end to end on a tiny corpus (their timings are not
// checked here: benchmarks are never timed assertions in the test suite).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../hang-guard.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench/', () => {
  it('generates the same corpus from the same seed', async () => {
    const { writeCorpus } = await import('../../bench/corpus.mjs');
    const a = writeCorpus(path.join(dir, 'a'), { docs: 5, seed: 3 });
    const b = writeCorpus(path.join(dir, 'b'), { docs: 5, seed: 3 });
    expect(a).toEqual(b);
    for (const rel of a) expect(readFileSync(path.join(dir, 'a', rel), 'utf8')).toBe(readFileSync(path.join(dir, 'b', rel), 'utf8'));
  });

  it('measures every tool on a tiny corpus and writes the results', () => {
    const results = path.join(dir, 'RESULTS.md');
    const run = spawnSync(
      process.execPath,
      ['bench/run.mjs', '--docs', '6', '--rounds', '1', '--no-growth', '--no-large', '--lsp-rounds', '2', '--results', results, '--corpus-dir', path.join(dir, 'corpus')],
      { cwd: REPO, encoding: 'utf8', timeout: HANG_GUARD_MS, killSignal: 'SIGKILL' },
    );
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(results, 'utf8');
    expect(text).toContain('| qmslint (cold) |');
    expect(text).toContain('| markdownlint-cli2 |');
    expect(text).toContain('| parse floor |');
    expect(text).toContain('Workspace diagnostics complete');
    expect(text).toContain('### Targets');
  });
});
