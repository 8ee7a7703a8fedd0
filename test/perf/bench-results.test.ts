// What bench/run.mjs writes into bench/RESULTS.md: the history (the section a
// run replaces moves to the "previous" markers, only the last one kept, the
// hand-written text untouched) and the targets of issue 17 with met / not met.
// No timing is checked: the measures are given.
import { describe, expect, it } from 'vitest';
import { renderResults, targets, type Results } from '../../bench/render.mjs';
import { currentSection, END, placeSection, PREVIOUS_END, PREVIOUS_START, START, targetsComment, targetsOf } from '../../bench/results-file.mjs';

const between = (text: string, start: string, end: string) => text.slice(text.indexOf(start) + start.length, text.indexOf(end)).trim();

describe('bench/results-file.mjs', () => {
  const hand = `# Benchmark results\n\nBy hand before.\n\n${START}\nrun one\n${END}\n\nBy hand after.\n`;

  it('starts a missing file with the section between the markers and no previous one', () => {
    const text = placeSection(undefined, 'run one');
    expect(currentSection(text)).toBe('run one');
    expect(text).not.toContain(PREVIOUS_START);
  });

  it('moves the replaced section to the previous markers, after the current one, keeping the text by hand', () => {
    const text = placeSection(hand, 'run two');
    expect(currentSection(text)).toBe('run two');
    expect(between(text, PREVIOUS_START, PREVIOUS_END)).toBe('run one');
    expect(text.indexOf(END)).toBeLessThan(text.indexOf(PREVIOUS_START));
    expect(text.startsWith('# Benchmark results\n\nBy hand before.\n\n')).toBe(true);
    expect(text.endsWith('\n\nBy hand after.\n')).toBe(true);
  });

  it('keeps only the last previous section, where the previous markers already are', () => {
    const text = placeSection(placeSection(placeSection(hand, 'run two'), 'run three'), 'run four');
    expect(currentSection(text)).toBe('run four');
    expect(between(text, PREVIOUS_START, PREVIOUS_END)).toBe('run three');
    expect(text).not.toContain('run one');
    expect(text).not.toContain('run two');
    expect(text.split(PREVIOUS_START)).toHaveLength(2);
  });

  it('appends the section to a file without markers and moves nothing', () => {
    const text = placeSection('# Notes\n', 'run one');
    expect(text).toBe(`# Notes\n\n${START}\nrun one\n${END}\n`);
  });

  it('reads back the targets a section carries, even with -- in them (not allowed in an HTML comment)', () => {
    const data = { measured: '2026-12-03 20:00', targets: { secondCore: '1.25 × (`--jobs 1`)' } };
    const comment = targetsComment(data);
    expect(comment.slice(4, -3)).not.toContain('--');
    expect(targetsOf(`text\n${comment}\n`)).toEqual(data);
    expect(targetsOf('no comment')).toBeUndefined();
  });
});

/** A run's measures as bench/run.mjs summarises them; `over` replaces some. */
function measured(over: Partial<Results> = {}): Results {
  return {
    args: { docs: 2000, rounds: 3, seed: 1 },
    argv: [],
    load: [0.3, 1.5],
    rows: [
      { id: 'cold', wall: 10, cpu: 18, rss: 160 },
      { id: 'jobs1', wall: 17, cpu: 16, rss: 150 },
      { id: 'markdownlint', wall: 20, cpu: 24, rss: 340 },
      { id: 'warm', wall: 0.4, cpu: 0.5, rss: 90 },
      { id: 'pair', wall: 20, cpu: 34, rss: 150 },
      { id: 'lspPull', wall: 9.5, rss: 300, resident: 250 },
      { id: 'lspOpen', wall: 0.8 },
    ],
    checks: [{ warmEqualsCold: true, parallelEqualsSerial: true }],
    growth: { docs: 10000, small: { wall: 10, rss: 160 }, big: { wall: 45, rss: 700 } },
    edits: { small: { times: [10, 12, 14], bytes: 10240 }, large: { times: [120, 140, 160], bytes: 2 << 20 } },
    ...over,
  };
}

describe('bench/render.mjs targets', () => {
  const met = (results: Results) => Object.fromEntries(targets(results).map((t) => [t.id, t.met]));

  it('lists every target of issue 17 in the order of its points', () => {
    expect(targets(measured()).map((t) => `${t.point} ${t.id}`)).toEqual([
      '1 cold',
      '1 secondCore',
      '2 rss',
      '2 growthRss',
      '3 warm',
      '4 lspPull',
      '4 lspOpen',
      '4 smallEdit',
      '4 largeEdit',
      '4 lspMemory',
    ]);
  });

  it('says met when every measure is within its target', () => {
    expect(met(measured())).toEqual({ cold: true, secondCore: true, rss: true, growthRss: true, warm: true, lspPull: true, lspOpen: true, smallEdit: true, largeEdit: true, lspMemory: 'reported' });
  });

  it('says not met for each measure beyond its target', () => {
    const rows = measured().rows.map((r) => ({ ...r, ...({ cold: { wall: 13, rss: 200 }, jobs1: { wall: 14 }, warm: { wall: 1 }, lspPull: { wall: 14 }, lspOpen: { wall: 1.2 } } as Record<string, object>)[r.id] }));
    const results = measured({ rows, growth: { docs: 10000, small: { wall: 10, rss: 160 }, big: { wall: 45, rss: 900 } }, edits: { small: { times: [40], bytes: 10240 }, large: { times: [200], bytes: 2 << 20 } } });
    expect(met(results)).toEqual({ cold: false, secondCore: false, rss: false, growthRss: false, warm: false, lspPull: false, lspOpen: false, smallEdit: false, largeEdit: false, lspMemory: 'reported' });
  });

  it('does not call the warm run met when its findings differ from the cold run', () => {
    expect(met(measured({ checks: [{ warmEqualsCold: true }, { warmEqualsCold: false }] })).warm).toBe(false);
  });

  it('says not measured for what the run skipped', () => {
    const results = measured({ rows: measured().rows.filter((r) => !r.id.startsWith('lsp')), edits: undefined, growth: undefined });
    const m = met(results);
    for (const id of ['growthRss', 'lspPull', 'lspOpen', 'smallEdit', 'largeEdit', 'lspMemory']) expect(m[id], id).toBeUndefined();
    expect(m.cold).toBe(true);
  });

  it('shows the previous run beside each target, warns on a loaded machine, and carries its targets for the next run', () => {
    const previous = { measured: '2026-12-03 16:31', targets: { cold: '0.57 × (11.19 s vs 19.57 s)' } };
    const quiet = renderResults(measured({ samples: {} }), previous);
    expect(quiet).toContain('| Previous run (2026-12-03 16:31 UTC) |');
    expect(quiet).toMatch(/\| 1 \| CLI cold ≤ 0\.6 × markdownlint-cli2's wall \| 0\.50 × \(10\.00 s vs 20\.00 s\) \| yes \| 0\.57 × \(11\.19 s vs 19\.57 s\) \|/);
    expect(quiet).not.toContain('Warning');
    expect(targetsOf(quiet)?.targets.cold).toBe('0.50 × (10.00 s vs 20.00 s)');
    expect(renderResults(measured({ samples: {}, load: [1.2, 2] }))).toContain('**Warning: the 1-minute load average was 1.20 at the start');
  });
});
