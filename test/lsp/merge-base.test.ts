// Issue 18, point 4, in the editor: with `base: main` in .qmslint.yaml on a branch behind main,
// the change rules compare with the merge base of main and HEAD, as `qmslint --base main` does,
// so what main gained after the branch point does not show as undone on the branch.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { CLEAN_SOP } from '../helpers';
import { TestClient } from './client';

const SOP = 'sops/sop-001.md';
const CONFIG = 'rules:\n  coverage-gap: off\nbase: main\n';
const CHANGE_RULES = ['change-without-revision', 'change-without-history', 'change-approvals-carried', 'status-regression'];

/** Revision D on main: a new revision with its history row and approvals. */
const REVISION_D = CLEAN_SOP.replace('revision: C', 'revision: D')
  .replace(/(\| C \| 2026-02-10 \| Dana Whitfield \| Periodic review updates \|\n)/, '$1| D | 2026-10-01 | Dana Whitfield | Scope extended to records |\n')
  .replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1')
  .replace('controlled documents.', 'controlled documents and records.');
const EDITED = CLEAN_SOP.replace('## Purpose', '## Purpose and scope');

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});
afterAll(removeTempRepos);

const changeFindings = (items: Diagnostic[]) => items.filter((d) => CHANGE_RULES.includes(String(d.code))).map((d) => `${d.code}: ${d.message}`);

describe('change control in the editor, on a branch behind its base', () => {
  it('compares with the merge base of base: and HEAD: main revision D is not shown going back to C', async () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, [SOP]: CLEAN_SOP, 'README.md': '# QMS\n' }).branch('pr');
    repo.write({ 'README.md': '# Our QMS\n' }).commit('Branch work');
    repo.git('checkout', '-q', 'main');
    repo.write({ [SOP]: REVISION_D }).commit('Revision D on main');
    repo.git('checkout', '-q', 'pr');

    const file = path.join(repo.dir, SOP);
    client = await TestClient.start([repo.dir]);
    await client.open(file, CLEAN_SOP);
    // Against main itself: "Revision went back from D to C".
    expect(changeFindings(await client.pull(file))).toEqual([]);
    // The branch's own edit is still seen.
    await client.change(file, EDITED);
    expect(changeFindings(await client.pull(file))).toEqual([expect.stringMatching(/^change-without-revision: Content changed since the base, but the revision is still C/)]);
    expect(client.stderr.join('')).not.toContain('merge base');
  });
});
