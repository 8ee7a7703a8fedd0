// The language server's keystroke path (relint: one document checked alone
// against the last lint, its blocks parsed again only where they changed)
// gives exactly the findings of a full lint of the folder, whatever the edit:
// in running text, in a heading, the id, a link, a citation, a suppression.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng, writeCorpus } from '../../bench/corpus.mjs';
import { DocumentCache } from '../../server/src/core/document-cache';
import { lint, relint, type LintOptions } from '../../server/src/core/engine';
import { toPosix } from '../../server/src/core/workspace';
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

describe('relint', () => {
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
        const got = (await folder.lintFile(file)).files.find((f) => f.path === file)?.findings;
        const want = (
          await lint({ workspace, files: folder.fileList(), root, today: TODAY, only: [file], workspaceRules: true })
        ).files.find((f) => f.path === file)?.findings;
        expect(got, `edit ${k} of round ${round} in ${path.basename(file)}`).toEqual(want);
      }
      workspace.closeBuffer(file);
      folder.touch(file);
    }
  });

  it('checks a document alone when a keystroke changes nothing the others can see', async () => {
    const workspace = new BufferWorkspace(undefined, true);
    const cache = new DocumentCache();
    const files = new Folder(root, `file://${root}`, { workspace, today: () => TODAY, overrides: () => ({}) });
    await files.startScan(() => {});
    const file = files.fileList()[7];
    const options = (): LintOptions => ({ workspace, files: files.fileList(), root, today: TODAY, cache, only: [file], workspaceRules: true });
    let last = await lint(options());
    let text = readFileSync(file, 'utf8');
    const at = text.indexOf('. ', text.length >> 1) + 1;
    let alone = 0;
    for (let k = 0; k < 10; k++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      workspace.setBuffer(file, text);
      const fast = await relint(last, options(), file);
      if (fast) alone++;
      const full = await lint({ ...options(), cache: undefined });
      expect(fast?.files[0].findings).toEqual(full.files[0].findings);
      last = fast ?? last;
    }
    expect(alone).toBe(10);
  });

  it('checks a document alone when a keystroke changes what the others see (a citation, a heading, the id)', async () => {
    const workspace = new BufferWorkspace(undefined, true);
    const cache = new DocumentCache();
    const files = new Folder(root, `file://${root}`, { workspace, today: () => TODAY, overrides: () => ({}) });
    await files.startScan(() => {});
    const file = files.fileList()[11];
    const options = (): LintOptions => ({ workspace, files: files.fileList(), root, today: TODAY, cache, only: [file], workspaceRules: true });
    let last = await lint(options());
    let text = readFileSync(file, 'utf8');
    const edits = ['ISO 13485:2016 §7.3.2 ', '## Another heading\n\n', 'ISO 13485:2016 §4.2.4 ', 'Clause 8.2.2 of ISO 13485:2016 '];
    let alone = 0;
    for (const [k, edit] of [...edits, ...edits].entries()) {
      const at = text.indexOf('\n\n', (text.length * (k + 1)) / 10) + 2;
      text = text.slice(0, at) + edit + text.slice(at);
      // The id, now and then: another document's, then back (duplicates come and go).
      if (k === 3) text = text.replace(/^id: .*$/m, 'id: SOP-001');
      workspace.setBuffer(file, text);
      const fast = await relint(last, options(), file);
      if (fast) alone++;
      const full = await lint({ ...options(), cache: undefined });
      expect(fast?.files[0].findings, `edit ${k}`).toEqual(full.files[0].findings);
      last = fast ?? last;
    }
    expect(alone).toBe(2 * edits.length);
  });
});
