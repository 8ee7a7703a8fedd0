// What is read per parsed run (citations, the standards named, document ids,
// placeholders) and kept between edits equals reading the whole document
// again: after every edit, a document built with its block cache has the
// model and the findings of one built from scratch.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng, writeCorpus } from '../../bench/corpus.mjs';
import { extractStandardMentions } from '../../server/src/core/citations';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { RunCache } from '../../server/src/core/parse-blocks';
import { lint, Project } from '../../server/src/core/project';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { TODAY } from '../helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-runmemo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = path.join(dir, 'ws');
writeCorpus(root, { docs: 12, seed: 4 });

const EDITS = ['x', '\n\n', 'ISO 13485:2016 §7.3.2 ', 'SOP-003 ', 'TBD ', '<enter owner> ', '## Heading 7.5\n\n', '| a | ISO 9001:2015 8.1 |\n|---|---|\n| b | c |\n\n', '<!-- [13485:4.2.4] -->\n', '```\n'];

describe('per-run reading', () => {
  it('gives the model a whole reading gives, edit after edit', async () => {
    const r = rng(11);
    const files = ['sops', 'work-instructions', 'forms'].flatMap((d) => readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)));
    expect(files.length).toBeGreaterThan(3);
    const config = defaultConfig(root);
    let withRuns = 0;
    for (const file of files.slice(0, 6)) {
      const runs = new RunCache();
      let text = readFileSync(file, 'utf8');
      buildDocument(file, text, config, false, runs);
      for (let k = 0; k < 25; k++) {
        const at = r.int(0, text.length);
        text = r.chance(0.7) ? text.slice(0, at) + r.pick(EDITS) + text.slice(at) : text.slice(0, at) + text.slice(at + r.int(1, 40));
        const cached = buildDocument(file, text, config, false, runs);
        const fresh = buildDocument(file, text, config, false);
        if (cached.parsed.runs) withRuns++;
        const where = `${path.basename(file)} edit ${k}`;
        expect(cached.citations, where).toEqual(fresh.citations);
        expect(cached.mentions, where).toEqual(fresh.mentions);
        expect(extractStandardMentions(cached.parsed, cached.citations), where).toEqual(extractStandardMentions(fresh.parsed, fresh.citations));
      }
    }
    expect(withRuns).toBeGreaterThan(100);
  });

  it('gives the findings of a whole reading (placeholders included), edit after edit', async () => {
    const r = rng(12);
    const file = path.join(root, 'edited.md');
    let text = readFileSync(path.join(root, 'sops', readdirSync(path.join(root, 'sops'))[0]), 'utf8');
    const project = new Project({ workspace: new MemoryWorkspace({}), files: [file], root, today: TODAY, editing: true });
    for (let k = 0; k < 40; k++) {
      const at = r.int(0, text.length);
      text = r.chance(0.7) ? text.slice(0, at) + r.pick(EDITS) + text.slice(at) : text.slice(0, at) + text.slice(at + r.int(1, 40));
      const workspace = new MemoryWorkspace({ [file]: text });
      const options = { workspace, files: [file], root, today: TODAY };
      // The same project edit after edit, as the editor's folder: each text read through its run cache.
      const got = (await project.findingsAll({ workspace })).files[0].findings;
      project.update({ changed: [file] });
      const want = (await lint(options)).files[0].findings;
      expect(got, `edit ${k}`).toEqual(want);
    }
  });
});
