// The shipped standards files are loaded without the schema on every run
// (compiling it cost a tenth of a warm --cache run): here they are held to it.
import { describe, expect, it } from 'vitest';
import { loadData, type DataKind } from '../../server/src/core/standards/load';
import cfr820 from '../../server/standards/21cfr820.yaml';
import crosswalk from '../../server/standards/crosswalk-iso9001-iso13485.yaml';
import iso13485 from '../../server/standards/iso13485-2016.yaml';
import iso9001 from '../../server/standards/iso9001-2015.yaml';
import registry from '../../server/standards/registry.yaml';
import { BUILTIN_TRANSITION_FILES } from '../../server/src/core/standards/transitions';

const shipped: { text: string; file: string; kind: DataKind }[] = [
  { text: iso13485, file: 'iso13485-2016.yaml', kind: 'pack' },
  { text: iso9001, file: 'iso9001-2015.yaml', kind: 'pack' },
  { text: cfr820, file: '21cfr820.yaml', kind: 'pack' },
  { text: registry, file: 'registry.yaml', kind: 'registry' },
  { text: crosswalk, file: 'crosswalk-iso9001-iso13485.yaml', kind: 'crosswalk' },
  ...BUILTIN_TRANSITION_FILES.map(({ text, file }) => ({ text, file, kind: 'transition' as const })),
];

describe('the shipped standards files', () => {
  it.each(shipped)('$file passes the schema', ({ text, file, kind }) => {
    expect(loadData(text, file, kind).errors).toEqual([]);
  });

  it('would be refused by the schema if broken (the check can fail)', () => {
    const broken = iso13485.replace(/^id: .*$/m, (line) => `${line}\nunknownKey: true`);
    expect(broken).not.toBe(iso13485);
    expect(loadData(broken, 'broken.yaml', 'pack').errors.length).toBeGreaterThan(0);
  });
});
