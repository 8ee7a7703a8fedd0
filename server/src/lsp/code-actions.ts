// Code actions: each core fix as a quick fix on its diagnostic, each of its
// suggestions as a quick fix that is not preferred, "disable this rule on this
// line / in this file", "fix all" (fixes only, never suggestions, to the same
// fixpoint as CLI --fix: core/fixpoint.ts), and the
// source action "Bump revision". Every edit comes from core; nothing here
// guesses at text.
import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { bumpRevision } from '../core/bump';
import { disableInFileFix, disableOnLineFix } from '../core/features/suppress';
import { ruleById } from '../core/rules';
import type { Fix } from '../core/types';
import { cancelled } from './buffers';
import type { DiagnosticData } from './diagnostics';
import { editorLines, toLspEdits, toOffset, uriToPath } from './positions';
import type { Session } from './session';
import { requireUri } from './validate';
import { plural } from '../core/words';
import { BUMP_REVISION_KIND } from '../protocol/code-actions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.qmslint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, BUMP_REVISION_KIND];

export async function codeActions(session: Session, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const uri = requireUri(params);
  const only = Array.isArray(params.context?.only) ? params.context.only : undefined;
  const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  const actions: CodeAction[] = [];
  const edit = (fix: Fix): CodeAction['edit'] => ({ changes: { [uri]: toLspEdits(view!.doc, fix.edits) } });

  if (wanted(CodeActionKind.QuickFix)) {
    const diagnostics = (Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : []).filter((d: Diagnostic) => d?.source === 'qmslint');
    for (const d of diagnostics) {
      const data = d.data as DiagnosticData | undefined;
      if (data?.fix) {
        actions.push({ title: data.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: data.fix.edits } } });
      }
      // Each suggestion on its own and never preferred: it may change what the text means, so only a person picks it.
      for (const s of Array.isArray(data?.suggestions) ? data.suggestions : []) {
        actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: { changes: { [uri]: s.edits } } });
      }
    }
    if (view) {
      const seen = new Set<string>();
      for (const d of diagnostics) {
        const ruleId = typeof d.code === 'string' ? d.code : undefined;
        if (!ruleId || !ruleById(ruleId)) continue;
        const offset = toOffset(view.doc.parsed.lines, d.range.start) + view.doc.parsed.bomLength;
        const line = disableOnLineFix(view.doc, ruleId, offset);
        if (line && !seen.has(`line:${ruleId}:${d.range.start.line}`)) {
          seen.add(`line:${ruleId}:${d.range.start.line}`);
          actions.push({ title: line.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(line) });
        }
        const file = disableInFileFix(view.doc, ruleId);
        if (file && !seen.has(`file:${ruleId}`)) {
          seen.add(`file:${ruleId}`);
          actions.push({ title: file.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(file) });
        }
      }
    }
  }

  if (view && wanted(FIX_ALL_KIND) && only) {
    // Only on request (fix-all on save, "Fix all"): it lints the file again.
    const file = uriToPath(uri)!;
    // Fixes only (never a finding's suggestions), pass after pass to the fixpoint CLI --fix reaches,
    // so Fix All leaves the text `qmslint --fix` writes.
    const fixed = await view.folder.fixAll(file, token);
    if (token.isCancellationRequested) throw cancelled();
    if (fixed?.applied.length) {
      actions.push({
        title: `Fix ${plural(fixed.applied.length, 'qmslint problem')}`,
        kind: FIX_ALL_KIND,
        // The edits address the text linted first, which may be newer than the view's document.
        edit: { changes: { [uri]: toLspEdits(editorLines(fixed.original), fixed.edits) } },
      });
    }
  }

  if (view && view.doc.controlled && wanted(BUMP_REVISION_KIND)) {
    const statusKey = view.context.config.fields.status?.[0];
    const bump = bumpRevision(view.doc, { today: session.today(), statusKey, historyHeading: view.context.config.historyHeadings[0] });
    if (bump.ok) actions.push({ title: `Bump revision (${bump.from} -> ${bump.to})`, kind: BUMP_REVISION_KIND, edit: edit(bump.fix) });
  }
  return actions;
}
