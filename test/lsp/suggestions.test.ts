// Suggestions in the editor: a finding's suggestions (clause-unknown's "did you
// mean") are quick fixes of their own, never preferred, and never part of "fix
// all"; its fix, when it has one, stays the preferred quick fix. Spoken to the
// bundled server over stdio, as an editor does.
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { CLEAN_SOP } from '../helpers';
import { applyLspEdits, serverOnControlledCopy } from './client';

type Offered = { title: string; edits: TextEdit[] };
type Data = { ruleId: string; fix?: Offered; suggestions?: Offered[] };

/** Missing fields (fixable) and a clause number that does not exist (a suggestion only). */
const SOP = '---\nid: SOP-101\ntitle: T\nstandard: iso13485:2016\n---\n# T\n\nPer ISO 13485:2016 clause 4.21 we ...\n';
/** A clean SOP but for a clause number with several close candidates. */
const SEVERAL = CLEAN_SOP.replace('SOP-001', 'SOP-102').replace('§4.2.4 for', '§4.2.4 and §7.3.11 for');
/** A clean SOP but for a clause number with one candidate: nothing to fix. */
const ONLY_SUGGESTION = CLEAN_SOP.replace('SOP-001', 'SOP-103').replace('§4.2.4 for', '§4.21 for');

describe('suggestions as code actions', () => {
  const server = serverOnControlledCopy();
  const file = server.file;

  const quickFixes = (uri: string, diagnostics: Diagnostic[]) =>
    server.client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } });
  const fixAll = (uri: string) =>
    server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });

  it('puts the suggestion in the diagnostic data, not as its fix', async () => {
    await server.client.open(file('sop.md'), SOP);
    const d = (await server.client.pull(file('sop.md'))).find((x) => x.code === 'clause-unknown')!;
    // The panel's one sentence; "did you mean" is in the detail the hover shows (message-hover.test.ts).
    expect(d.message).toBe('ISO 13485:2016 has no clause 4.21.');
    const data = d.data as Data;
    expect(data.fix).toBeUndefined();
    expect(data.suggestions).toEqual([{ title: 'Change 4.21 to 4.2.1', edits: [{ range: d.range, newText: '4.2.1' }] }]);
    await server.client.close(file('sop.md'));
  });

  it('offers the suggestion as a quick fix that is not preferred; the fixes beside it stay preferred', async () => {
    const uri = await server.client.open(file('sop.md'), SOP);
    const items = await server.client.pull(file('sop.md'));
    const d = items.find((x) => x.code === 'clause-unknown')!;

    const actions = await quickFixes(uri, [d]);
    const suggestion = actions.find((a) => a.title === 'Change 4.21 to 4.2.1')!;
    expect(suggestion).toMatchObject({ kind: 'quickfix', isPreferred: false, diagnostics: [d] });
    expect(actions.filter((a) => a.isPreferred)).toEqual([]); // clause-unknown has no fix to prefer
    const chosen = applyLspEdits(SOP, suggestion.edit!.changes![uri]);
    expect(chosen).toBe(SOP.replace('clause 4.21 we', 'clause 4.2.1 we'));
    await server.client.change(file('sop.md'), chosen);
    expect((await server.client.pull(file('sop.md'))).map((x) => x.code)).not.toContain('clause-unknown');
    await server.client.change(file('sop.md'), SOP);

    // Asked for every diagnostic at once (a lightbulb over several): fixes preferred, the suggestion not.
    const all = await quickFixes(uri, items);
    const fixTitles = items.flatMap((x) => ((x.data as Data).fix ? [(x.data as Data).fix!.title] : []));
    expect(fixTitles.length).toBeGreaterThan(0);
    for (const title of fixTitles) expect(all.find((a) => a.title === title)?.isPreferred, title).toBe(true);
    expect(all.filter((a) => a.title === 'Change 4.21 to 4.2.1').map((a) => a.isPreferred)).toEqual([false]);
    await server.client.close(file('sop.md'));
  });

  it('offers each candidate as its own suggestion, in the order the hover over it names them', async () => {
    const uri = await server.client.open(file('several.md'), SEVERAL);
    const d = (await server.client.pull(file('several.md'))).find((x) => x.code === 'clause-unknown')!;
    const suggested = (d.data as Data).suggestions!;
    expect(suggested.length).toBeGreaterThan(1);
    // The candidates are named in the finding's detail, which the hover over the diagnostic shows.
    const hover = await server.client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    const named = hover!.contents.value.split('\n\n---\n\n').find((part) => part.startsWith('Did you mean'))!;
    expect(named.match(/\d+(?:\.\d+)+(?= \()/g)).toEqual(suggested.map((s) => s.edits[0].newText));

    const actions = await quickFixes(uri, [d]);
    for (const s of suggested) {
      const action = actions.find((a) => a.title === s.title)!;
      expect(action, s.title).toMatchObject({ kind: 'quickfix', isPreferred: false });
      expect(applyLspEdits(SEVERAL, action.edit!.changes![uri])).toBe(SEVERAL.replace('§7.3.11 for', `§${s.edits[0].newText} for`));
    }
    await server.client.close(file('several.md'));
  });

  it('leaves suggestions out of "fix all"', async () => {
    const uri = await server.client.open(file('sop.md'), SOP);
    const [all, ...more] = (await fixAll(uri)).filter((a) => a.kind?.startsWith('source.fixAll'));
    expect(more).toEqual([]);
    const edits = all.edit!.changes![uri];
    expect(edits.map((e) => e.newText)).not.toContain('4.2.1');
    const fixed = applyLspEdits(SOP, edits);
    expect(fixed).not.toBe(SOP); // the front matter fixes went in
    expect(fixed).toContain('Per ISO 13485:2016 clause 4.21 we ...');
    await server.client.change(file('sop.md'), fixed);
    const after = (await server.client.pull(file('sop.md'))).find((x) => x.code === 'clause-unknown')!;
    expect((after.data as Data).suggestions!.map((s) => s.title)).toEqual(['Change 4.21 to 4.2.1']);
    await server.client.close(file('sop.md'));

    // A document whose only finding has a suggestion and no fix: nothing to fix at all.
    const only = await server.client.open(file('only.md'), ONLY_SUGGESTION);
    expect((await server.client.pull(file('only.md'))).map((x) => x.code)).toEqual(['clause-unknown']);
    expect((await fixAll(only)).filter((a) => a.kind?.startsWith('source.fixAll'))).toEqual([]);
    await server.client.close(file('only.md'));
  });
});
