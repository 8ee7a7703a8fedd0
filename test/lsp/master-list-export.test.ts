// qmslint/masterListExport, behind the editor's "QMS: Export Document Master List", spoken to the
// bundled server on a copy of test/fixtures/cli/master-list: the same text `qmslint list` writes
// (one core function builds the rows for both), from the files as saved, and bad params refused.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MasterListExportResponse } from '../../server/src/protocol/master-list-export';
import { runCli } from '../run-cli';
import { removeTempCopy, TestClient, tempCopy, TODAY, uriOf } from './client';

describe('qmslint/masterListExport', () => {
  let dir: string;
  let client: TestClient;

  beforeAll(async () => {
    dir = tempCopy('test/fixtures/cli/master-list');
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
    removeTempCopy(dir);
  });

  it('answers, in each format, the text `qmslint list` writes in the folder', async () => {
    for (const format of ['markdown', 'csv', 'json', 'html']) {
      const answer = await client.request<MasterListExportResponse>('qmslint/masterListExport', { uri: uriOf(dir), format });
      const cli = runCli(['list', '--format', format, '--today', TODAY], { cwd: dir });
      expect(cli.status).toBe(0);
      expect(answer).toEqual({ format, documents: 7, text: cli.stdout });
    }
  });

  it('lists the files as saved: an unsaved edit is left out', async () => {
    const sop = path.join(dir, 'sops/sop-002-records.md');
    const text = readFileSync(sop, 'utf8');
    await client.open(sop, text);
    await client.change(sop, text.replace('owner: Quality Manager', 'owner: Someone Else'));
    const answer = await client.request<MasterListExportResponse>('qmslint/masterListExport', { uri: uriOf(dir), format: 'json' });
    const rows = JSON.parse(answer.text) as { id: string; owner: string; training: string[]; supersededBy: unknown }[];
    expect(rows.find((r) => r.id === 'SOP-002')).toMatchObject({ owner: 'Quality Manager', training: ['Operators'] });
    expect(rows.find((r) => r.id === 'SOP-004')!.supersededBy).toEqual([{ id: 'SOP-099', exists: false }]);
    await client.close(sop);
  });

  it('refuses a format it does not know, or none, as invalid params', async () => {
    await expect(client.request('qmslint/masterListExport', { uri: uriOf(dir), format: 'sarif' })).rejects.toMatchObject({ code: -32602 });
    await expect(client.request('qmslint/masterListExport', { uri: uriOf(dir), format: 'constructor' })).rejects.toMatchObject({ code: -32602 });
    await expect(client.request('qmslint/masterListExport', { uri: uriOf(dir) })).rejects.toMatchObject({ code: -32602 });
  });
});
