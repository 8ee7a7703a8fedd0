// The bundled CLI gives the same findings whichever way it gets them: one
// thread or two (--jobs), from the cache (--cache, cold and warm, after a
// change, with corrupted or foreign cache files), split in shards (--shard:
// every file in exactly one part, the parts together the whole run), as the
// plain in-process run of the sources, on the examples, the planted fixtures
// and a generated corpus.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.mjs';
import { repo, runInProcess, runSpawned, TODAY } from '../cli/harness';

const work = mkdtempSync(path.join(tmpdir(), 'qmslint-paths-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copy(relative: string, name: string): string {
  const target = path.join(work, name);
  cpSync(path.join(repo, relative), target, { recursive: true });
  return target;
}

const corpus = path.join(work, 'corpus');
writeCorpus(corpus, { docs: 48, seed: 5 });

const sets: [string, string][] = [
  ['examples', copy('examples', 'examples')],
  ['planted fixtures', copy('test/fixtures/planted', 'planted')],
  ['a generated corpus', corpus],
];

interface FileReport {
  filePath: string;
  messages: unknown[];
}

async function json(dir: string, extra: string[] = []): Promise<{ code: number | null; files: FileReport[] }> {
  const run = await runSpawned(['.', '--format', 'json', '--today', TODAY, ...extra], { cwd: dir });
  expect(run.stderr).toBe('');
  return { code: run.code, files: JSON.parse(run.stdout) as FileReport[] };
}

describe.each(sets)('the CLI on %s', (_, dir) => {
  let reference: { code: number | null; files: FileReport[] };

  it('gives the same findings with one thread and with two as the plain run of the sources', async () => {
    const plain = await runInProcess(['.', '--format', 'json', '--today', TODAY], { cwd: dir });
    reference = { code: plain.code, files: JSON.parse(plain.stdout) };
    expect(reference.files.some((f) => f.messages.length)).toBe(true);
    expect(await json(dir, ['--jobs', '1'])).toEqual(reference);
    expect(await json(dir, ['--jobs', '2'])).toEqual(reference);
    // --jobs above the cores is capped with a note on stderr (cli-edges.test.ts): as many as there are.
    expect(await json(dir, ['--jobs', String(availableParallelism())])).toEqual(reference);
  });

  it('gives the same findings from the cache, cold and warm', async () => {
    const cache = path.join(work, `cache-${path.basename(dir)}`);
    expect(await json(dir, ['--cache', '--cache-location', cache])).toEqual(reference);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    expect(await json(dir, ['--cache', '--cache-location', cache, '--jobs', '2'])).toEqual(reference);
  });

  it('puts every file in exactly one shard, and the shards together make the whole run', async () => {
    const parts = await Promise.all([1, 2, 3].map((i) => json(dir, ['--shard', `${i}/3`])));
    const seen = parts.flatMap((p) => p.files.map((f) => f.filePath));
    expect(new Set(seen).size).toBe(seen.length);
    const union = parts.flatMap((p) => p.files).sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
    expect(union).toEqual([...reference.files].sort((a, b) => (a.filePath < b.filePath ? -1 : 1)));
    expect(Math.max(...parts.map((p) => p.code ?? 2))).toBe(reference.code);
  });
});

describe('--cache after changes', () => {
  const dir = path.join(work, 'changing');
  const cache = path.join(work, 'changing-cache');
  cpSync(corpus, dir, { recursive: true });
  const files = readdirSync(path.join(dir, 'sops')).map((f) => path.join(dir, 'sops', f));

  it('sees a changed document, and what the change means for the others, as a run without cache does', async () => {
    await json(dir, ['--cache', '--cache-location', cache]);
    // One document changes: a broken reference, and a new id another document's dangling reference may now find.
    const target = files[3];
    const text = readFileSync(target, 'utf8');
    writeFileSync(target, text.replace('## 6. Records\n\n', '## 6. Records\n\nSee SOP-999 and [the plan](missing.md).\n\n').replace(/^id: .*$/m, 'id: SOP-950'));
    const warm = await json(dir, ['--cache', '--cache-location', cache]);
    const fresh = await json(dir);
    expect(warm).toEqual(fresh);
  });

  it('ignores a corrupted, truncated or foreign cache file and gives the same findings', async () => {
    const files = readdirSync(cache).map((f) => path.join(cache, f));
    expect(files).toHaveLength(1);
    const [file] = files;
    const genuine = readFileSync(file);
    const fresh = await json(dir);
    for (const damaged of [
      Buffer.from('not a cache file'),
      genuine.subarray(0, 40),
      genuine.subarray(0, genuine.length - 1),
      Buffer.concat([genuine.subarray(0, genuine.indexOf(10) + 30), Buffer.from('x'), genuine.subarray(genuine.indexOf(10) + 31)]),
      Buffer.from(genuine.toString('latin1').replace(/"tool":"[^"]*"/, '"tool":"another build"'), 'latin1'),
      Buffer.alloc(0),
    ]) {
      writeFileSync(file, damaged);
      expect(await json(dir, ['--cache', '--cache-location', cache])).toEqual(fresh);
    }
  });

  it('answers from the last run when a document changed and shows the others the same facts (every format)', async () => {
    await json(dir, ['--cache', '--cache-location', cache]);
    // A line of prose: the document's findings may change, what the others see of it does not.
    writeFileSync(files[5], readFileSync(files[5], 'utf8') + '\nThe owner of this step is TBD.\n');
    for (const format of ['json', 'stylish', 'sarif']) {
      const args = ['.', '--format', format, '--today', TODAY];
      const fresh = await runSpawned(args, { cwd: dir });
      const warm = await runSpawned([...args, '--cache', '--cache-location', cache], { cwd: dir });
      expect(warm.stdout).toBe(fresh.stdout);
      expect(warm.code).toBe(fresh.code);
    }
  });

  it('sees a link target created since the last run', async () => {
    writeFileSync(files[6], readFileSync(files[6], 'utf8') + '\nSee [the plan](plan.txt).\n');
    await json(dir, ['--cache', '--cache-location', cache]);
    writeFileSync(path.join(dir, 'sops', 'plan.txt'), 'the plan\n');
    expect(await json(dir, ['--cache', '--cache-location', cache])).toEqual(await json(dir));
  });
});

describe('threads started before the files are read', () => {
  it('do not keep the process alive when no file needs them (every file ignored)', async () => {
    const dir = path.join(work, 'all-ignored');
    cpSync(corpus, dir, { recursive: true });
    writeFileSync(path.join(dir, '.qmslint.yaml'), 'ignore:\n  - "**/*.md"\n');
    // A process held open by an idle thread is killed by the harness and has no exit code.
    const run = await runSpawned(['.', '--format', 'json', '--today', TODAY, '--jobs', '2'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
