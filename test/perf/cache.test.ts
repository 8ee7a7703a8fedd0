// The --cache store: hits for unchanged documents, misses for changed ones,
// and a cache file it cannot trust (corrupted, truncated, foreign, another tool
// build) ignored, every document analysed again, and the file replaced.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CachingAnalyser } from '../../server/src/cli/cache';
import { CACHE_FILE } from '../../server/src/cli/cache-file';
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
    expect(store.stats.ignored).toBe(1);
  });

  it('keeps one cache file, whatever the number of documents', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toEqual([CACHE_FILE]);
  });

  const file = path.join(dir, CACHE_FILE);
  const damages: [string, (bytes: Buffer) => Buffer | string][] = [
    ['garbage', () => 'garbage'],
    ['empty', () => ''],
    ['truncated', (b) => b.subarray(0, b.length >> 1)],
    ['one byte more', (b) => Buffer.concat([b, Buffer.from('x')])],
    ['a byte flipped in the analyses', (b) => flip(b, b.length - 3)],
    ['a byte flipped in the first section', (b) => flip(b, b.indexOf(10) + 5)],
    ['a section length changed in the header', (b) => Buffer.from(b.toString('latin1').replace(/"length":(\d)/, '"length":1$1'), 'latin1')],
  ];
  for (const [name, damage] of damages) {
    it(`ignores a cache file with ${name}, analyses every document again, and replaces the file`, async () => {
      const expected = await new LocalAnalyser().analyse(docs, configs);
      await new CachingAnalyser(dir, new LocalAnalyser(), 'tool-c').analyse(docs, configs);
      writeFileSync(file, damage(readFileSync(file)));
      const inner = new CountingAnalyser();
      const store = new CachingAnalyser(dir, inner, 'tool-c');
      expect(await store.analyse(docs, configs)).toEqual(expected);
      expect(inner.calls).toBe(5);
      const again = new CachingAnalyser(dir, new CountingAnalyser(), 'tool-c');
      expect(await again.analyse(docs, configs)).toEqual(expected);
      expect(again.stats).toMatchObject({ hits: 5, ignored: 0 });
    });
  }
});

function flip(bytes: Buffer, at: number): Buffer {
  const out = Buffer.from(bytes);
  out[at] ^= 0x5a;
  return out;
}
