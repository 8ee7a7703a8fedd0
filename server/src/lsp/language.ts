// Completion, hover, definition, references, document links and workspace
// symbols: core computes them over offsets and the workspace index; this file
// turns positions into offsets and paths into locations.
import {
  CompletionItemKind,
  CompletionItemTag,
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
  type ReferenceParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { completionsAt, type CompletionKind } from '../core/features/completion';
import { hoverAt, ruleHover } from '../core/features/hover';
import { definitionAt, documentLinks, referencesAt, workspaceSymbols, type Place } from '../core/features/navigation';
import type { WorkspaceIndex } from '../core/index-workspace';
import { cancelled } from './buffers';
import { findingRange, pathToUri, toOffset, toRange } from './positions';
import type { Session } from './session';
import { invalidParams, requirePosition, requireUri } from './validate';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  clause: CompletionItemKind.Reference,
  document: CompletionItemKind.File,
  standard: CompletionItemKind.Module,
  role: CompletionItemKind.Value,
};

export async function completion(session: Session, params: CompletionParams, token: CancellationToken): Promise<CompletionItem[]> {
  const uri = requireUri(params);
  const position = requirePosition(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return [];
  const lines = view.doc.parsed.lines;
  const entries = completionsAt(view.context, toOffset(lines, position));
  return entries.map((e) => ({
    label: e.label,
    kind: KIND[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    // The row itself shows what the id is (VS Code: right of the label); a struck-through row is obsolete.
    ...(e.description ? { labelDetails: { description: e.description } } : {}),
    ...(e.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    ...(e.documentation ? { documentation: e.documentation } : {}),
    ...(e.sortText ? { sortText: e.sortText } : {}),
    ...(e.insertText && e.insertText !== e.label ? { filterText: e.label } : {}),
    textEdit: { range: toRange(lines, e.range), newText: e.insertText ?? e.label },
  }));
}

export async function hover(session: Session, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const uri = requireUri(params);
  const position = requirePosition(params);
  const view = await session.view(uri);
  if (token.isCancellationRequested) throw cancelled();
  if (!view) return null;
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
      const text = ruleHover(f.ruleId, f.rationale, snapshot.result.catalog);
      if (text && !parts.includes(text)) parts.push(text);
      range ??= r;
    }
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
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
