// qsr-term and qsr-inspection-exemption need today's date, so with --jobs and --cache they run on
// the light document, which has no Markdown tree: the same findings on every path, by date.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const PURPOSE = 'for all controlled documents.\n';
const BODY = 'Design records are filed in the DHF (see `DMR` in code). Internal audit reports are not subject to FDA inspection.';
const doc = (effective: string) => CLEAN_SOP.replace('effective_date: 2026-03-01', `effective_date: ${effective}`).replace(PURPOSE, `${PURPOSE}\n${BODY}\n`);

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function found(dir: string, today: string, extra: string[]): string[] {
  const run = runCli(['.', '--format', 'json', '--today', today, ...extra], { cwd: dir });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as JsonReport).flatMap((f) =>
    f.messages.filter((m) => m.ruleId.startsWith('qsr-')).map((m) => `${f.filePath.split(/[\\/]/).pop()}:${m.line}:${m.column} ${m.ruleId}`),
  );
}

describe('the QSR terms and the inspection exemption, by date, on every path', () => {
  for (const extra of [[], ['--cache'], ['--jobs', '2'], ['--cache', '--jobs', '2']]) {
    it(`are reported under the QMSR only (${extra.join(' ') || 'default'})`, () => {
      const dir = tempWorkspace({ 'sop-001.md': doc('2026-03-01'), 'sop-002.md': doc('2025-06-01').replace('id: SOP-001', 'id: SOP-002') }, 'qmslint-qsr-term-');
      temps.push(dir);
      for (let i = 0; i < (extra.includes('--cache') ? 2 : 1); i++) {
        expect(found(dir, '2026-11-26', extra)).toEqual(['sop-001.md:23:33 qsr-term', 'sop-001.md:23:58 qsr-inspection-exemption']);
        expect(found(dir, '2026-02-01', extra)).toEqual([]);
      }
    });
  }
});
