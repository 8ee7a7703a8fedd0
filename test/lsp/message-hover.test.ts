// Messages written for the Problems panel (issue 16, point 4), spoken to the bundled server over
// stdio as an editor does: a diagnostic's message is one plain sentence under 100 characters that
// names its clause; the why and the fix (the finding's detail) are in the hover over it, with no
// literal backtick anywhere, above why the rule matters.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP } from '../helpers';
import { messageFormProblems } from '../message-form';
import { serverOnControlledCopy, tempCopy, TestClient, uriOf } from './client';

/** A clean SOP whose front matter lost its owner and cites a clause that does not exist. */
const SOP = CLEAN_SOP.replace('SOP-001', 'SOP-104').replace(/^owner: .*\n/m, '').replace('§4.2.4 for', '§4.21 for');

describe('the Problems panel shows the message, the hover its detail', () => {
  const server = serverOnControlledCopy();
  const file = server.file;

  it('gives each diagnostic a short plain message naming its clause or house rule', async () => {
    await server.client.open(file('hover.md'), SOP);
    const items = await server.client.pull(file('hover.md'));
    await server.client.close(file('hover.md'));
    expect(items.map((d) => d.code).sort()).toEqual(['clause-unknown', 'field-missing']);
    for (const d of items) expect(messageFormProblems({ message: String(d.message) }), String(d.message)).toEqual([]);
    expect(items.find((d) => d.code === 'field-missing')!.message).toBe('Missing owner (your configuration requires it).');
    expect(items.find((d) => d.code === 'clause-unknown')!.message).toBe('ISO 13485:2016 has no clause 4.21.');
  });

  it('shows the detail on hover over the diagnostic, then why the rule matters', async () => {
    const uri = await server.client.open(file('hover.md'), SOP);
    const items = await server.client.pull(file('hover.md'));
    const hoverOn = async (code: string) => {
      const d = items.find((x) => x.code === code)!;
      const h = await server.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
      return h ? (h.contents as { value: string }).value : '';
    };
    const owner = await hoverOn('field-missing');
    const clause = await hoverOn('clause-unknown');
    await server.client.close(file('hover.md'));

    expect(owner).toContain('Your configuration requires owner (who answers for reviewing and updating the document). Add owner: to the front matter');
    // The detail first, then the rule's description and rationale.
    expect(owner.indexOf('Your configuration requires owner')).toBeLessThan(owner.indexOf('qmslint'));
    expect(clause).toContain('Did you mean 4.2.1 (Documentation - general)?');
    // Plain text: no literal backtick from the detail (the rule's own line may format its id as code).
    for (const value of [owner, clause]) {
      const detail = value.split('\n\n---\n\n').find((part) => /Your configuration requires owner|Did you mean 4\.2\.1/.test(part))!;
      expect(detail).not.toContain('`');
    }
  });
});

describe('the hover over a coverage gap on .qmslint.yaml', () => {
  let dir: string;
  let client: TestClient;

  beforeAll(async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    writeFileSync(path.join(dir, '.qmslint.yaml'), 'standard: iso13485:2016\ndocuments: ["**/*.md"]\n');
    client = await TestClient.start([dir]);
  });
  afterAll(async () => {
    await client?.stop();
  });

  it('shows which clauses are not covered, though the file is no Markdown document', async () => {
    const config = path.join(dir, '.qmslint.yaml');
    const [gap, ...more] = (await client.pull(config)).filter((d) => d.code === 'coverage-gap');
    expect(more).toEqual([]);
    expect(gap.message).toMatch(/^ISO 13485:2016: \d+ of 29 required clauses not covered \(ISO 13485:2016 4\.2\.1 c\)\)\.$/);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(config) }, position: gap.range.start });
    const value = h ? (h.contents as { value: string }).value : '';
    expect(value).toMatch(/clauses that require a documented procedure or process (is|are) not covered by an approved or effective document\./);
    expect(value).toContain('Cited by no document: ');
    expect(value).not.toContain('`');
  });
});
