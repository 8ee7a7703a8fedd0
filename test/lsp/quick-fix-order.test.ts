// The quick fix menu (issue 16, point 1), asked of the bundled server over stdio as an editor
// asks it: a fix that is a finding's only way out comes first and is preferred; suggestions and
// "Bump revision" follow, never preferred; "Fix all qmslint problems" appears when the file has
// more than one fix; the disable actions come last and are never preferred.
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { CLEAN_SOP } from '../helpers';
import { applyLspEdits, serverOnControlledCopy } from './client';

/** Two fixes (a status in capitals, a year-first date with slashes) and an ambiguous date (suggestions). */
const FIXABLE = CLEAN_SOP.replace('SOP-001', 'SOP-201')
  .replace('status: effective', 'status: Effective')
  .replace('next_review: 2028-03-01', 'next_review: 2028/03/01')
  .replace('date: 2026-02-12}', 'date: 02/03/2026}');
/** One fix only: no "fix all" in the quick fix menu. */
const ONE_FIX = CLEAN_SOP.replace('SOP-001', 'SOP-202').replace('status: effective', 'status: EFFECTIVE');
/** Approvals older than revision C's row: stale. */
const STALE = CLEAN_SOP.replace('SOP-001', 'SOP-203').replace('| C | 2026-02-10 |', '| C | 2026-02-20 |');

describe('quick fix order and preference', () => {
  const server = serverOnControlledCopy();
  const file = server.file;

  // Asked as VS Code asks on Ctrl+. (no `only`); the source actions in the answer go to the Source Action menu, not this one.
  const quickFixes = async (uri: string, diagnostics: Diagnostic[]) =>
    (await server.client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })).filter(
      (a) => !a.kind?.startsWith('source'),
    );
  const summary = (actions: CodeAction[]) => actions.map((a) => [a.title, a.kind, a.isPreferred]);

  it('puts the one fix first and preferred, then fix all, then the disable actions, never preferred', async () => {
    const uri = await server.client.open(file('fixable.md'), FIXABLE);
    const items = await server.client.pull(file('fixable.md'));
    const status = items.find((d) => d.code === 'field-invalid' && d.range.start.line === 5)!;
    expect(status.message).toBe('Unknown status Effective (ISO 13485:2016 4.2.4 h)).');

    const actions = await quickFixes(uri, [status]);
    expect(summary(actions)).toEqual([
      ['Change status to effective', 'quickfix', true],
      ['Fix all qmslint problems', 'quickfix', false],
      ['Disable field-invalid on this line', 'quickfix', false],
      ['Disable field-invalid in this file', 'quickfix', false],
    ]);
    expect(applyLspEdits(FIXABLE, actions[0].edit!.changes![uri])).toBe(FIXABLE.replace('status: Effective', 'status: effective'));
    // Fix all: both fixes, and the ambiguous date left for a person.
    expect(applyLspEdits(FIXABLE, actions[1].edit!.changes![uri])).toBe(
      FIXABLE.replace('status: Effective', 'status: effective').replace('next_review: 2028/03/01', 'next_review: 2028-03-01'),
    );
    await server.client.close(file('fixable.md'));
  });

  it('offers the readings of an ambiguous date as suggestions, none preferred, before fix all and the disables', async () => {
    const uri = await server.client.open(file('fixable.md'), FIXABLE);
    const items = await server.client.pull(file('fixable.md'));
    const date = items.find((d) => d.code === 'field-invalid' && String(d.message).includes('02/03/2026'))!;
    const actions = await quickFixes(uri, [date]);
    expect(summary(actions)).toEqual([
      ['Change date of approval 2 to 2026-03-02 (read day first)', 'quickfix', false],
      ['Change date of approval 2 to 2026-02-03 (read month first)', 'quickfix', false],
      ['Fix all qmslint problems', 'quickfix', false],
      ['Disable field-invalid on this line', 'quickfix', false],
      ['Disable field-invalid in this file', 'quickfix', false],
    ]);
    expect(applyLspEdits(FIXABLE, actions[1].edit!.changes![uri])).toBe(FIXABLE.replace('date: 02/03/2026}', 'date: 2026-02-03}'));
    await server.client.close(file('fixable.md'));
  });

  it('leaves fix all out of the quick fix menu when the file has one fix', async () => {
    const uri = await server.client.open(file('one.md'), ONE_FIX);
    const [d] = (await server.client.pull(file('one.md'))).filter((x) => x.code === 'field-invalid');
    const actions = await quickFixes(uri, [d]);
    expect(summary(actions)).toEqual([
      ['Change status to effective', 'quickfix', true],
      ['Disable field-invalid on this line', 'quickfix', false],
      ['Disable field-invalid in this file', 'quickfix', false],
    ]);
    await server.client.close(file('one.md'));
  });

  it('offers Bump revision on a stale approval, not preferred, with the edits of the Bump revision source action', async () => {
    const uri = await server.client.open(file('stale.md'), STALE);
    const stale = (await server.client.pull(file('stale.md'))).filter((d) => d.code === 'approval-stale');
    expect(stale).toHaveLength(3);
    const actions = await quickFixes(uri, [stale[0]]);
    expect(summary(actions)).toEqual([
      ['Bump revision (C -> D)', 'quickfix', false],
      ['Disable approval-stale on this line', 'quickfix', false],
      ['Disable approval-stale in this file', 'quickfix', false],
    ]);
    const bumped = applyLspEdits(STALE, actions[0].edit!.changes![uri]);
    expect(bumped).toContain('\nrevision: D\nstatus: draft\n');
    expect(bumped).toContain('\napprovals: []\n');
    const source = (
      await server.client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: stale[0].range,
        context: { diagnostics: [], only: ['source.qmslint.bumpRevision'] },
      })
    ).find((a) => a.title === 'Bump revision (C -> D)')!;
    expect(applyLspEdits(STALE, source.edit!.changes![uri])).toBe(bumped);
    await server.client.change(file('stale.md'), bumped);
    expect((await server.client.pull(file('stale.md'))).map((d) => d.code)).not.toContain('approval-stale');
    await server.client.close(file('stale.md'));
  });
});
