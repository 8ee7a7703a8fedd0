import { fullMessage } from '../../server/src/core/findings';
// The lettered items of every built-in catalog, pinned (issue 13, points 4, 5
// and 7). A clause with `items` makes clause-unknown report any other letter,
// so a list that stops too early reports valid citations as unknown
// (820.10(d), 820.35(d), ISO 13485:2016 7.2.2 e) did). A change to any list
// shows here in review. Sources for the lists are in the comments of each
// YAML file in server/standards/. A clause left without items accepts any
// letter; that is the choice wherever a list was not certain.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../server/src/core/standards/catalog';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

const catalog = Catalog.builtin();

const withBody = (line: string) => CLEAN_SOP.replace('## Revision History', `${line}\n\n## Revision History`);

/** Every clause with items, as "a-e" (items are always a run from a). */
function itemTable(packId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of catalog.pack(packId)!.clauses) {
    if (!c.items) continue;
    out[c.id] = `${c.items[0]}-${c.items[c.items.length - 1]}`;
  }
  return out;
}

const ISO13485_ITEMS = {
  '4.1.2': 'a-c', '4.1.3': 'a-e', '4.1.4': 'a-c',
  '4.2.1': 'a-e', '4.2.2': 'a-c', '4.2.3': 'a-f', '4.2.4': 'a-h',
  '5.1': 'a-e', '5.3': 'a-e', '5.4.2': 'a-b', '5.5.2': 'a-c', '5.6.2': 'a-l', '5.6.3': 'a-d',
  '6.1': 'a-b', '6.2': 'a-e', '6.3': 'a-c', '6.4.1': 'a-b',
  '7.1': 'a-d', '7.2.1': 'a-e', '7.2.2': 'a-e', '7.2.3': 'a-d',
  '7.3.2': 'a-f', '7.3.3': 'a-e', '7.3.4': 'a-d', '7.3.5': 'a-b',
  '7.4.1': 'a-d', '7.4.2': 'a-d',
  '7.5.1': 'a-f', '7.5.2': 'a-e', '7.5.4': 'a-b', '7.5.6': 'a-g', '7.5.11': 'a-b', '7.6': 'a-e',
  '8.1': 'a-c', '8.2.2': 'a-f', '8.2.4': 'a-b', '8.3.2': 'a-c', '8.4': 'a-f', '8.5.2': 'a-f', '8.5.3': 'a-e',
};

const ISO9001_ITEMS = {
  '4.2': 'a-b', '4.3': 'a-c', '4.4.1': 'a-h', '4.4.2': 'a-b',
  '5.1.1': 'a-j', '5.1.2': 'a-c', '5.2.1': 'a-d', '5.2.2': 'a-c', '5.3': 'a-e',
  '6.1.1': 'a-d', '6.1.2': 'a-b', '6.2.1': 'a-g', '6.2.2': 'a-e', '6.3': 'a-d',
  '7.1.1': 'a-b', '7.1.3': 'a-d', '7.1.4': 'a-c', '7.1.5.1': 'a-b', '7.1.5.2': 'a-c',
  '7.2': 'a-d', '7.3': 'a-d', '7.4': 'a-e', '7.5.1': 'a-b', '7.5.2': 'a-c', '7.5.3.1': 'a-b', '7.5.3.2': 'a-d',
  '8.1': 'a-e', '8.2.1': 'a-e', '8.2.2': 'a-b', '8.2.3.1': 'a-e', '8.2.3.2': 'a-b',
  '8.3.2': 'a-j', '8.3.3': 'a-e', '8.3.4': 'a-f', '8.3.5': 'a-d', '8.3.6': 'a-d',
  '8.4.1': 'a-c', '8.4.2': 'a-d', '8.4.3': 'a-f',
  '8.5.1': 'a-h', '8.5.5': 'a-e', '8.6': 'a-b', '8.7.1': 'a-d', '8.7.2': 'a-d',
  '9.1.1': 'a-d', '9.1.3': 'a-g', '9.2.1': 'a-b', '9.2.2': 'a-f', '9.3.2': 'a-f', '9.3.3': 'a-c',
  '10.1': 'a-c', '10.2.1': 'a-f', '10.2.2': 'a-b',
};

// 820.1, 820.3 and 820.7 have no list: any paragraph letter is accepted.
const CFR820_ITEMS = { '820.10': 'a-e', '820.35': 'a-d', '820.45': 'a-c' };

describe('lettered items of the built-in catalogs', () => {
  it('lists exactly the packs checked here', () => {
    expect(catalog.packs().map((p) => p.id)).toEqual(['iso13485:2016', 'iso9001:2015', '21cfr820']);
  });

  it.each([
    ['iso13485:2016', ISO13485_ITEMS],
    ['iso9001:2015', ISO9001_ITEMS],
    ['21cfr820', CFR820_ITEMS],
  ])('%s: every clause with items, and its letters', (packId, expected) => {
    expect(itemTable(packId)).toEqual(expected);
  });

  it.each(['iso13485:2016', 'iso9001:2015', '21cfr820'])('%s: each item list is an unbroken run of letters from a', (packId) => {
    for (const c of catalog.pack(packId)!.clauses) {
      if (!c.items) continue;
      const run = [...'abcdefghijklmnopqrstuvwxyz'].slice(0, c.items.length);
      expect(c.items, c.id).toEqual(run);
    }
  });

  it('cites from issue 13 lint clean: 820.10(d), 820.10(e), 820.35(d), ISO 13485:2016 7.2.2 e)', async () => {
    const doc = withBody(
      [
        'Life-supporting devices are traced as 21 CFR 820.10(d) requires.',
        'Nonconformity has the consequence set out in 21 CFR 820.10(e).',
        'Confidential records are marked under 21 CFR 820.35(d).',
        'Order review confirms capability, ISO 13485:2016 7.2.2 e).',
      ].join('\n\n'),
    );
    const result = await lintFiles({ 'sop.md': doc });
    expect(findings(result, 'sop.md', 'clause-unknown')).toEqual([]);
  });

  it('still reports a letter past the end of a list', async () => {
    const doc = withBody('See 21 CFR 820.35(e) and ISO 13485:2016 7.2.2 f).');
    const messages = findings(await lintFiles({ 'sop.md': doc }), 'sop.md', 'clause-unknown').map(fullMessage);
    expect(messages).toHaveLength(2);
    expect(messages.some((m) => /820\.35 has no item e\)/.test(m))).toBe(true);
    expect(messages.some((m) => /7\.2\.2 has no item f\)/.test(m))).toBe(true);
  });
});

describe('ISO 13485:2016 records flags (issue 13, point 5)', () => {
  it.each(['4.1.3', '7.4.2', '7.5.11'])('%s requires records (it points to 4.2.5)', (id) => {
    expect(catalog.clause('iso13485:2016', id)?.records).toBe(true);
  });
});

describe('old QSR 820.70(i) (issue 13, point 7)', () => {
  it('the superseded 820.70 entry names 4.1.6, 7.5.6 and 7.6 for 820.70(i)', () => {
    const s = catalog.superseded('21cfr820', '820.70(i)');
    expect(s?.id).toBe('820.70');
    expect(s?.replacedBy).toMatch(/820\.70\(i\)[^;]*4\.1\.6, 7\.5\.6 and 7\.6/);
  });

  it('a citation of 21 CFR 820.70(i) is told to cite 4.1.6, 7.5.6 and 7.6', async () => {
    const doc = withBody('Software used in production is validated per 21 CFR 820.70(i).');
    const result = await lintFiles({ 'sop.md': doc });
    expect(findings(result, 'sop.md', 'clause-unknown')).toEqual([]);
    const [f, ...rest] = findings(result, 'sop.md', 'clause-edition');
    expect(rest).toEqual([]);
    expect(fullMessage(f)).toContain('820.70');
    expect(fullMessage(f)).toContain('4.1.6, 7.5.6 and 7.6');
  });
});
