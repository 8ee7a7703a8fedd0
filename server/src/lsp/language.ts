// Completion, hover, definition, references, document links and workspace
// symbols: core computes them over offsets and the workspace index; this file
// turns positions into offsets and paths into locations.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionParams,
  type DefinitionParams,
  type DocumentLink,
  type DocumentLinkParams,
  type Hover,
  type HoverParams,
  type Location,
  type Position,
  type ReferenceParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { buildDocument } from '../core/document';
import { documentContext } from '../core/document-context';
import { completionsAt, type CompletionEntry, type CompletionKind } from '../core/features/completion';
import { skeletonCompletions } from '../core/features/skeleton';
import { findingDetailHover, hoverAt, ruleHover } from '../core/features/hover';
import { definitionAt, documentLinks, referencesAt, workspaceSymbols, type Place } from '../core/features/navigation';
import type { WorkspaceIndex } from '../core/index-workspace';
import type { LineIndex } from '../core/text';
import { cancelled } from './buffers';
import { findingRange, pathToUri, toOffset, toRange, uriToPath } from './positions';
import type { Session } from './session';
import { invalidParams, requirePosition, requireUri } from './validate';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  clause: CompletionItemKind.Reference,
  document: CompletionItemKind.File,
  standard: CompletionItemKind.Module,
  role: CompletionItemKind.Value,
  skeleton: CompletionItemKind.Snippet,
};

/** `snippets`: the client inserts snippet syntax (tab stops); a new document's skeleton comes as one then. */
export async function completion(session: Session, params: CompletionParams, token: CancellationToken, snippets = false): Promise<CompletionItem[]> {
  const uri = requireUri(params);
  const position = requirePosition(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return untitledSkeletons(session, uri, position, snippets);
  const lines = view.doc.parsed.lines;
  const offset = toOffset(lines, position);
  return completionItems(lines, [...completionsAt(view.context, offset), ...skeletonCompletions(view.context, offset, snippets)]);
}

/**
 * An untitled Markdown buffer is no folder's document until it is saved: it is offered the
 * skeletons with the next free ids of the first workspace folder, where it is most likely saved.
 */
async function untitledSkeletons(session: Session, uri: string, position: Position, snippets: boolean): Promise<CompletionItem[]> {
  const file = uriToPath(uri);
  const text = file && uri.startsWith('untitled:') ? session.workspace.buffer(file) : undefined;
  const folder = session.folders[0];
  if (file === undefined || text === undefined || !folder) return [];
  const snapshot = await folder.snapshot();
  const config = await snapshot.resolver.forDir(folder.root);
  const doc = buildDocument(file, text, config, false);
  const context = documentContext(doc, config, snapshot.result.catalog, snapshot.result.index, session.today());
  const lines = doc.parsed.lines;
  return completionItems(lines, skeletonCompletions(context, toOffset(lines, position), snippets));
}

function completionItems(lines: LineIndex, entries: CompletionEntry[]): CompletionItem[] {
  return entries.map((e) => ({
    label: e.label,
    kind: KIND[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    // The row itself shows what the id is (VS Code: right of the label); a struck-through row is obsolete.
    ...(e.description ? { labelDetails: { description: e.description } } : {}),
    ...(e.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    ...(e.documentation ? { documentation: e.documentation } : {}),
    ...(e.sortText ? { sortText: e.sortText } : {}),
    ...(e.filterText ? { filterText: e.filterText } : e.insertText && e.insertText !== e.label ? { filterText: e.label } : {}),
    ...(e.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    textEdit: { range: toRange(lines, e.range), newText: e.insertText ?? e.label },
  }));
}

export async function hover(session: Session, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const uri = requireUri(params);
  const position = requirePosition(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return detailHover(session, uri, position);
  const { doc, snapshot, folder, context } = view;
  const lines = doc.parsed.lines;
  const parts: string[] = [];
  const found = hoverAt({ doc, index: snapshot.result.index, catalog: snapshot.result.catalog, defaultStandard: context.config.standard, root: folder.root }, toOffset(lines, position));
  let range = found ? toRange(lines, found.range) : undefined;
  if (found) parts.push(found.markdown);
  // The diagnostics under the cursor: why the rule cares.
  const last = session.lastFindings.get(doc.path);
  if (last && (last.text === doc.parsed.text || last.text.slice(doc.parsed.bomLength) === doc.parsed.text)) {
    for (const f of last.findings) {
      const r = findingRange(f);
      const after = (a: typeof position, b: typeof position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
      if (!after(position, r.start) || !after(r.end, position)) continue;
      // The finding's detail (why, and how to fix it), then why its rule matters.
      for (const text of [findingDetailHover(f), ruleHover(f.ruleId, f.rationale, snapshot.result.catalog)]) if (text && !parts.includes(text)) parts.push(text);
      range ??= r;
    }
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

/**
 * A file that is no linted document (.qmslint.yaml, where the coverage gaps are reported): the
 * hover over one of its diagnostics still shows the finding's detail, from its last diagnostics.
 */
function detailHover(session: Session, uri: string, position: Position): Hover | null {
  const file = uriToPath(uri);
  const last = file ? session.lastFindings.get(file) : undefined;
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  const under = (last?.findings ?? []).filter((f) => {
    const r = findingRange(f);
    return after(position, r.start) && after(r.end, position);
  });
  const parts = [...new Set(under.map(findingDetailHover).filter((t): t is string => t !== undefined))];
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: findingRange(under[0]) };
}

function toLocation(index: WorkspaceIndex, place: Place): Location {
  const target = index.byPath.get(place.path);
  const range = target ? toRange(target.parsed.lines, place.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri: pathToUri(place.path), range };
}

export async function definition(session: Session, params: DefinitionParams, token: CancellationToken): Promise<Location[]> {
  const uri = requireUri(params);
  const position = requirePosition(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return [];
  const index = view.snapshot.result.index;
  return definitionAt(view.doc, toOffset(view.doc.parsed.lines, position), index).map((p) => toLocation(index, p));
}

export async function references(session: Session, params: ReferenceParams, token: CancellationToken): Promise<Location[]> {
  const uri = requireUri(params);
  const position = requirePosition(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return [];
  const { index, catalog } = view.snapshot.result;
  const include = params.context?.includeDeclaration === true;
  return referencesAt(view.doc, toOffset(view.doc.parsed.lines, position), index, catalog, view.context.config.standard, include).map((p) => toLocation(index, p));
}

export async function links(session: Session, params: DocumentLinkParams, token: CancellationToken): Promise<DocumentLink[]> {
  const uri = requireUri(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return [];
  const index = view.snapshot.result.index;
  const lines = view.doc.parsed.lines;
  return documentLinks(view.doc, index).map((l) => {
    let target = pathToUri(l.path);
    const targetDoc = index.byPath.get(l.path);
    // VS Code and most clients open file URIs at `#L<line>`.
    if (l.target && targetDoc) target += `#L${targetDoc.parsed.lines.position(l.target.start).line}`;
    return { range: toRange(lines, l.range), target, ...(l.tooltip ? { tooltip: l.tooltip } : {}) };
  });
}

export async function symbols(session: Session, params: WorkspaceSymbolParams, token: CancellationToken): Promise<SymbolInformation[]> {
  const query = params?.query ?? '';
  if (typeof query !== 'string') throw invalidParams('query must be a string');
  const out: SymbolInformation[] = [];
  for (const folder of session.folders) {
    if (token.isCancellationRequested) throw cancelled();
    let snap;
    try {
      snap = await folder.snapshot();
    } catch {
      continue;
    }
    const index = snap.result.index;
    for (const s of workspaceSymbols(index, query)) {
      out.push({
        name: s.name,
        kind: SymbolKind.File,
        location: toLocation(index, s),
        ...(s.type || s.status ? { containerName: [s.type, s.status].filter(Boolean).join(' · ') } : {}),
      });
    }
  }
  return out;
}
