// With `standard: 21cfr820` alone, the ISO 13485:2016 clauses that 820.10 incorporates are
// checked and covered as ISO 13485 clauses (issue 13, point 7): the bundled CLI, spawned on a
// workspace whose configuration names only the QMSR.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const PURPOSE = 'This procedure implements ISO 13485:2016 §4.2.4 for all controlled documents.';
const sop = (id: string, title: string, body: string) =>
  CLEAN_SOP.replace('SOP-001', id).replace('Control of Documents', title).replace('clauses: ["4.2.4"]\n', '').replace(PURPOSE, body);

const files = {
  '.qmslint.yaml': 'standard: 21cfr820\n',
  'sop-001.md': sop('SOP-001', 'Control of Documents', 'This procedure implements ISO 13485:2016 4.2.4 and 4.2.5, with the record contents 21 CFR 820.35 adds.'),
  'sop-002.md': sop('SOP-002', 'Design Planning', 'Design planning follows clause 7.3.2; outputs are checked as ISO 13485:2016 7.3.99 asks.'),
};

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function workspace(): string {
  const dir = tempWorkspace(files, 'qmslint-qmsr-inc-');
  temps.push(dir);
  return dir;
}

interface CoverageJson {
  standards: {
    standard: string;
    clauses: { clause: { id: string; label: string; incorporated: { standard: string; title: string; by: string } | null }; state: string; required: boolean; documents: { id: string | null; via: string }[] }[];
  }[];
}

describe('21 CFR 820 incorporates ISO 13485:2016 (CLI)', () => {
  it('coverage --format json lists the ISO 13485:2016 clauses as incorporated through 820.10, covered by their citations', () => {
    const r = runCli(['coverage', '--format', 'json', '--today', '2026-11-26'], { cwd: workspace() });
    expect(r.stderr).toBe('');
    const [cfr] = (JSON.parse(r.stdout) as CoverageJson).standards;
    expect(cfr.standard).toBe('21cfr820');
    const row = (id: string) => cfr.clauses.find((c) => c.clause.id === id)!;
    expect(row('820.35')).toMatchObject({ state: 'covered', clause: { label: '820.35', incorporated: null } });
    for (const [id, doc] of [
      ['4.2.4', 'SOP-001'],
      ['4.2.5', 'SOP-001'],
      ['7.3.2', 'SOP-002'],
    ]) {
      expect(row(id), id).toMatchObject({
        state: 'covered',
        clause: { label: `ISO 13485:2016 ${id}`, incorporated: { standard: 'iso13485:2016', title: 'ISO 13485:2016', by: '820.10' } },
        documents: [{ id: doc, via: 'direct' }],
      });
    }
    expect(row('8.2.2')).toMatchObject({ state: 'not-covered', required: true });
  });

  it('the Markdown report names incorporated clauses with their standard', () => {
    const r = runCli(['coverage', '--today', '2026-11-26'], { cwd: workspace() });
    expect(r.stdout).toContain('## ISO 13485:2016 4 Quality management system\n');
    expect(r.stdout).toMatch(/^\| ISO 13485:2016 4\.2\.4 \| Control of documents \| required \| \[x\] covered \|/m);
    expect(r.stdout).toMatch(/^\| 820\.35 \| Control of records \|/m);
  });

  it('lint: coverage-gap lists a missing ISO 13485 procedure; clause-unknown is quiet for clause 7.3.2 and loud for ISO 13485:2016 7.3.99', () => {
    const r = runCli(['.', '--format', 'json', '--today', '2026-11-26'], { cwd: workspace() });
    const report = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; detail?: string; line: number }[] }[];
    const messages = (file: string, rule: string) =>
      report.filter((f) => f.filePath.endsWith(file)).flatMap((f) => f.messages.filter((m) => m.ruleId === rule).map((m) => (m.detail ? `${m.message} ${m.detail}` : m.message)));
    const [gap, ...moreGaps] = messages('.qmslint.yaml', 'coverage-gap');
    expect(moreGaps).toEqual([]);
    expect(gap).toMatch(/^21 CFR 820: /);
    expect(gap).toContain('ISO 13485:2016 8.2.2');
    expect(gap).toContain('820.45');
    expect(gap).not.toContain('ISO 13485:2016 4.2.4');
    expect(messages('sop-002.md', 'clause-unknown')).toEqual([expect.stringMatching(/^ISO 13485:2016 has no clause 7\.3\.99\./)]);
    expect(messages('sop-001.md', 'clause-unknown')).toEqual([]);
    // A 21 CFR 820 procedure citing only ISO 13485:2016 clauses cites its standard's requirements.
    expect(messages('sop-002.md', 'clause-reference-missing')).toEqual([]);
  });
});
