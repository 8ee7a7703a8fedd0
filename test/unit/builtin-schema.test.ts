// The shipped standards files are not parsed nor schema-checked on any run: the build parses
// them (scripts/yaml-data.mjs) and here they are held to the schema, and their built value to
// what the run-time loader makes of their text.
import { describe, expect, it } from 'vitest';
import { loadData, type DataKind } from '../../server/src/core/standards/load';
import cfr820, { data as cfr820Data } from '../../server/standards/21cfr820.yaml';
import crosswalk, { data as crosswalkData } from '../../server/standards/crosswalk-iso9001-iso13485.yaml';
import iso13485, { data as iso13485Data } from '../../server/standards/iso13485-2016.yaml';
import iso9001, { data as iso9001Data } from '../../server/standards/iso9001-2015.yaml';
import registry, { data as registryData } from '../../server/standards/registry.yaml';
import { BUILTIN_TRANSITION_FILES } from '../../server/src/core/standards/transitions';
import { yamlModuleCode } from '../../scripts/yaml-data.mjs';

const shipped: { text: string; data: unknown; file: string; kind: DataKind }[] = [
  { text: iso13485, data: iso13485Data, file: 'iso13485-2016.yaml', kind: 'pack' },
  { text: iso9001, data: iso9001Data, file: 'iso9001-2015.yaml', kind: 'pack' },
  { text: cfr820, data: cfr820Data, file: '21cfr820.yaml', kind: 'pack' },
  { text: registry, data: registryData, file: 'registry.yaml', kind: 'registry' },
  { text: crosswalk, data: crosswalkData, file: 'crosswalk-iso9001-iso13485.yaml', kind: 'crosswalk' },
  ...BUILTIN_TRANSITION_FILES.map(({ text, data, file }) => ({ text, data, file, kind: 'transition' as const })),
];

describe('the shipped standards files', () => {
  it.each(shipped)('$file passes the schema', ({ text, file, kind }) => {
    expect(loadData(text, file, kind).errors).toEqual([]);
  });

  it.each(shipped)('$file: the value built from it is the one the loader reads from its text', ({ text, data, file, kind }) => {
    expect(data).toEqual(loadData(text, file, kind).value);
  });

  it('stops the build on a file with a YAML error', () => {
    expect(() => yamlModuleCode('id: a\nid: b\n', 'twice.yaml')).toThrow(/twice\.yaml/);
    expect(() => yamlModuleCode('a: [1, 2\n', 'open.yaml')).toThrow(/open\.yaml/);
  });

  it('would be refused by the schema if broken (the check can fail)', () => {
    const broken = iso13485.replace(/^id: .*$/m, (line) => `${line}\nunknownKey: true`);
    expect(broken).not.toBe(iso13485);
    expect(loadData(broken, 'broken.yaml', 'pack').errors.length).toBeGreaterThan(0);
  });
});
