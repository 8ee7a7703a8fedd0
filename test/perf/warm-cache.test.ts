// Issue 17, point 3: a warm --cache run answers from the last run's record
// after a stat of every file, checking only the documents whose text changed,
// when they show the others the same facts; anything the record cannot vouch
// for sends the run the full way. Here the warm path is called directly, so a
// test can tell which way a run went (the CLI gives the same findings either way).
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.mjs';
import { parseCliArgs, type LintArgs } from '../../server/src/cli/args';
import { CacheStore, CachingAnalyser } from '../../server/src/cli/cache';
import { racy, stampOf } from '../../server/src/cli/file-stamp';
import { lintFiles, lintOptions } from '../../server/src/cli/lint-files';
import { RecordingWorkspace } from '../../server/src/cli/recording-workspace';
import { lintScope } from '../../server/src/cli/scope';
import { runKey, warmRun } from '../../server/src/cli/warm-run';
import { computeCoverage } from '../../server/src/core/coverage';
import { lint } from '../../server/src/core/project';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { TODAY } from '../helpers';

const work = mkdtempSync(path.join(tmpdir(), 'qmslint-warm-'));
const dir = path.join(work, 'corpus');
const cache = path.join(work, 'cache');
const saved = process.env.QMSLINT_CACHE_KEY;
beforeAll(() => {
  process.env.QMSLINT_CACHE_KEY = 'warm-cache-test-key-0123456789abcdef';
});
afterAll(() => {
  process.env.QMSLINT_CACHE_KEY = saved;
  rmSync(work, { recursive: true, force: true });
});
writeCorpus(dir, { docs: 24, seed: 3 });
const sop = (n: number) => path.join(dir, 'sops', readdirSync(path.join(dir, 'sops')).sort()[n]);

const args = () => parseCliArgs(['.', '--cache', '--cache-location', cache, '--today', TODAY, '--format', 'json']) as LintArgs;

/** A plain --cache run through the CLI's path (it writes the cache file), and its findings. */
async function cliRun() {
  const run = await lintFiles(args(), dir, await lintScope(['.'], dir, undefined));
  return findingsOf(run.result.files);
}

/** The warm path alone: the findings it answers, or undefined when it sends the run the full way. */
async function warm() {
  const options = await lintOptions(args(), dir, { ...(await lintScope(['.'], dir, undefined)), workspace: new RecordingWorkspace(new DiskWorkspace()) });
  const store = (options.analyser as CachingAnalyser).store;
  const result = await warmRun(options, runKey(options, undefined), store, false);
  return result && findingsOf(result.files);
}

/** The coverage the stylish summary reads, from the warm path's index of stand-ins (undefined: it went the full way). */
async function warmCoverage() {
  const options = await lintOptions(args(), dir, { ...(await lintScope(['.'], dir, undefined)), workspace: new RecordingWorkspace(new DiskWorkspace()) });
  const result = await warmRun(options, runKey(options, undefined), (options.analyser as CachingAnalyser).store, true);
  return result && computeCoverage(result.index, result.catalog, result.config.standard);
}

/** What a run without any cache finds. */
async function fresh() {
  const options = await lintOptions({ ...args(), cache: false }, dir, await lintScope(['.'], dir, undefined));
  return findingsOf((await lint({ ...options, analyser: undefined })).files);
}

const findingsOf = (files: { path: string; findings: unknown[] }[]) => files.map((f) => [f.path, f.findings]);

describe('a warm --cache run', () => {
  it('answers from the record when nothing changed', async () => {
    const cold = await cliRun();
    expect(cold).toEqual(await fresh());
    expect(await warm()).toEqual(cold);
  });

  it('checks a changed document alone when it shows the others the same facts', async () => {
    const before = await fresh();
    writeFileSync(sop(2), readFileSync(sop(2), 'utf8') + '\nThe owner of this step is TBD.\n');
    const answered = await warm();
    expect(answered).toBeDefined();
    expect(answered).toEqual(await fresh());
    // The change is seen: a placeholder finding more.
    expect(JSON.stringify(answered)).not.toBe(JSON.stringify(before));
    // And the record now holds the new findings: the next run answers the same.
    await cliRun();
    expect(await warm()).toEqual(answered);
  });

  it('carries the analyses over when it records a change, still authenticated for the next full run', async () => {
    await cliRun();
    const before = await new CacheStore(cache).analyses();
    writeFileSync(sop(5), readFileSync(sop(5), 'utf8') + '\nOwner: TBD.\n');
    expect(await warm()).toBeDefined();
    const store = new CacheStore(cache);
    const after = await store.analyses();
    expect(store.stats.ignored).toBe(0);
    expect(before.size).toBeGreaterThan(20);
    expect([...after]).toEqual([...before]);
  });

  it('serves the coverage summary from the stand-ins, as a run without cache computes it', async () => {
    writeFileSync(sop(2), readFileSync(sop(2), 'utf8') + '\nAnd a second placeholder: TBD.\n');
    const options = await lintOptions({ ...args(), cache: false }, dir, await lintScope(['.'], dir, undefined));
    const plain = await lint({ ...options, analyser: undefined });
    const coverage = await warmCoverage();
    expect(coverage).toBeDefined();
    expect(coverage).toEqual(computeCoverage(plain.index, plain.catalog, plain.config.standard));
  });

  it('goes the full way when a changed document shows the others new facts (its id)', async () => {
    writeFileSync(sop(3), readFileSync(sop(3), 'utf8').replace(/^id: .*$/m, 'id: SOP-977'));
    expect(await warm()).toBeUndefined();
    expect(await cliRun()).toEqual(await fresh());
    expect(await warm()).toEqual(await fresh());
  });

  it('goes the full way when the configuration changed', async () => {
    const config = path.join(dir, '.qmslint.yaml');
    writeFileSync(config, readFileSync(config, 'utf8') + '\n# a comment\n');
    expect(await warm()).toBeUndefined();
    await cliRun();
    expect(await warm()).toEqual(await fresh());
  });

  it('reads a file again when its stamp changed, and answers when its text did not (touched)', async () => {
    const later = new Date(Date.now() + 5000);
    utimesSync(sop(4), later, later);
    expect(await warm()).toEqual(await fresh());
  });
});

describe('the racy rule', () => {
  it('does not trust a stamp not older than the cache file', () => {
    const stamp = stampOf(sop(0))!;
    const mtime = BigInt(stamp.split(':')[0]);
    expect(racy(stamp, mtime)).toBe(true);
    expect(racy(stamp, mtime + 1n)).toBe(false);
    expect(racy(null, mtime)).toBe(false);
  });
});
