// `npm start`, the README's first command after `npm ci`: the demo on the example QMS
// shows the findings and the coverage summary and exits 0 (npm would print its red
// "npm error" block for any other exit), though qmslint itself exits 1 there.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { cliEnv, REPO } from '../run-cli';

describe('npm start', () => {
  it('shows the example QMS findings and coverage, and exits 0', () => {
    const r = spawnSync('npm', ['start'], { cwd: REPO, encoding: 'utf8', env: cliEnv(), timeout: HANG_GUARD_MS, killSignal: 'SIGKILL' });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/npm error/);
    expect(r.stdout).toMatch(/sop-003-corrective-and-preventive-action\.md\n\s+\d+:\d+\s+error/);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
    expect(r.stdout).toContain('Clause coverage, ISO 13485:2016');
    expect(r.stdout).toContain('so qmslint itself exited 1');
  });
});
