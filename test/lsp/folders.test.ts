// A workspace folder is what the user opened: it is listed whole, whatever the
// .gitignore files above it say (a checkout inside another repository's ignored
// build folder, as the real-editor suite's own workspace is).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, tempCopy, uriOf } from './client';

describe('a workspace folder inside a git work tree that ignores it', () => {
  let folder: string;
  let client: TestClient;

  beforeAll(async () => {
    folder = tempCopy('examples');
    const tree = path.dirname(folder);
    mkdirSync(path.join(tree, '.git'));
    writeFileSync(path.join(tree, '.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(tree, '.gitignore'), `${path.basename(folder)}/\n`);
    client = await TestClient.start([folder]);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('is linted whole, its coverage gaps included', async () => {
    const uris = (await client.pullWorkspace()).items.map((i) => i.uri);
    expect(uris).toContain(uriOf(path.join(folder, 'sops/sop-001-control-of-documents.md')));
    expect(uris).toContain(uriOf(path.join(folder, '.qmslint.yaml')));
  });
});
