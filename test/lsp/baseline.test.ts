// The baseline in the editor: with `baseline:` in the folder's .qmslint.yaml, a finding the
// baseline holds is a hint that says it is baselined, and a new one keeps its own severity; a
// baseline written again (a watched file changed) is read again. The baseline is recorded by the
// bundled CLI, as a user would, so both doors share its identities.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP } from '../helpers';
import { runCli } from '../run-cli';
import { removeTempCopy, tempCopy, TestClient, TODAY, uriOf } from './client';

const PURPOSE = 'This procedure implements ISO 13485:2016 §4.2.4 for all controlled documents.';
const citing = (...clauses: string[]) => CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n\nSee also ${clauses.map((c) => `ISO 13485:2016 §${c}`).join(' and ')}.`);
const BASELINE = '.qmslint-baseline.json';

let client: TestClient | undefined;
let dir: string | undefined;
afterAll(async () => {
  await client?.stop();
  if (dir) removeTempCopy(dir);
});

describe('a baseline in the editor', () => {
  it('shows a baselined finding as a hint saying so, a new one at its own severity, and reads the baseline again when it changes', async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    const sop = path.join(dir, 'sop-001.md');
    writeFileSync(path.join(dir, '.qmslint.yaml'), `documents: ["**/*.md"]\nrules:\n  coverage-gap: off\nbaseline: ${BASELINE}\n`);
    writeFileSync(sop, citing('9.9.9'));
    expect(runCli(['baseline', '--today', TODAY], { cwd: dir }).status).toBe(0);
    // A new finding of the same rule, on a line above the baselined one.
    writeFileSync(sop, citing('9.9.9').replace('## Purpose\n', '## Purpose\n\nSee ISO 13485:2016 §9.9.8 first.\n'));

    client = await TestClient.start([dir]);
    const shown = (await client.pull(sop)).filter((d) => d.code === 'clause-unknown');
    expect(shown.map((d) => [String(d.message).match(/clause (\d+(?:\.\d+)*)/)![1], d.severity])).toEqual([
      ['9.9.8', DiagnosticSeverity.Error],
      ['9.9.9', DiagnosticSeverity.Hint],
    ]);
    expect(shown[0].message).toBe('ISO 13485:2016 has no clause 9.9.8.');
    expect(shown[1].message).toBe(`ISO 13485:2016 has no clause 9.9.9. (baselined in ${BASELINE})`);

    // The baseline recorded again, now holding both: the editor hears of the file and reads it again.
    expect(runCli(['baseline', '--today', TODAY], { cwd: dir }).status).toBe(0);
    const refreshed = client.nextRefresh();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, BASELINE)), type: 2 }] });
    await refreshed;
    const after = (await client.pull(sop)).filter((d) => d.code === 'clause-unknown');
    expect(after.map((d) => d.severity)).toEqual([DiagnosticSeverity.Hint, DiagnosticSeverity.Hint]);

    // A baseline the editor cannot use (a merge conflict left in it): findings at their own severity, and the log says why, once.
    writeFileSync(path.join(dir, BASELINE), '{\n  "version": 1,\n<<<<<<< HEAD\n');
    const again = client.nextRefresh();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, BASELINE)), type: 2 }] });
    await again;
    const broken = (await client.pull(sop)).filter((d) => d.code === 'clause-unknown');
    expect(broken.map((d) => d.severity)).toEqual([DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
    await client.pull(sop);
    const said = client.stderr.filter((m) => m.includes('is not used'));
    expect(said).toEqual([expect.stringMatching(/^qmslint: the baseline .*\.qmslint-baseline\.json is not used: \.qmslint-baseline\.json:3:1: not valid JSON: /)]);
  });
});
