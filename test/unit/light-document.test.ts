// A light document (what a worker thread sends back and the --cache keeps) revived on the main
// thread: its plain parts equal the whole document's, the parts it does not keep throw when read,
// and it keeps nothing twice (every document of a large run is held until the report).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { fromLight, toLight } from '../../server/src/core/light';
import { CLEAN_SOP } from '../helpers';

const whole = (text: string) => buildDocument('/ws/sop.md', text, defaultConfig('/ws'), false);
// Through JSON, as the --cache stores it (a worker's structured clone keeps at least as much).
const revived = (text: string) => fromLight(JSON.parse(JSON.stringify(toLight(whole(text)))), text);

describe('a revived light document', () => {
  it('has the plain parts of the whole document', () => {
    for (const text of [CLEAN_SOP, '\uFEFF' + CLEAN_SOP]) {
      const doc = whole(text);
      const light = revived(text);
      expect(light.parsed.text).toBe(doc.parsed.text);
      expect(light.parsed.bomLength).toBe(doc.parsed.bomLength);
      expect({ ...light.parsed.frontMatter }).toEqual({ ...doc.parsed.frontMatter, yaml: undefined });
      expect([...light.fields].map(([k, f]) => [k, { ...f }])).toEqual([...doc.fields].map(([k, f]) => [k, { ...f, node: undefined }]));
      expect(light.approvals.map((a) => [a.range, a.role?.text, a.name?.text, a.date?.text])).toEqual(
        doc.approvals.map((a) => [a.range, a.role?.text, a.name?.text, a.date?.text]),
      );
      expect(light.history?.rows).toEqual(doc.history?.rows);
      expect(light.history?.table?.header).toEqual(doc.history?.table?.header);
      expect(light.history?.table?.rows.map((r) => ({ range: r.range, cells: r.cells }))).toEqual(doc.history?.table?.rows);
      expect(light.h1).toBe(light.headings[0]);
      expect(light.history?.heading).toBe(light.headings[2]);
    }
  });

  it('throws, naming what is missing, when a part it does not keep is read', () => {
    const light = revived(CLEAN_SOP);
    expect(() => light.parsed.tree).toThrow(/The Markdown tree is not kept in a light document/);
    expect(() => light.parsed.frontMatter!.yaml).toThrow(/The front matter YAML document is not kept/);
    expect(() => light.fields.get('approvals')!.node).toThrow(/The YAML node of approvals is not kept/);
    expect(() => light.approvals[0].role!.node).toThrow(/The YAML node of role is not kept/);
    expect(() => light.history!.table!.node).toThrow(/The history table node is not kept/);
  });

  it('keeps nothing twice and shares what throws', () => {
    const light = revived(CLEAN_SOP);
    // The history table's rows are the history's rows, not a second copy of them.
    expect(light.history?.table?.rows).toBe(light.history?.rows);
    // The throwing getters live on shared prototypes: one defined on each object gave every object
    // its own hidden class, closure and descriptors, more heap than the document's text.
    const [id, title] = [light.fields.get('id')!, light.fields.get('title')!];
    expect(Object.getOwnPropertyDescriptor(id, 'node')).toBeUndefined();
    expect(Object.getPrototypeOf(id)).toBe(Object.getPrototypeOf(title));
    expect(Object.getOwnPropertyDescriptor(light.parsed, 'tree')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(light.parsed.frontMatter!, 'yaml')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(light.history!.table!, 'node')).toBeUndefined();
  });
});
