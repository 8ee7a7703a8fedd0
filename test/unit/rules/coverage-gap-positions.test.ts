// Where coverage-gap findings stand (issue 16, point 9): one per standard in force, each on that
// standard's entry in the configuration (its `standard:` value or its `standards:` item), so no two
// findings share a position and stack their hovers on one spot of .qmslint.yaml.
import { describe, expect, it } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import type { Finding } from '../../../server/src/core/types';

const TITLES = ['ISO 13485:2016', 'ISO 9001:2015', '21 CFR 820'];

/** The standard a finding's message is about: the first title it names. */
const standardOf = (f: Finding) => TITLES.map((t) => [t, f.message.indexOf(t)] as const).filter(([, i]) => i >= 0).sort((a, b) => a[1] - b[1])[0]?.[0];

/** What each finding's range covers in `text`, and the standard its message names. */
const spots = (all: Finding[], text: string) => all.map((f) => ({ at: text.slice(f.range.start, f.range.end), standard: standardOf(f) }));

/** No two findings start at the same place in the same file. */
function expectDistinctPositions(all: Finding[]): void {
  const keys = all.map((f) => `${f.path}:${f.range.start}`);
  expect(new Set(keys).size).toBe(keys.length);
}

const MANUAL = CLEAN_SOP.replace('type: SOP', 'type: MAN').replace('SOP-001', 'QM-001');

describe('coverage-gap positions', () => {
  it('puts each standard’s finding on its own entry: `standard:` and every `standards:` item', async () => {
    const config = 'standard: iso13485:2016\nstandards:\n  - iso9001:2015\n  - 21cfr820\n';
    const all = findings(await lintFiles({ '.qmslint.yaml': config, 'sop.md': CLEAN_SOP }), undefined, 'coverage-gap');
    expect(all.map((f) => f.path)).toEqual(['/ws/.qmslint.yaml', '/ws/.qmslint.yaml', '/ws/.qmslint.yaml']);
    expect(spots(all, config)).toEqual([
      { at: 'iso13485:2016', standard: 'ISO 13485:2016' },
      { at: 'iso9001:2015', standard: 'ISO 9001:2015' },
      { at: '21cfr820', standard: '21 CFR 820' },
    ]);
    expectDistinctPositions(all);
    // Line and column of the flow of a block list: the item's value, after "  - ".
    expect(all.map((f) => [f.line, f.column])).toEqual([
      [1, 11],
      [3, 5],
      [4, 5],
    ]);
  });

  it('finds an entry written as a title, in a flow list, and reports a standard named twice once', async () => {
    const config = 'standard: iso13485:2016\nstandards: ["ISO 9001:2015", iso13485:2016]\n';
    const all = findings(await lintFiles({ '.qmslint.yaml': config, 'sop.md': CLEAN_SOP }), undefined, 'coverage-gap');
    expect(spots(all, config)).toEqual([
      { at: 'iso13485:2016', standard: 'ISO 13485:2016' },
      { at: '"ISO 9001:2015"', standard: 'ISO 9001:2015' },
    ]);
    expectDistinctPositions(all);
  });

  it('gives the standard the configuration does not name one finding on the manual, and the named ones their entries', async () => {
    // No `standard:` line: the default standard (ISO 13485:2016) goes on the quality manual.
    const config = 'standards: [iso9001:2015]\n';
    const all = findings(await lintFiles({ '.qmslint.yaml': config, 'qm.md': MANUAL, 'sop.md': CLEAN_SOP }), undefined, 'coverage-gap');
    expect(all.map((f) => [f.path, f.line, f.column, standardOf(f)])).toEqual([
      ['/ws/qm.md', 1, 1, 'ISO 13485:2016'],
      ['/ws/.qmslint.yaml', 1, 13, 'ISO 9001:2015'],
    ]);
    expectDistinctPositions(all);
  });

  it('reports a `standards:` entry even while no document is under control, as a `standard:` line is', async () => {
    const mapping = '# Complaints\n\n| ISO 9001:2015 | Section |\n|---|---|\n| 8.2.2 | all |\n';
    const config = 'standards: [iso9001:2015]\n';
    const all = findings(await lintFiles({ '.qmslint.yaml': config, 'a.md': mapping }), undefined, 'coverage-gap');
    // The default standard nobody configured: nothing; the named one: on its entry.
    expect(spots(all, config)).toEqual([{ at: 'iso9001:2015', standard: 'ISO 9001:2015' }]);
  });
});
