// The editor's settings (qmslint.standard, qmslint.documents, qmslint.rules)
// lie over every config file, at start and when they change.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCopy, TestClient } from './client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('editor settings', () => {
  it('turns rules off and changes severities, at start and on change', async () => {
    const ws = tempCopy('examples');
    const sop3 = path.join(ws, 'sops/sop-003-corrective-and-preventive-action.md');
    client = await TestClient.start([ws], { settings: { rules: { 'clause-unknown': 'off', 'revision-mismatch': 'warning', 'link-broken': 'loud' } } });
    await client.open(sop3);
    const codes = (await client.pull(sop3)).map((d) => [d.code, d.severity]);
    expect(codes.map(([c]) => c)).not.toContain('clause-unknown');
    expect(codes).toContainEqual(['revision-mismatch', 2]); // Warning
    const refreshed = client.nextRefresh();
    await client.notify('workspace/didChangeConfiguration', { settings: { qmslint: { rules: {} } } });
    await refreshed;
    const after = (await client.pull(sop3)).map((d) => [d.code, d.severity]);
    expect(after).toContainEqual(['clause-unknown', 1]); // back to its default, Error
    expect(after).toContainEqual(['revision-mismatch', 1]);
  });

  it('adds documents globs and switches the standard', async () => {
    const ws = tempCopy('test/fixtures/cli/clean'); // its config has no documents globs
    const note = path.join(ws, 'notes/purchasing.md');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(note), { recursive: true });
    writeFileSync(note, '# Purchasing\n\nThis note covers ISO 9001 and ISO 13485.\n\nSuppliers are evaluated per §8.4.1.\n');
    client = await TestClient.start([ws]);
    await client.open(note);
    // Citations are checked in every Markdown file. "§8.4.1" names no standard: it is read as
    // the standard in force, which the note names; 8.4.1 is no clause of ISO 13485:2016.
    expect((await client.pull(note)).map((d) => d.code)).toEqual(['clause-unknown']);
    await client.notify('workspace/didChangeConfiguration', { settings: { qmslint: { documents: ['notes/**'], standard: 'iso9001:2015' } } });
    const codes = (await client.pull(note)).map((d) => d.code);
    expect(codes).toContain('front-matter-missing'); // now a controlled document
    expect(codes).not.toContain('clause-unknown'); // 8.4.1 exists in ISO 9001:2015, not in ISO 13485:2016
    await client.notify('workspace/didChangeConfiguration', { settings: { qmslint: { documents: ['notes/**'] } } });
    expect((await client.pull(note)).map((d) => d.code)).toContain('clause-unknown');
  });
});
