// The "Bump revision" source action over stdio: its edit takes the editor's
// qmslint.author (at start and when it changes), and its data says in words
// what the edit changes, for the command's confirmation.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TODAY, TestClient, applyLspEdits, tempCopy } from './client';

const SOP1 = 'sops/sop-001-control-of-documents.md';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

async function bumpAction(c: TestClient, uri: string): Promise<CodeAction> {
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.qmslint.bumpRevision'] },
  });
  expect(actions.map((a) => a.kind)).toEqual(['source.qmslint.bumpRevision']);
  return actions[0];
}

describe('Bump revision over LSP', () => {
  it('writes the configured author into a new table row, clears the effective date and lists its changes', async () => {
    const ws = tempCopy('examples');
    const file = path.join(ws, SOP1);
    const text = readFileSync(file, 'utf8');
    client = await TestClient.start([ws], { settings: { author: 'Ana Ruiz' } });
    const uri = await client.open(file, text);
    const bump = await bumpAction(client, uri);
    const bumped = applyLspEdits(text, bump.edit!.changes![uri]);
    const table = bumped.slice(bumped.indexOf('| Revision |')).trimEnd().split('\n');
    expect(table.slice(-2)).toEqual([
      '| C | 2026-02-10 | Dana Whitfield | Moved documents to Markdown with front matter; updated regulatory references for the QMSR. Approved by author Dana Whitfield 2026-02-10, reviewer Omar Haddad 2026-02-12, approver Lena Brandt 2026-02-14 |',
      `| D | ${TODAY} | Ana Ruiz | <enter description of change> |`,
    ]);
    expect(bumped).toContain('\neffective_date: <enter effective date>\n');
    expect(bump.data).toEqual({
      changes: [
        'revision C -> D',
        'status effective -> draft',
        'effective_date 2026-03-01 cleared (filled in when revision D is issued)',
        'approvals cleared (kept in the history row of C)',
        `new history row D, dated ${TODAY}, author Ana Ruiz`,
      ],
    });

    // A changed setting counts from the next request; a blank one gives the prompt.
    await client.notify('workspace/didChangeConfiguration', { settings: { qmslint: { author: '  ' } } });
    const again = await bumpAction(client, uri);
    expect(applyLspEdits(text, again.edit!.changes![uri]).trimEnd().split('\n').pop()).toBe(`| D | ${TODAY} | <enter author> | <enter description of change> |`);
    await client.notify('workspace/didChangeConfiguration', { settings: { qmslint: { author: 'Omar Haddad' } } });
    const third = await bumpAction(client, uri);
    expect((third.data as { changes: string[] }).changes.pop()).toBe(`new history row D, dated ${TODAY}, author Omar Haddad`);
  });
});
