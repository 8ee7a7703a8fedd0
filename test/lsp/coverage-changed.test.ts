// qmslint/coverageChanged: the bundled server tells a client that asked for it
// (initialization option `coverageChanged`) when a folder's qmslint/coverage
// answer may read differently, and stays quiet otherwise. The VS Code
// extension's coverage view reloads on it instead of on guessed timers.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../server/src/protocol/coverage';
import { removeTempCopy, TestClient, tempCopy, uriOf } from './client';

const SOP2 = 'sops/sop-002-control-of-records.md';

/** Long enough for the server to have checked an edit (it checks 150 ms after the last change) on a loaded machine. */
const QUIET_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('qmslint/coverageChanged', () => {
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const coverage = () => client.request<CoverageResponse>('qmslint/coverage', { uri: uriOf(dir) });
  const clause = async (id: string) => (await coverage()).clauses.find((c) => c.id === id)!;

  beforeAll(async () => {
    dir = tempCopy('examples');
    client = await TestClient.start([dir], { coverageChanged: true });
    // The folder's first index is news to the client too.
    await client.coverageChangesReach(1);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('names the workspace folder, as the coverage answer does', async () => {
    expect(client.coverageChanges[0]).toBe(uriOf(dir));
    expect((await coverage()).folder).toBe(uriOf(dir));
  });

  it('is sent after an edit that cites another clause, and the coverage answer then shows it', async () => {
    expect((await clause('8.2.2')).documents).toEqual([]);
    const text = readFileSync(file(SOP2), 'utf8');
    await client.open(file(SOP2), text);
    const seen = client.coverageChanges.length;
    await client.change(file(SOP2), text.replace('clauses: ["4.2.5"]', 'clauses: ["4.2.5", "8.2.2"]'));
    await client.coverageChangesReach(seen + 1);
    expect(client.coverageChanges.at(-1)).toBe(uriOf(dir));
    expect((await clause('8.2.2')).documents.map((d) => d.id)).toEqual(['SOP-002']);
    await client.change(file(SOP2), text);
    await client.coverageChangesReach(seen + 2);
    expect((await clause('8.2.2')).documents).toEqual([]);
    await client.close(file(SOP2));
  });

  it('is not sent for an edit coverage does not read; the next edit that changes it sends one', async () => {
    const text = readFileSync(file(SOP2), 'utf8');
    await client.open(file(SOP2), text);
    await sleep(QUIET_MS);
    const seen = client.coverageChanges.length;
    // A sentence at the end: no citation, id, status or title changes, and no citation moves.
    await client.change(file(SOP2), `${text}\nRecords are kept as the retention table says.\n`);
    await sleep(QUIET_MS);
    expect(client.coverageChanges.length).toBe(seen);
    // The status coverage reads: a draft covers nothing.
    await client.change(file(SOP2), text.replace('status: effective', 'status: draft'));
    await client.coverageChangesReach(seen + 1);
    expect((await clause('4.2.5')).documents.find((d) => d.id === 'SOP-002')?.status).toBe('draft');
    await client.change(file(SOP2), text);
    await client.coverageChangesReach(seen + 2);
    await client.close(file(SOP2));
  });

  it('is sent when a citation moves (the answer gives where each covering citation stands)', async () => {
    const text = readFileSync(file(SOP2), 'utf8');
    await client.open(file(SOP2), text);
    const line = (await clause('4.2.5')).documents.find((d) => d.id === 'SOP-002')!.range.start.line;
    const seen = client.coverageChanges.length;
    // A front-matter key no check reads, above `clauses:`: only the citation's line changes.
    await client.change(file(SOP2), text.replace('clauses: ["4.2.5"]', 'notes: moved\nclauses: ["4.2.5"]'));
    await client.coverageChangesReach(seen + 1);
    expect((await clause('4.2.5')).documents.find((d) => d.id === 'SOP-002')!.range.start.line).toBe(line + 1);
    await client.change(file(SOP2), text);
    await client.coverageChangesReach(seen + 2);
    await client.close(file(SOP2));
  });

  it('is sent when a file is created on disk and when the configuration changes', async () => {
    let seen = client.coverageChanges.length;
    const created = file('sops/sop-008-complaint-handling.md');
    writeFileSync(created, '---\nid: SOP-008\ntitle: Complaint Handling\nstatus: draft\nclauses: ["8.2.2"]\n---\n# Complaint Handling\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(created), type: 1 }] });
    await client.coverageChangesReach(seen + 1);
    expect((await clause('8.2.2')).documents.map((d) => d.id)).toEqual(['SOP-008']);
    seen = client.coverageChanges.length;
    const config = file('.qmslint.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('standard: iso13485:2016', 'standard: iso9001:2015'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
    await client.coverageChangesReach(seen + 1);
    expect((await coverage()).standard).toBe('iso9001:2015');
  });

  it('is sent for a workspace folder added (once indexed) and for one removed', async () => {
    const added = tempCopy('examples');
    try {
      let seen = client.coverageChanges.length;
      const folder = { uri: uriOf(added), name: 'added' };
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      await client.coverageChangesReach(seen + 1);
      expect(client.coverageChanges.slice(seen)).toEqual([uriOf(added)]);
      expect((await client.request<CoverageResponse>('qmslint/coverage', { uri: uriOf(added) })).folder).toBe(uriOf(added));
      seen = client.coverageChanges.length;
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      await client.coverageChangesReach(seen + 1);
      expect(client.coverageChanges.slice(seen)).toEqual([uriOf(added)]);
    } finally {
      removeTempCopy(added);
    }
  });

  it('is never sent to a client that did not ask for it', async () => {
    const other = tempCopy('examples');
    const quiet = await TestClient.start([other]);
    try {
      const text = readFileSync(path.join(other, SOP2), 'utf8');
      await quiet.open(path.join(other, SOP2), text);
      await quiet.change(path.join(other, SOP2), text.replace('clauses: ["4.2.5"]', 'clauses: ["4.2.5", "8.2.2"]'));
      const answer = await quiet.request<CoverageResponse>('qmslint/coverage', { uri: uriOf(other) });
      expect(answer.clauses.find((c) => c.id === '8.2.2')!.documents.map((d) => d.id)).toEqual(['SOP-002']);
      await sleep(QUIET_MS);
      expect(quiet.coverageChanges).toEqual([]);
    } finally {
      await quiet.stop();
    }
  });
});
