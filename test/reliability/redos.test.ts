// Every regular expression in server/src passes a ReDoS check (recheck, its
// pure JavaScript backend: no Java, no native binary, nothing downloaded).
//
// Which regexes: every literal in the syntax tree of server/src, and every
// one built with `new RegExp(...)` while the engine lints the examples and
// the fixtures (a recording RegExp stands in for the real one). A
// construction site that the run did not reach fails the test, so a new
// regex cannot slip past unchecked.
//
// recheck's verdicts are deterministic (fixed seed), so they are kept in
// redos-verdicts.json by pattern, flags and recheck version: a run checks
// only patterns it has no verdict for (a new or edited regex, a few seconds
// each). REDOS_UPDATE=1 stores the verdicts of new patterns (and drops those
// of patterns gone); REDOS_UPDATE=all rechecks every pattern.
//
// A pattern recheck does not call safe must be in ACCEPTED below, with the
// reason its input cannot hurt, and a stress input of the largest size it
// can meet. The stress inputs are matched in a worker under the hang guard
// (test/hang-guard.mts): nothing is timed, a blow-up is stopped and named.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { inventory, recordConstructions, REPO, sourceFiles, type RegexUse } from './regex-inventory';

const VERDICTS = path.join(REPO, 'test/reliability/redos-verdicts.json');
const RECHECK_VERSION: string = JSON.parse(readFileSync(path.join(REPO, 'node_modules/recheck/package.json'), 'utf8')).version;
const PARAMS = { timeout: 20000 };

interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  /** "2nd degree polynomial", "exponential", "timeout"... */
  detail?: string;
  /** recheck's attack string, as a JavaScript expression. */
  attack?: string;
}

interface VerdictFile {
  recheck: string;
  params: typeof PARAMS;
  verdicts: Record<string, Verdict>;
}

const keyOf = (r: { source: string; flags: string }) => `/${r.source}/${checkedFlags(r.flags)}`;
// recheck does not know `d` (match indices), which changes nothing about matching time.
const checkedFlags = (flags: string) => flags.replace('d', '');

/**
 * Patterns recheck does not call safe, why each is harmless where it is used,
 * and the worst input it can meet there (matched under the hang guard).
 */
const ACCEPTED: Record<string, { why: string; stress: () => string }> = {
  '/(?<![\\p{L}\\d])(?:X{3,}|x{3,})(?![\\p{L}\\d])/gu': {
    why: 'recheck flags it by fuzzing, but the lookbehind lets a run of x be tried from its first letter only: linear in V8.',
    stress: () => 'xx'.repeat(500_000) + 'xXxxx',
  },
  '/(?<![\\p{L}\\d.])[xX]{1,4}(?:[.\\/][xX]{1,4})+(?![\\p{L}\\d])/gu': {
    why: 'bounded repetitions behind a lookbehind: linear in V8 (recheck flags it by fuzzing).',
    stress: () => 'X\u0000'.repeat(500_000) + 'x.x/x.'.repeat(100_000),
  },
  '/qmslint-(disable-next-line|disable-line|disable-file|disable|enable)\\b([^\\n]*)/g': {
    why: 'recheck times out; a literal prefix then one greedy run to the end of the line: linear.',
    stress: () => 'qmslint-disable '.repeat(100_000),
  },
  '/#\\s*qmslint-(disable-next-line|disable-line|disable-file)\\b([^\\n]*)/g': {
    why: 'recheck times out; as above, behind a `#`: linear.',
    stress: () => '# qmslint-disable-line '.repeat(100_000) + '#'.repeat(500_000) + ' '.repeat(500_000),
  },
  '/^([^\\s#:-][^:]*):[ \\t]*(.*)$/': {
    why: 'completion: the line up to the cursor, at most 4000 characters (completionsAt returns nothing past that).',
    stress: () => 'a:' + '\t'.repeat(3_998),
  },
  // completion.ts AFTER_STANDARD: "ISO 13485:2016 §" and the clause number typed so far.
  '/(?:(?:((?:(?:DIN|BS|NF|UNE|SN|SS|CSA|ÖNORM)[ \\u00a0])?EN)[ \\u00a0]?(?=ISO|IEC))?(ISO\\/IEC|ISO\\/TR|ISO\\/TS|IEC\\/TR|IEC\\/TS|ANSI\\/AAMI|AAMI|ISO|IEC|EN)(?:[ \\u00a0]|\\r?\\n[ \\t]{0,8})?(\\d{3,5}(?:-\\d{1,2}){0,2})(?::(\\d{4}(?:[+\\/](?:Amd|AMD|A|Cor|COR)[ \\u00a0]?\\d{1,2}(?::\\d{4})?){0,3}))?(?!\\d)|(21[ \\u00a0]?C\\.?F\\.?R\\.?)(?:[ \\u00a0]{0,2}Part)?)(?:,?[ \\u00a0]*(?:§§?|clauses?|para(?:graph)?s?\\.?|sec(?:tion)?s?\\.?|chapter))?(?:,[ \\u00a0]*|[ \\u00a0]+|(?<=§))([\\d.]*)$/iu': {
    why: 'recheck times out; completion runs it on the line up to the cursor, at most 4000 characters.',
    stress: () => 'ISO 13485:2016 ' + ' '.repeat(3_980) + 'x',
  },
  '/[\\w-]*$/': { why: 'completion: the line up to the cursor, at most 4000 characters.', stress: () => '-'.repeat(3_999) + '\u0000' },
  '/\\S*$/': { why: 'completion: part of the line up to the cursor, at most 4000 characters.', stress: () => '\u0000'.repeat(3_999) + '\t' },
  '/^(.*?)[\\s§]+(\\d+(?:\\.\\d+)*)(?:\\s*\\(?[a-z]\\))?$/i': {
    why: 'hover: a rule rationale ("ISO 13485:2016 4.2.4 c)"), written by the engine from pack data.',
    stress: () => '\t'.repeat(300) + ')\n0',
  },
  '/^(.*?)(\\d{3,}(?:-\\d+)*)\\s*(?::\\s*(\\S.*))?$/': {
    why: 'catalog lookup of a standard by citation; queries longer than 200 characters are refused before it runs.',
    stress: () => '000-0'.repeat(40) + '\u0000000',
  },
  '/\\s*\\(([a-z]{1,2}|\\d{1,2})\\)(?:\\s*\\([a-z0-9]{1,4}\\))*$/i': {
    why: 'parseClauseRef: clause numbers as matched by the citation patterns (at most 6 levels) or from a standard pack.',
    stress: () => '\t'.repeat(1_000) + '(A0)',
  },
  '/\\s+([a-z]{1,2}|\\d{1,2})\\)$/i': { why: 'parseClauseRef, as above.', stress: () => '\t'.repeat(1_000) + '0' },
  '/\\.+$/': { why: 'parseClauseRef, as above.', stress: () => '.'.repeat(1_000) + '\u0000.' },
  '/(\\d+(?:-\\d+)*)\\s*$/': {
    why: 'normalizeNumber: a standard number matched by \\d{3,5}(-\\d{1,2}){0,2}, or from a catalog query of at most 200 characters.',
    stress: () => '0'.repeat(200) + '\u00000',
  },
};

/** Every regex the engine builds at run time, recorded while it works on real documents. */
async function constructedRegexes(): Promise<RegexUse[]> {
  const recorder = recordConstructions();
  try {
    // Import every module (module-level patterns), except the two entry points that start a process.
    for (const file of sourceFiles()) {
      if (readFileSync(file, 'utf8').includes('require.main === module')) continue;
      await import(file);
    }
    const { lint } = await import('../../server/src/core/project');
    const { MemoryWorkspace } = await import('../../server/src/core/workspace');
    const { DiskWorkspace } = await import('../../server/src/host/disk-workspace');
    const { discoverFiles } = await import('../../server/src/host/discover');
    for (const dir of ['examples', 'test/fixtures/planted']) {
      const root = path.join(REPO, dir);
      await lint({ workspace: new DiskWorkspace(), files: await discoverFiles(['.'], root), root, today: '2026-11-26' });
    }
    // An id that breaks the pattern, in two ways (field-invalid's hint); a document without
    // front matter that is not matched by `documents` (front-matter-missing), with fenced code.
    const workspace = new MemoryWorkspace({
      '/ws/a.md': '---\nid: sop 7\n---\n# A\n',
      '/ws/b.md': '---\nid: x\n---\n# B\n',
      '/ws/c.md': '# SOP-009 Purchasing\n\n| **Document No.** | SOP-009 |\n|---|---|\n\n```sh\nls\n```\n\n~~~~\nx\n~~~~\n',
    });
    await lint({ workspace, files: ['/ws/a.md', '/ws/b.md', '/ws/c.md'], root: '/ws', today: '2026-11-26' });
  } finally {
    recorder.restore();
  }
  return recorder.built;
}

async function recheck(source: string, flags: string): Promise<Verdict> {
  process.env.RECHECK_BACKEND = 'pure';
  const { check } = await import('recheck');
  const d = await check(source, checkedFlags(flags), PARAMS);
  if (d.status === 'safe') return { status: 'safe' };
  if (d.status === 'vulnerable') return { status: 'vulnerable', detail: d.complexity.summary, attack: d.attack.pattern };
  return { status: 'unknown', detail: d.error.kind };
}

/**
 * Matches each pattern against its stress input in a worker thread, which the hang guard
 * terminates when one pattern runs past it; resolves with the keys of those that did.
 */
function matchUnderGuard(jobs: { key: string; source: string; flags: string; input: string }[]): Promise<string[]> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    for (const { source, flags, input } of workerData) {
      const re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
      for (const _ of input.matchAll(re));
      parentPort.postMessage('done');
    }`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: jobs });
    let next = 0;
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      if (next === jobs.length) return;
      timer = setTimeout(() => {
        void worker.terminate();
        resolve([jobs[next].key]);
      }, HANG_GUARD_MS);
    };
    worker.on('message', () => {
      next++;
      arm();
      if (next === jobs.length) void worker.terminate().then(() => resolve([]));
    });
    worker.on('error', reject);
    arm();
  });
}

describe('ReDoS', () => {
  it('checks every regular expression of server/src', async () => {
    const { literals, constructions } = inventory();
    const built = await constructedRegexes();
    const reached = new Set(built.map((b) => b.site));
    expect(constructions.filter((site) => !reached.has(site)), 'RegExp constructions the run did not reach: drive them in constructedRegexes()').toEqual([]);

    const uses = new Map<string, RegexUse[]>();
    for (const r of [...literals, ...built]) uses.set(keyOf(r), [...(uses.get(keyOf(r)) ?? []), r]);

    const update = process.env.REDOS_UPDATE === '1' || process.env.REDOS_UPDATE === 'all';
    let stored: VerdictFile = { recheck: RECHECK_VERSION, params: PARAMS, verdicts: {} };
    try {
      const file = JSON.parse(readFileSync(VERDICTS, 'utf8')) as VerdictFile;
      if (file.recheck === RECHECK_VERSION && JSON.stringify(file.params) === JSON.stringify(PARAMS) && process.env.REDOS_UPDATE !== 'all') stored = file;
    } catch {
      // no verdicts yet: all are checked now
    }
    const verdicts: Record<string, Verdict> = {};
    const live: string[] = [];
    for (const [key, [first]] of uses) {
      let v = stored.verdicts[key];
      if (!v) {
        v = await recheck(first.source, first.flags);
        live.push(key);
      }
      verdicts[key] = v;
    }
    if (update) {
      const sorted = Object.fromEntries(Object.entries(verdicts).sort(([a], [b]) => (a < b ? -1 : 1)));
      writeFileSync(VERDICTS, JSON.stringify({ recheck: RECHECK_VERSION, params: PARAMS, verdicts: sorted }, null, 1) + '\n');
    } else if (live.length) {
      console.log(`recheck ran live on ${live.length} new pattern(s); REDOS_UPDATE=1 npx vitest run test/reliability/redos.test.ts stores their verdicts`);
    }

    const unsafe = [...uses].filter(([key]) => verdicts[key].status !== 'safe');
    const unexplained = unsafe.filter(([key]) => !ACCEPTED[key]).map(([key, u]) => `${key} ${JSON.stringify(verdicts[key])} at ${u.map((x) => x.site).join(', ')}`);
    expect(unexplained, 'patterns recheck does not call safe: make them linear, or explain them in ACCEPTED').toEqual([]);
    // Every accepted pattern meets its stress input, whatever this recheck run said (a timeout
    // depends on the machine's load, so a verdict may differ between runs).
    const jobs = Object.entries(ACCEPTED).map(([key, accepted]) => {
      const use = uses.get(key)?.[0];
      expect(use, `${key} is no longer used: take it out of ACCEPTED`).toBeDefined();
      return { key, source: use!.source, flags: use!.flags, input: accepted.stress() };
    });
    expect(await matchUnderGuard(jobs), `patterns that ran past the hang guard (${HANG_GUARD_MS / 1000} s) on their stress input`).toEqual([]);
    const sites = literals.length + built.length;
    console.log(
      `ReDoS: ${uses.size} distinct patterns (${literals.length} literals, ${constructions.length} RegExp construction sites in ${sourceFiles().length} files; ${sites} uses): ` +
        `${uses.size - unsafe.length} safe by recheck ${RECHECK_VERSION}, ${unsafe.length} not (each accepted with a reason and a stress test); ${live.length} checked live`,
    );
  });
});
