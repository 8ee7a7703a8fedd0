// The language server's keystroke path: a folder's Project, told that one
// document changed, reads and parses only that document (its blocks parsed
// again only where they changed) and runs the workspace rules again only when
// what the others can see of it changed; and it gives exactly the findings of a
// fresh lint of the folder, whatever the edit: in running text, in a heading,
// the id, a link, a citation, a suppression.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rng, writeCorpus } from '../../bench/corpus.mjs';
import { lint, Project } from '../../server/src/core/project';
import type { WorkspaceRule } from '../../server/src/core/rule';
import { rules } from '../../server/src/core/rules';
import { toPosix, type Workspace } from '../../server/src/core/workspace';
import { BufferWorkspace } from '../../server/src/lsp/buffers';
import { Folder } from '../../server/src/lsp/folders';
import { TODAY } from '../helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-relint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = toPosix(path.join(dir, 'ws'));
writeCorpus(root, { docs: 40, seed: 9 });

const EDITS = [
  'x', ' ', '\n', '\n\n', 'SOP-999 ', 'SOP-001 ', '[link](missing.md) ', '[up](../sops/) ', 'ISO 13485:2016 §4.2.4 ', 'ISO 13485:2015 7.3 ',
  '## New heading\n\n', '# ', '<!-- qmslint-disable-line -->', '<!-- qmslint-disable-file link-broken -->\n', '| a | b |\n|---|---|\n| c | d |\n\n',
  '```\n', '- ', '**', 'YYYY-MM-DD ', '<a id="anchor"></a>',
];

/** A workspace rule that only counts its runs, put into the rule list for one test. */
let workspaceRuns = 0;
const COUNTS: WorkspaceRule = {
  id: 'test-workspace-counts',
  description: 'Counts its runs, to test when the workspace rules run again.',
  rationale: [],
  severity: 'info',
  scope: 'workspace',
  fixable: false,
  needs: { index: true },
  check() {
    workspaceRuns++;
  },
};
afterEach(() => {
  const i = rules.indexOf(COUNTS);
  if (i >= 0) rules.splice(i, 1);
});

/** The files read through a workspace, in order. */
function counting(workspace: Workspace): { workspace: Workspace; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    workspace: { ...workspace, list: (d) => workspace.list(d), stat: (f) => workspace.stat(f), readHead: (f, n) => workspace.readHead(f, n), read: (f, max) => (reads.push(f), workspace.read(f, max)) },
  };
}

/** A project over the corpus, reading through buffers it counts, with the counting rule in; one document (by its place) checked once. */
async function editedProject(place: number) {
  rules.push(COUNTS);
  const buffers = new BufferWorkspace(undefined, true);
  const { workspace, reads } = counting(buffers);
  const folder = new Folder(root, `file://${root}`, { workspace: buffers, today: () => TODAY, overrides: () => ({}) });
  await folder.startScan(() => {});
  const files = folder.fileList();
  const project = new Project({ workspace, files, root, today: TODAY, editing: true });
  const file = files[place];
  await project.findings(file);
  return { buffers, reads, files, project, file };
}

describe('a project told of a keystroke', () => {
  it('gives the findings of a full lint after every keystroke, whatever it changes', async () => {
    const workspace = new BufferWorkspace(undefined, true);
    const folder = new Folder(root, `file://${root}`, { workspace, today: () => TODAY, overrides: () => ({}) });
    await folder.startScan(() => {});
    const files = folder.fileList();
    const r = rng(3);
    for (let round = 0; round < 4; round++) {
      const file = r.pick(files);
      let text = readFileSync(file, 'utf8');
      for (let k = 0; k < 30; k++) {
        const at = r.int(0, text.length);
        text = r.chance(0.7) ? text.slice(0, at) + r.pick(EDITS) + text.slice(at) : text.slice(0, at) + text.slice(at + r.int(1, 30));
        if (r.chance(0.05)) text = text.replace(/^id: .*$/m, `id: SOP-${r.int(1, 60)}`);
        workspace.setBuffer(file, text);
        folder.touch(file);
        const got = (await folder.lintFile(file))?.findings;
        const want = (
          await lint({ workspace, files: folder.fileList(), root, today: TODAY, only: [file], workspaceRules: true })
        ).files.find((f) => f.path === file)?.findings;
        expect(got, `edit ${k} of round ${round} in ${path.basename(file)}`).toEqual(want);
      }
      workspace.closeBuffer(file);
      folder.touch(file);
    }
  });

  it('reads only that document, and keeps the workspace rules\' reports when the others cannot see the change', async () => {
    const { buffers, reads, files, project, file } = await editedProject(7);
    const runs = workspaceRuns;
    let text = readFileSync(file, 'utf8');
    const at = text.indexOf('. ', text.length >> 1) + 1;
    for (let k = 0; k < 10; k++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      buffers.setBuffer(file, text);
      project.update({ changed: [file] });
      reads.length = 0;
      const got = await project.findings(file);
      expect(reads, `edit ${k}`).toEqual([file]);
      const full = await lint({ workspace: buffers, files, root, today: TODAY, only: [file], workspaceRules: true });
      expect(got?.findings, `edit ${k}`).toEqual(full.files[0].findings);
      // The editor's features read the snapshot: it holds the document as it is now, not the one the check's index kept.
      expect((await project.snapshot()).index.byPath.get(file)?.parsed.text, `edit ${k}`).toBe(text);
    }
    // The fresh lints ran it once each; the project, never again.
    expect(workspaceRuns - runs).toBe(10);
  });

  it('reads only that document, and runs the workspace rules again, when the change is one the others see (a citation, a heading, the id)', async () => {
    const { buffers, reads, files, project, file } = await editedProject(11);
    let text = readFileSync(file, 'utf8');
    const edits = ['ISO 13485:2016 §7.3.2 ', '## Another heading\n\n', 'ISO 13485:2016 §4.2.4 ', 'Clause 8.2.2 of ISO 13485:2016 '];
    for (const [k, edit] of [...edits, ...edits].entries()) {
      const at = text.indexOf('\n\n', (text.length * (k + 1)) / 10) + 2;
      text = text.slice(0, at) + edit + text.slice(at);
      // The id, now and then: another document's, then back (duplicates come and go).
      if (k === 3) text = text.replace(/^id: .*$/m, 'id: SOP-001');
      buffers.setBuffer(file, text);
      project.update({ changed: [file] });
      reads.length = 0;
      const runs = workspaceRuns;
      const got = await project.findings(file);
      expect(reads, `edit ${k}`).toEqual([file]);
      expect(workspaceRuns - runs, `edit ${k}`).toBe(1);
      const full = await lint({ workspace: buffers, files, root, today: TODAY, only: [file], workspaceRules: true });
      expect(got?.findings, `edit ${k}`).toEqual(full.files[0].findings);
    }
  });
});
