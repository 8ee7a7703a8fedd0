// The --cache store: hits for unchanged documents, misses for changed ones,
// and anything it cannot trust (corrupted, truncated, foreign, another tool
// build, another document's entry) ignored and analysed again.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CachingAnalyser } from '../../server/src/cli/cache';
import { LocalAnalyser, type AnalysisConfig, type AnalysisRequest } from '../../server/src/core/analysis';
import { configKey } from '../../server/src/core/config';
import { defaultConfig } from '../../server/src/core/config';
import { CLEAN_SOP } from '../helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = defaultConfig('/ws');
const configs = new Map<string, AnalysisConfig>([[configKey(config), { config, packs: [] }]]);
const request = (p: string, text: string): AnalysisRequest => ({ path: p, text, config: configKey(config), matchedByGlob: false });

class CountingAnalyser extends LocalAnalyser {
  calls = 0;
  override async analyse(...args: Parameters<LocalAnalyser['analyse']>) {
    this.calls += args[0].length;
    return super.analyse(...args);
  }
}

describe('the --cache store', () => {
  const docs = Array.from({ length: 5 }, (_, i) => request(`/ws/sop-${i}.md`, CLEAN_SOP.replace('SOP-001', `SOP-00${i}`)));

  it('analyses each document once, then answers from disk exactly what the analysis gave', async () => {
    const inner = new CountingAnalyser();
    const cold = await new CachingAnalyser(dir, inner, 'tool-a').analyse(docs, configs);
    expect(inner.calls).toBe(5);
    const warmStore = new CachingAnalyser(dir, inner, 'tool-a');
    const warm = await warmStore.analyse(docs, configs);
    expect(inner.calls).toBe(5);
    expect(warmStore.stats).toMatchObject({ hits: 5, misses: 0, ignored: 0 });
    expect(warm).toEqual(cold);
  });

  it('analyses a changed document again, and only that one', async () => {
    const inner = new CountingAnalyser();
    const changed = [...docs];
    changed[2] = request(docs[2].path, docs[2].text + '\nOne more line.\n');
    const store = new CachingAnalyser(dir, inner, 'tool-a');
    await store.analyse(changed, configs);
    expect(inner.calls).toBe(1);
    expect(store.stats).toMatchObject({ hits: 4, misses: 1 });
  });

  it('asks for an analyser knowing how many documents it misses (threads only pay for many)', async () => {
    const asked: number[] = [];
    const pick = (misses: number) => (asked.push(misses), new LocalAnalyser());
    const own = path.join(dir, 'sized');
    const fresh = docs.map((d) => request(d.path.replace('sop-', 'sized-'), d.text));
    await new CachingAnalyser(own, pick, 'tool-a').analyse(fresh, configs);
    const changed = [...fresh];
    changed[1] = request(fresh[1].path, fresh[1].text + '\nChanged.\n');
    await new CachingAnalyser(own, pick, 'tool-a').analyse(changed, configs);
    await new CachingAnalyser(own, pick, 'tool-a').analyse(changed, configs);
    expect(asked).toEqual([5, 1]);
  });

  it('does not use entries of another build of the tool', async () => {
    const inner = new CountingAnalyser();
    const store = new CachingAnalyser(dir, inner, 'tool-b');
    await store.analyse(docs, configs);
    expect(inner.calls).toBe(5);
    expect(store.stats.ignored).toBe(5);
  });

  it('ignores corrupted, truncated, empty and misplaced entries, and replaces them', async () => {
    const base = new LocalAnalyser();
    const expected = await base.analyse(docs, configs);
    await new CachingAnalyser(dir, new LocalAnalyser(), 'tool-c').analyse(docs, configs);
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => path.join(dir, f));
    expect(files).toHaveLength(5);
    const bytes = files.map((f) => readFileSync(f));
    writeFileSync(files[0], 'garbage');
    writeFileSync(files[1], bytes[1].subarray(0, bytes[1].length >> 1));
    const flipped = Buffer.from(bytes[2]);
    flipped[flipped.length - 3] ^= 0x5a;
    writeFileSync(files[2], flipped);
    writeFileSync(files[3], bytes[4]);
    writeFileSync(files[4], '');
    const inner = new CountingAnalyser();
    const store = new CachingAnalyser(dir, inner, 'tool-c');
    expect(await store.analyse(docs, configs)).toEqual(expected);
    expect(inner.calls).toBe(5);
    const again = new CachingAnalyser(dir, new CountingAnalyser(), 'tool-c');
    expect(await again.analyse(docs, configs)).toEqual(expected);
    expect(again.stats).toMatchObject({ hits: 5, ignored: 0 });
  });
});
