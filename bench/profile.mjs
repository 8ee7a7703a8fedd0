// Summarises a V8 CPU profile (node --cpu-prof) by where the time goes: self
// time per package or source file of the bundle (through its source map) and
// per function. Used to write "what the profile says" in bench/RESULTS.md.
//
//   node bench/profile.mjs PROFILE.cpuprofile [--top 25]
import { readFileSync, existsSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const maps = new Map();
function sourceMapFor(url) {
  if (!url.startsWith('file://')) return undefined;
  if (!maps.has(url)) {
    const file = fileURLToPath(url);
    const mapFile = `${file}.map`;
    maps.set(url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined);
  }
  return maps.get(url);
}

/** "remark-gfm" for node_modules/remark-gfm/..., "server/src/core/parse.ts" for our own files. */
function owner(source) {
  if (!source) return '(unknown)';
  const s = source.replace(/^(\.\.\/)+/, '').replace(/^file:\/\//, '');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = s.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return s;
}

export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const byOwner = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    const cf = node.callFrame;
    let source = cf.url || `(${cf.functionName || 'native'})`;
    let fn = cf.functionName || '(anonymous)';
    const map = sourceMapFor(cf.url);
    if (map && cf.lineNumber >= 0) {
      const entry = map.findEntry(cf.lineNumber, cf.columnNumber);
      if (entry?.originalSource) {
        source = entry.originalSource;
        if (entry.name) fn = entry.name;
      }
    }
    const o = cf.url ? owner(source) : source;
    byOwner.set(o, (byOwner.get(o) ?? 0) + us);
    const key = `${fn}  ${cf.url ? `${owner(source)}${source.includes('node_modules') ? '' : ''}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    total += us;
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, byOwner: sorted(byOwner), byFunction: sorted(byFunction) };
}

function main(argv) {
  const file = argv[0];
  const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 25;
  if (!file) throw new Error('usage: node bench/profile.mjs PROFILE.cpuprofile [--top N]');
  const { total, byOwner, byFunction } = summarise(JSON.parse(readFileSync(file, 'utf8')));
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [`Profile ${path.basename(file)}: ${(total / 1e6).toFixed(2)} s sampled`, '', 'Self time by package or source file:'];
  for (const [o, us] of byOwner.slice(0, top)) lines.push(`${pct(us)}  ${o}`);
  lines.push('', 'Self time by function:');
  for (const [f, us] of byFunction.slice(0, top)) lines.push(`${pct(us)}  ${f}`);
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
