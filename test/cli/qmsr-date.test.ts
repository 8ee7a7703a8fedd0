// Superseded QSR sections depend on the date (issue 13, point 7a): none for a document effective
// before the QMSR took effect (2026-02-02), none when --today is before it; the same with --cache
// (run twice) and --jobs 2, where the rule reads today's date on the light document.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const PURPOSE = 'for all controlled documents.\n';
const BODY = 'Complaints follow 21 CFR 820.198; design follows 21 CFR 820.30.';
const doc = (effective: string) =>
  CLEAN_SOP.replace('effective_date: 2026-03-01', `effective_date: ${effective}`).replace(PURPOSE, `${PURPOSE}\n${BODY}\n`);

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function superseded(dir: string, today: string, extra: string[]): Record<string, number> {
  const run = runCli(['.', '--format', 'json', '--today', today, ...extra], { cwd: dir });
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
  const out: Record<string, number> = {};
  for (const f of report) {
    const name = f.filePath.split(/[\\/]/).pop()!;
    out[name] = f.messages.filter((m) => m.ruleId === 'clause-edition' && m.message.includes('superseded')).length;
  }
  return out;
}

describe('superseded QSR sections and the QMSR date', () => {
  for (const extra of [[], ['--cache'], ['--jobs', '2'], ['--cache', '--jobs', '2']]) {
    it(`depend on effective_date and --today (${extra.join(' ') || 'default'})`, () => {
      const dir = tempWorkspace(
        { 'sop-001.md': doc('2026-03-01'), 'sop-002.md': doc('2025-06-01').replace('id: SOP-001', 'id: SOP-002') },
        'qmslint-qmsr-',
      );
      temps.push(dir);
      for (let i = 0; i < (extra.includes('--cache') ? 2 : 1); i++) {
        expect(superseded(dir, '2026-03-05', extra)).toEqual({ 'sop-001.md': 2, 'sop-002.md': 0 });
        expect(superseded(dir, '2026-02-01', extra)).toEqual({ 'sop-001.md': 0, 'sop-002.md': 0 });
        expect(superseded(dir, '2026-02-02', extra)).toEqual({ 'sop-001.md': 2, 'sop-002.md': 0 });
      }
    });
  }
});
