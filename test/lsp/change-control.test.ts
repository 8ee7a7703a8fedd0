// Issue 16, point 11: change control live in the editor. The server compares
// each document it checks with its committed version (HEAD, or the `base:` of
// .qmslint.yaml), read with git as `qmslint --base` reads it, in real
// repositories: an edit without a new revision shows change-without-revision
// at once, with Bump revision as its quick fix.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { applyLspEdits, TestClient, TODAY, uriOf } from './client';

const CONFIG = 'rules:\n  coverage-gap: off\n';
const SOP = 'sops/sop-001.md';
const CHANGE_RULES = ['change-without-revision', 'change-without-history', 'change-approvals-carried', 'status-regression'];

/** A one-sentence edit to the body: a content change. */
const EDITED = CLEAN_SOP.replace('controlled documents.', 'controlled documents and records.');

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});
afterAll(removeTempRepos);

const changeFindings = (items: Diagnostic[]) => items.filter((d) => CHANGE_RULES.includes(String(d.code)));

async function quickFixes(c: TestClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } });
}

/** Pulls until `done` holds for the file's findings (a refresh may take two rounds); the last pull's findings. */
async function pullUntil(c: TestClient, file: string, done: (items: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  let items = await c.pull(file);
  for (let i = 0; i < 50 && !done(items); i++) {
    await new Promise((r) => setTimeout(r, 100));
    items = await c.pull(file);
  }
  return items;
}

describe('change control in the editor', () => {
  it('an edit without a new revision shows change-without-revision with Bump revision; bumping clears it; nothing is written', async () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP });
    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    const uri = await client.open(file, CLEAN_SOP);
    expect(changeFindings(await client.pull(file))).toEqual([]);

    await client.change(file, EDITED);
    const found = changeFindings(await client.pull(file));
    expect(found.map((d) => [d.code, d.range.start.line])).toEqual([['change-without-revision', 4]]);
    expect(found[0].message).toMatch(/revision is still C/);

    const actions = await quickFixes(client, uri, found);
    const bump = actions.find((a) => a.title.startsWith('Bump revision'));
    expect(bump?.title).toBe('Bump revision (C -> D)');
    expect(bump?.kind).toBe('quickfix');
    expect(bump?.diagnostics?.map((d) => d.code)).toEqual(['change-without-revision']);
    // Disabling the rule is offered too, but after the bump and never preferred.
    expect(actions.findIndex((a) => a.title.startsWith('Disable'))).toBeGreaterThan(actions.indexOf(bump!));

    const bumped = applyLspEdits(EDITED, bump!.edit!.changes![uri]);
    expect(bumped).toContain('revision: D');
    expect(bumped).toContain(`| D | ${TODAY} |`);
    await client.change(file, bumped);
    expect(changeFindings(await client.pull(file))).toEqual([]);

    // Edits stay in the buffer, and reading the base wrote nothing: the work tree is as committed.
    expect(readFileSync(file, 'utf8')).toBe(CLEAN_SOP);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('the other change rules show live too: a new revision without its history row, or with the old approvals', async () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP });
    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    await client.open(file, CLEAN_SOP);
    expect(changeFindings(await client.pull(file))).toEqual([]);

    const revisionD = EDITED.replace('revision: C', 'revision: D');
    await client.change(file, revisionD);
    // Revision D: no history row for it, and still effective with the approvals of C.
    expect(changeFindings(await client.pull(file)).map((d) => [d.code, d.range.start.line])).toEqual([
      ['change-without-history', 4],
      ['change-approvals-carried', 9],
    ]);

    // The row added: the approvals of C remain.
    const withRow = revisionD.replace(/(\| C \| 2026-02-10 \| Dana Whitfield \| Periodic review updates \|\n)/, `$1| D | 2026-10-01 | Dana Whitfield | Scope extended to records |\n`);
    expect(withRow).not.toBe(revisionD);
    await client.change(file, withRow);
    expect(changeFindings(await client.pull(file)).map((d) => d.code)).toEqual(['change-approvals-carried']);
  });

  it('a commit moves the base: committed, the edit is the new base and the finding goes', async () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP });
    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    await client.open(file, EDITED);
    expect(changeFindings(await client.pull(file)).map((d) => d.code)).toEqual(['change-without-revision']);

    // The user saves and commits the edit as it is; the editor's watcher reports git's branch ref.
    repo.write({ [SOP]: EDITED }).commit('Edit without a new revision');
    const refreshed = client.nextRefresh();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(repo.dir, '.git/refs/heads/main')), type: 2 }] });
    await refreshed;
    expect(changeFindings(await pullUntil(client, file, (items) => changeFindings(items).length === 0))).toEqual([]);
  });

  it('a folder that becomes a repository: documents checked before its first commit are checked again', async () => {
    // The edit's pull comes before the watcher's news of the first commit, as it may in an editor.
    const repo = TempRepo.create();
    repo.write({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP });
    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    await client.open(file, EDITED);
    expect(changeFindings(await client.pull(file))).toEqual([]);

    repo.commit('First issue');
    const refreshed = client.nextRefresh();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(repo.dir, '.git/refs/heads/main')), type: 1 }] });
    await refreshed;
    expect(changeFindings(await client.pull(file)).map((d) => d.code)).toEqual(['change-without-revision']);
  });

  it('compares with the base: ref of .qmslint.yaml when it sets one, and follows a change of it', async () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP });
    repo.git('tag', 'released');
    repo.write({ [SOP]: EDITED }).commit('Edit without a new revision');
    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    await client.open(file, EDITED);
    // Against HEAD, the default, the text is as committed.
    expect(changeFindings(await client.pull(file))).toEqual([]);

    writeFileSync(path.join(repo.dir, '.qmslint.yaml'), `${CONFIG}base: released\n`);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(repo.dir, '.qmslint.yaml')), type: 2 }] });
    const items = await pullUntil(client, file, (i) => changeFindings(i).length > 0);
    expect(changeFindings(items).map((d) => d.code)).toEqual(['change-without-revision']);
  });

  it('outside git, and without git on PATH: the change rules are silent, one log line says why, no message box', async () => {
    const dir = tempWorkspace({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP });
    for (const env of [process.env, { ...process.env, PATH: path.join(dir, 'no-such-folder') }]) {
      client = await TestClient.start([dir], { env });
      const boxes: unknown[] = [];
      client.connection.onNotification('window/showMessage', (m: unknown) => {
        boxes.push(m);
      });
      const file = path.join(dir, SOP);
      await client.open(file, EDITED);
      const items = await client.pull(file);
      await client.change(file, EDITED.replace('records.', 'records and forms.'));
      expect(changeFindings([...items, ...(await client.pull(file))])).toEqual([]);
      const lines = client.stderr.join('').split('\n').filter((l) => l.includes('change rules off in the editor'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(env === process.env ? /is not inside a git work tree/ : /git was not found on PATH/);
      expect(boxes).toEqual([]);
      await client.stop();
      client = undefined;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs no program the repository configures (fsmonitor, filters, textconv, hooks)', async () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, '.gitattributes': '*.md filter=x diff=x\n', [SOP]: CLEAN_SOP });
    const marker = path.join(repo.dir, '.git', 'ran');
    const bin = path.join(repo.dir, '.git', 'evil');
    mkdirSync(path.join(bin, 'hooks'), { recursive: true });
    const program = (name: string, file = path.join(bin, name)) => {
      writeFileSync(file, `#!/bin/sh\necho ${name} >> '${marker}'\ncat\n`);
      chmodSync(file, 0o755);
      return file;
    };
    repo.git('config', 'core.fsmonitor', program('fsmonitor'));
    repo.git('config', 'filter.x.clean', program('clean'));
    repo.git('config', 'filter.x.smudge', program('smudge'));
    repo.git('config', 'diff.x.textconv', program('textconv'));
    repo.git('config', 'core.hooksPath', path.join(bin, 'hooks'));
    for (const hook of ['post-index-change', 'reference-transaction']) program(hook, path.join(bin, 'hooks', hook));
    // Armed: a plain `git status` runs the repository's fsmonitor.
    repo.git('status', '--porcelain');
    expect(existsSync(marker)).toBe(true);
    writeFileSync(marker, '');

    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    await client.open(file, EDITED);
    expect(changeFindings(await client.pull(file)).map((d) => d.code)).toEqual(['change-without-revision']);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(repo.dir, '.git/HEAD')), type: 2 }] });
    await new Promise((r) => setTimeout(r, 600)); // past the recheck's debounce: it ran git too
    expect(changeFindings(await client.pull(file)).map((d) => d.code)).toEqual(['change-without-revision']);
    expect(readFileSync(marker, 'utf8')).toBe('');
  });
});
