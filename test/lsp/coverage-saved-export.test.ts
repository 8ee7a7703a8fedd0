// The editor's coverage findings and export (issue 16, point 9), spoken to the bundled server:
// - coverage-gap diagnostics on .qmslint.yaml: one per standard, each on that standard's entry, no two
//   at one position (they stacked their hovers on 1:1);
// - qmslint/coverageExport reports on the files as saved, while qmslint/coverage (the view) follows
//   the open editors' unsaved text.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../server/src/protocol/coverage';
import type { CoverageExportResponse } from '../../server/src/protocol/coverage-export';
import { removeTempCopy, TestClient, tempCopy, uriOf } from './client';

const SOP2 = 'sops/sop-002-control-of-records.md';
const CONFIG = '# the example QMS, with two more standards to report coverage for\nstandard: iso13485:2016\nstandards:\n  - iso9001:2015\n  - 21cfr820\ndocuments: ["**/*.md"]\nignore: ["README.md"]\n';

describe('coverage in the editor: gap positions and exports from saved files', () => {
  let dir: string;
  let client: TestClient;

  beforeAll(async () => {
    dir = tempCopy('examples');
    writeFileSync(path.join(dir, '.qmslint.yaml'), CONFIG);
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
    removeTempCopy(dir);
  });

  it('puts each standard’s coverage-gap on its own entry of .qmslint.yaml, no two at one position', async () => {
    const gaps = (await client.pull(path.join(dir, '.qmslint.yaml'))).filter((d) => d.code === 'coverage-gap');
    const lines = CONFIG.split('\n');
    const at = gaps.map((d) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character));
    expect(at).toEqual(['iso13485:2016', 'iso9001:2015', '21cfr820']);
    const positions = gaps.map((d) => `${d.range.start.line}:${d.range.start.character}`);
    expect(new Set(positions).size).toBe(gaps.length);
    expect(positions).toEqual(['1:10', '3:4', '4:4']);
  });

  it('exports the coverage of the files as saved, while the view follows an unsaved edit', async () => {
    const sop = path.join(dir, SOP2);
    const text = readFileSync(sop, 'utf8');
    await client.open(sop, text);
    await client.change(sop, text.replace('clauses: ["4.2.5"]', 'clauses: ["4.2.5", "8.2.2"]'));
    // The view: SOP-002 cites 8.2.2 in its editor.
    const view = await client.request<CoverageResponse>('qmslint/coverage', { uri: uriOf(dir) });
    expect(view.clauses.find((c) => c.id === '8.2.2')!.documents.map((d) => d.id)).toEqual(['SOP-002']);
    // The export: as saved, nothing cites 8.2.2.
    const exported = await client.request<CoverageExportResponse>('qmslint/coverageExport', { uri: uriOf(dir), format: 'json' });
    const clauses = JSON.parse(exported.text).standards[0].clauses as { clause: { id: string }; documents: { id: string | null }[] }[];
    expect(clauses.find((c) => c.clause.id === '8.2.2')!.documents).toEqual([]);
    expect(clauses.find((c) => c.clause.id === '4.2.5')!.documents.map((d) => d.id)).toContain('SOP-002');
  });
});
