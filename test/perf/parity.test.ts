// Every fast path gives exactly the findings of the plain one: documents
// analysed apart (as worker threads and the --cache do: light documents, the
// index-free rules run where the document was parsed) against the engine
// parsing and checking everything in one place, on the examples, the planted
// fixtures and a generated corpus.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.mjs';
import { LocalAnalyser } from '../../server/src/core/analysis';
import { lint, type LintResult } from '../../server/src/core/project';
import { toPosix } from '../../server/src/core/workspace';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { TODAY } from '../helpers';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = `${dir}/${name}`;
      if (name === 'node_modules' || name.startsWith('.')) return [];
      return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
    });
}

/** Findings as data, file by file, in the engine's order. */
export function comparable(result: LintResult) {
  return result.files.map((f) => ({ path: f.path, findings: f.findings }));
}

const corpus = mkdtempSync(path.join(tmpdir(), 'qmslint-parity-'));
writeCorpus(corpus, { docs: 60, seed: 7 });
afterAll(() => rmSync(corpus, { recursive: true, force: true }));

const sets: [string, string][] = [
  ['examples', toPosix(path.join(REPO, 'examples'))],
  ['planted fixtures', toPosix(path.join(REPO, 'test/fixtures/planted'))],
  ['a generated corpus', toPosix(corpus)],
];

describe.each(sets)('analysed apart equals plain on %s', (_, root) => {
  it('gives the same findings, file for file', async () => {
    const files = markdownFiles(root);
    const plain = await lint({ workspace: new DiskWorkspace(), files, root, today: TODAY });
    const apart = await lint({ workspace: new DiskWorkspace(), files, root, today: TODAY, analyser: new LocalAnalyser() });
    expect(comparable(apart)).toEqual(comparable(plain));
    expect(plain.files.flatMap((f) => f.findings).length).toBeGreaterThan(0);
  });
});
