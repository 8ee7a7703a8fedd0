// Fixing in core: edits composed across passes, the fix-until-stable loop, the
// guards that keep a bad fix from touching text, and fixDocuments through the
// real engine with fixed texts laid over the workspace.
import { describe, expect, it } from 'vitest';
import { fixDocuments } from '../../server/src/core/fix-files';
import { applicableFixes, applyEdits, applyFindingFixes, composeEdits, fixPass, fixProblem } from '../../server/src/core/fixes';
import { fixText } from '../../server/src/core/fixpoint';
import { lint } from '../../server/src/core/project';
import type { Finding, TextEdit } from '../../server/src/core/types';
import { MemoryWorkspace, OverlayWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

function randomEdits(text: string, rnd: (n: number) => number): TextEdit[] {
  const edits: TextEdit[] = [];
  let pos = 0;
  while (pos <= text.length && edits.length < 4) {
    const start = pos + rnd(Math.max(1, text.length - pos + 1));
    if (start > text.length) break;
    const end = Math.min(text.length, start + rnd(4));
    edits.push({ start, end, text: ['', 'x', 'YY', '\n', 'ab\r\n'][rnd(5)] });
    // Strictly after: two insertions at one offset are not a valid set of edits.
    pos = end + 1;
  }
  return edits;
}

function finding(edits: TextEdit[], ruleId = 'test-rule'): Finding {
  return { ruleId, severity: 'error', message: 'm', path: '/ws/a.md', range: { start: 0, end: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1, fix: { title: 't', edits } };
}

describe('composeEdits', () => {
  it('gives edits against the original that have the effect of every pass, on random texts and passes', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const rnd = random(seed);
      const original = 'abcdefghij'.slice(0, rnd(11));
      let text = original;
      let net: TextEdit[] = [];
      for (let pass = 0; pass < 1 + rnd(4); pass++) {
        const edits = randomEdits(text, rnd);
        text = applyEdits(text, edits);
        net = composeEdits(original, net, edits);
        expect(applyEdits(original, net), `seed ${seed}`).toBe(text);
        // Sorted, non-overlapping, and each one changes something.
        for (let i = 1; i < net.length; i++) expect(net[i].start, `seed ${seed}`).toBeGreaterThanOrEqual(net[i - 1].end);
        for (const e of net) expect(original.slice(e.start, e.end) !== e.text, `seed ${seed}`).toBe(true);
      }
    }
  });

  it('keeps separate edits separate', () => {
    const net = composeEdits('one two three', [{ start: 0, end: 3, text: 'ONE' }], [{ start: 8, end: 13, text: 'THREE' }]);
    expect(net).toEqual([
      { start: 0, end: 3, text: 'ONE' },
      { start: 8, end: 13, text: 'THREE' },
    ]);
  });
});

describe('fix guards', () => {
  it('refuses edits outside the text, inside a surrogate pair, or overlapping each other', () => {
    const text = 'a😀b';
    expect(fixProblem(text, [{ start: 0, end: 9, text: '' }])).toMatch(/outside/);
    expect(fixProblem(text, [{ start: -1, end: 0, text: '' }])).toMatch(/outside/);
    expect(fixProblem(text, [{ start: 2, end: 2, text: 'x' }])).toMatch(/splits a character/);
    expect(fixProblem('abcd', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toMatch(/overlap/);
    expect(fixProblem('abcd', [{ start: 1, end: 1, text: 'x' }, { start: 1, end: 1, text: 'y' }])).toMatch(/overlap/);
    expect(fixProblem(text, [{ start: 1, end: 3, text: '🙂' }])).toBeUndefined();
  });

  it('skips fixes that change nothing, so a loop cannot spin on them', () => {
    expect(applicableFixes('abc', [finding([{ start: 0, end: 1, text: 'a' }])])).toEqual([]);
    expect(applicableFixes('abc', [finding([{ start: 0, end: 1, text: 'A' }])])).toHaveLength(1);
  });

  it('never applies suggestions: only a finding\'s fix is applied, by --fix and by "fix all"', async () => {
    const suggestion = { title: 's', edits: [{ start: 0, end: 1, text: 'Z' }] };
    const onlySuggestion: Finding = { ruleId: 'r', severity: 'error', message: 'm', path: '/ws/a.md', range: { start: 0, end: 1 }, line: 1, column: 1, endLine: 1, endColumn: 2, suggestions: [suggestion] };
    const both: Finding = { ...finding([{ start: 2, end: 3, text: 'C' }]), suggestions: [suggestion] };
    expect(applicableFixes('abc', [onlySuggestion])).toEqual([]);
    expect(applyFindingFixes('abc', [onlySuggestion, both])).toEqual({ text: 'abC', applied: [both] });
    expect(fixPass('abc', [onlySuggestion, both]).edits).toEqual([{ start: 2, end: 3, text: 'C' }]);
    const run = await fixText('abc', () => [onlySuggestion]);
    expect(run).toMatchObject({ text: 'abc', applied: [], edits: [], settled: true });
  });
});

describe('fixText', () => {
  /** A toy linter: every lower-case "x" is a finding whose fix upper-cases it, and an "X" at the end wants a "!" after it. */
  const relint = (text: string): Finding[] => {
    const out: Finding[] = [];
    for (let i = text.indexOf('x'); i >= 0; i = text.indexOf('x', i + 1)) out.push(finding([{ start: i, end: i + 1, text: 'X' }]));
    if (text.endsWith('X')) out.push(finding([{ start: text.length, end: text.length, text: '!' }]));
    return out;
  };

  it('fixes until stable, and a second run changes nothing', async () => {
    const first = await fixText('axbx', relint);
    expect(first).toMatchObject({ text: 'aXbX!', settled: true });
    expect(first.applied).toHaveLength(3);
    expect(applyEdits('axbx', first.edits)).toBe('aXbX!');
    const second = await fixText(first.text, relint);
    expect(second).toMatchObject({ text: first.text, applied: [], edits: [], settled: true });
  });

  it('stops after the last pass and says it did not settle', async () => {
    const forever = (text: string) => [finding([{ start: text.length, end: text.length, text: '.' }])];
    const r = await fixText('a', forever, 3);
    expect(r).toMatchObject({ text: 'a...', settled: false });
  });

  it('never applies a fix whose edits fall outside the text', async () => {
    const r = await fixText('abc', () => [finding([{ start: 2, end: 10, text: 'Z' }])]);
    expect(r).toMatchObject({ text: 'abc', applied: [], settled: true });
  });
});

describe('OverlayWorkspace', () => {
  it('reads, lists and stats the overlay first, the base for everything else', async () => {
    const base = new MemoryWorkspace({ '/ws/a.md': 'old', '/ws/b.md': 'b' });
    const ws = new OverlayWorkspace(base, [
      ['/ws/a.md', 'new é'],
      ['/ws/sub/c.md', 'c'],
    ]);
    expect(await ws.read('/ws/a.md')).toBe('new é');
    expect(await ws.read('/ws/b.md')).toBe('b');
    expect(await ws.read('/ws/none.md')).toBeUndefined();
    expect((await ws.list('/ws')).sort()).toEqual(['/ws/a.md', '/ws/b.md', '/ws/sub']);
    expect(await ws.stat('/ws/a.md')).toEqual({ isFile: true, isDirectory: false, size: 6 });
    expect(await ws.stat('/ws/sub')).toMatchObject({ isDirectory: true });
    expect(await base.read('/ws/a.md')).toBe('old');
  });
});

describe('fixDocuments', () => {
  const mismatch = CLEAN_SOP.replace('revision: C', 'revision: B');
  const files = {
    '/ws/sop-001.md': mismatch,
    // A fixable revision, and a clause number whose did-you-mean is a suggestion that fixing leaves alone.
    '/ws/sop-002.md': CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('revision: C', 'revision: B').replace('§4.2.4', '§4.21'),
    '/ws/clean.md': CLEAN_SOP.replace('SOP-001', 'SOP-003'),
  };

  it('fixes through the engine, re-lints the fixed texts, and writes nothing itself', async () => {
    const ws = new MemoryWorkspace(files);
    const options = { workspace: ws, files: Object.keys(files), root: '/ws', today: TODAY };
    const run = await fixDocuments(options);
    expect([...run.files.keys()].sort()).toEqual(['/ws/sop-001.md', '/ws/sop-002.md']);
    const one = run.files.get('/ws/sop-001.md')!;
    expect(one.fixed).toBe(CLEAN_SOP);
    expect(one.applied.map((f) => f.ruleId)).toEqual(['revision-mismatch']);
    for (const f of run.files.values()) expect(applyEdits(f.original, f.edits)).toBe(f.fixed);
    const two = run.files.get('/ws/sop-002.md')!;
    expect(two.applied.map((f) => f.ruleId)).toEqual(['revision-mismatch']);
    expect(two.fixed).toBe(CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('§4.2.4', '§4.21'));
    const remaining = run.result.files.find((f) => f.path === '/ws/sop-002.md')!.findings.filter((f) => f.ruleId === 'clause-unknown');
    expect(remaining.map((f) => f.suggestions?.map((s) => s.title))).toEqual([['Change 4.21 to 4.2.1']]);
    expect(ws.files.get('/ws/sop-001.md')).toBe(mismatch);
    // What remains is the lint of the fixed texts.
    const again = await lint({ ...options, workspace: new OverlayWorkspace(ws, [...run.files].map(([p, f]) => [p, f.fixed])) });
    expect(run.result.files.map((f) => f.findings.map((x) => x.ruleId))).toEqual(again.files.map((f) => f.findings.map((x) => x.ruleId)));
    expect(run.result.files.flatMap((f) => f.findings).filter((f) => f.fix)).toEqual([]);
    expect(run.settled).toBe(true);
  });

  it('leaves refused files alone and says why', async () => {
    const ws = new MemoryWorkspace(files);
    const run = await fixDocuments({ workspace: ws, files: Object.keys(files), root: '/ws', today: TODAY }, { refuse: (p) => (p.endsWith('sop-001.md') ? 'no' : undefined) });
    expect([...run.files.keys()]).toEqual(['/ws/sop-002.md']);
    expect([...run.refused]).toEqual([['/ws/sop-001.md', 'no']]);
    expect(run.result.files.find((f) => f.path === '/ws/sop-001.md')!.findings.map((f) => f.ruleId)).toContain('revision-mismatch');
  });
});
