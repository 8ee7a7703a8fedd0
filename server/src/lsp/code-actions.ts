// Code actions. Quick fixes, in this order: each core fix on its diagnostic
// (preferred when it is the finding's only way out), each suggestion (never
// preferred: it may change what the text means), "Bump revision" on a stale
// approval or a change without a new revision, "Fix all qmslint problems" when
// the file has more than one fix, and last "disable this rule on this line /
// in this file", never preferred, so one Enter never silences a finding.
// Source actions: fix all (fixes only, never suggestions, to the same fixpoint
// as CLI --fix: core/fixpoint.ts) and "Bump revision". Every edit comes from
// core; nothing here guesses at text.
import { pushAll } from '../core/arrays';
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
import type { DocumentView, Session } from './session';
import { requireUri } from './validate';
import { plural } from '../core/words';
import { BUMP_REVISION_KIND, type BumpRevisionData } from '../protocol/code-actions';

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
    // In the order the menu shows them: the fixes, then what a person must choose (suggestions,
    // Bump revision), then "fix all", then the disable actions, last and never preferred, so no
    // single Enter silences a finding.
    const fixes: CodeAction[] = [];
    const choices: CodeAction[] = [];
    const disables: CodeAction[] = [];
    for (const d of diagnostics) {
      const data = d.data as DiagnosticData | undefined;
      const suggestions = Array.isArray(data?.suggestions) ? data.suggestions : [];
      if (data?.fix) {
        // Preferred only when it is the finding's one way out: beside suggestions it is one choice among several.
        fixes.push({ title: data.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: suggestions.length === 0, edit: { changes: { [uri]: data.fix.edits } } });
      }
      // Each suggestion on its own and never preferred: it may change what the text means, so only a person picks it.
      for (const s of suggestions) {
        choices.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: { changes: { [uri]: s.edits } } });
      }
    }
    if (view) {
      // approval-stale: the approvals are of an earlier text; change-without-revision: the content changed
      // since the committed version (lsp/base-versions.ts). Either way out is a new revision to approve.
      const stale = diagnostics.filter((d) => d.code === 'approval-stale' || d.code === 'change-without-revision');
      // The same action as the Bump revision source action, as a quick fix on the finding.
      const bump = stale.length ? bumpAction(session, view, uri) : undefined;
      if (bump) choices.push({ ...bump, kind: CodeActionKind.QuickFix, diagnostics: stale, isPreferred: false });

      const seen = new Set<string>();
      for (const d of diagnostics) {
        const ruleId = typeof d.code === 'string' ? d.code : undefined;
        if (!ruleId || !ruleById(ruleId)) continue;
        const offset = toOffset(view.doc.parsed.lines, d.range.start) + view.doc.parsed.bomLength;
        const line = disableOnLineFix(view.doc, ruleId, offset);
        if (line && !seen.has(`line:${ruleId}:${d.range.start.line}`)) {
          seen.add(`line:${ruleId}:${d.range.start.line}`);
          disables.push({ title: line.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: edit(line) });
        }
        const file = disableInFileFix(view.doc, ruleId);
        if (file && !seen.has(`file:${ruleId}`)) {
          seen.add(`file:${ruleId}`);
          disables.push({ title: file.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: edit(file) });
        }
      }
    }
    const all = diagnostics.length && view ? await fixAllQuickFix(session, view, uri, token) : undefined;
    for (const group of [fixes, choices, all ? [all] : [], disables]) pushAll(actions, group);
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

  if (view && wanted(BUMP_REVISION_KIND)) {
    const bump = bumpAction(session, view, uri);
    if (bump) actions.push(bump);
  }
  return actions;
}

/** "Bump revision" for a controlled document whose revision has a next one; undefined otherwise. */
function bumpAction(session: Session, view: DocumentView, uri: string): CodeAction | undefined {
  if (!view.doc.controlled) return undefined;
  const statusKey = view.context.config.fields.status?.[0];
  const bump = bumpRevision(view.doc, { today: session.today(), statusKey, historyHeading: view.context.config.historyHeadings[0], author: session.author() });
  if (!bump.ok) return undefined;
  // data: the changes in words, for a client that confirms before applying (the Bump Revision command).
  const data: BumpRevisionData = { changes: bump.changes };
  return { title: `Bump revision (${bump.from} -> ${bump.to})`, kind: BUMP_REVISION_KIND, edit: { changes: { [uri]: toLspEdits(view.doc, bump.fix.edits) } }, data };
}

/**
 * "Fix all qmslint problems" in the quick fix menu, as ESLint and markdownlint offer it: only when
 * the file's last pulled findings hold more than one fix (one fix is its own quick fix already),
 * and with the edits of source.fixAll (fixes only, to the CLI --fix fixpoint).
 */
async function fixAllQuickFix(session: Session, view: DocumentView, uri: string, token: CancellationToken): Promise<CodeAction | undefined> {
  const file = uriToPath(uri)!;
  const fixable = session.lastFindings.get(file)?.findings.filter((f) => f.fix).length ?? 0;
  if (fixable < 2) return undefined;
  const fixed = await view.folder.fixAll(file, token);
  if (token.isCancellationRequested) throw cancelled();
  if (!fixed?.applied.length) return undefined;
  return {
    title: 'Fix all qmslint problems',
    kind: CodeActionKind.QuickFix,
    isPreferred: false,
    edit: { changes: { [uri]: toLspEdits(editorLines(fixed.original), fixed.edits) } },
  };
}
