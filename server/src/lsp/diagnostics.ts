// Pull diagnostics: one document (textDocument/diagnostic) and every file of
// every folder (workspace/diagnostic). Findings come from the engine as they
// are; this file only translates them, so the editor shows what CI shows.
import { pushAll } from '../core/arrays';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type TextEdit as LspTextEdit,
  type WorkspaceDiagnosticParams,
  type ResultProgressReporter,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { ConfigError } from '../core/config';
import type { FileResult } from '../core/project';
import type { Finding, Severity } from '../core/types';
import { isMarkdownPath } from '../host/discover';
import { baselinedFindings, type Baseline } from '../core/baseline';
import { asBaselined, folderBaseline } from './baseline';
import { cancelled } from './buffers';
import type { Folder, ScanProblem } from './folders';
import { editorLines, findingRange, pathToUri, toLspEdits, uriToPath } from './positions';
import { isConfigProblem, type Session } from './session';
import { invalidParams } from './validate';

/** What a diagnostic carries for code actions and hover. */
export interface DiagnosticData {
  ruleId: string;
  fix?: { title: string; edits: LspTextEdit[] };
  /** Offered one by one as quick fixes, never preferred and never part of "fix all". */
  suggestions?: { title: string; edits: LspTextEdit[] }[];
  rationale?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * docs/rules sits beside out/ in the repository and in the installed extension (the .vsix ships the
 * pages, scripts/package-vsix.mjs): a file: link the editor opens itself (VS Code in its Markdown
 * preview, package.json configurationDefaults). The CLI's SARIF keeps its web links.
 */
const DOCS = path.resolve(__dirname, '..', 'docs', 'rules');
const docPages = new Map<string, string | undefined>();

export function ruleDocUrl(ruleId: string): string | undefined {
  if (!docPages.has(ruleId)) {
    const page = path.join(DOCS, `${ruleId}.md`);
    const index = path.join(DOCS, 'README.md');
    docPages.set(ruleId, existsSync(page) ? pathToFileURL(page).href : existsSync(index) ? pathToFileURL(index).href : undefined);
  }
  return docPages.get(ruleId);
}

export function toDiagnostic(f: Finding, text: string): Diagnostic {
  const href = ruleDocUrl(f.ruleId);
  const data: DiagnosticData = { ruleId: f.ruleId };
  if (f.fix || f.suggestions?.length) {
    const lines = editorLines(text);
    if (f.fix) data.fix = { title: f.fix.title, edits: toLspEdits(lines, f.fix.edits) };
    if (f.suggestions?.length) data.suggestions = f.suggestions.map((s) => ({ title: s.title, edits: toLspEdits(lines, s.edits) }));
  }
  if (f.rationale) data.rationale = f.rationale;
  return {
    range: findingRange(f),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'qmslint',
    message: f.message,
    data,
  };
}

/** `baseline`: the folder's (lsp/baseline.ts); the findings it holds become hints that say so. */
export function fileDiagnostics(session: Session, result: FileResult, baseline?: Baseline): Diagnostic[] {
  session.noteFailures(result.findings);
  session.lastFindings.set(result.path, { text: result.text, findings: result.findings });
  const held = baseline ? baselinedFindings(result, baseline) : [];
  return result.findings.map((f, i) => (held[i] ? asBaselined(toDiagnostic(f, result.text), baseline!) : toDiagnostic(f, result.text)));
}

/** One diagnostic for a configuration (or standard pack) that cannot be used: nothing can be checked until it is fixed. */
export function configDiagnostic(e: unknown, onConfigFile: boolean): Diagnostic {
  const line = e instanceof ConfigError && e.line ? e.line - 1 : 0;
  const character = e instanceof ConfigError && e.column ? e.column - 1 : 0;
  const message = e instanceof ConfigError ? `${e.detail}` : (e as Error).message;
  return {
    range: onConfigFile ? { start: { line, character }, end: { line, character: character + 1 } } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'config-invalid',
    source: 'qmslint',
    message: onConfigFile ? `Invalid configuration: ${message}` : `qmslint cannot check this file: invalid configuration: ${(e as Error).message}`,
  };
}

/**
 * A .gitignore the folder's scan could not read: on the file itself, what is wrong and how to fix it;
 * on each file of the folder, that it is not checked. Errors, as for an invalid configuration.
 */
export function ignoreFileDiagnostic(problem: ScanProblem, onIgnoreFile: boolean): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'config-invalid',
    source: 'qmslint',
    message: onIgnoreFile
      ? `This .gitignore is ${problem.detail}. Which files it hides is unknown, so no file of this folder is checked until it is fixed: make it a regular text file of at most 4 MB, or remove it.`
      : `qmslint cannot check this file: ${problem.file} is ${problem.detail}; fix or remove that .gitignore.`,
  };
}

function internalDiagnostic(e: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'internal-error',
    source: 'qmslint',
    message: `qmslint failed on this file: ${(e as Error).message}. Please report this as a qmslint bug.`,
  };
}

function resultId(items: Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16);
}

export async function pullDocument(session: Session, params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
  const file = uriToPath(params?.textDocument?.uri);
  if (!file) throw invalidParams('textDocument.uri must be a URI');
  const folder = session.folderFor(file);
  let items: Diagnostic[];
  try {
    await folder.ready();
    const problem = folder.scanProblem;
    if (problem && (file === problem.file || isMarkdownPath(file))) items = [ignoreFileDiagnostic(problem, file === problem.file)];
    else if (!isMarkdownPath(file) && !isConfigFile(file)) items = [];
    else {
      const mine = await folder.lintFile(file, token);
      items = mine ? fileDiagnostics(session, mine, await folderBaseline(session.workspace, folder.root, session.logOnce.bind(session))) : [];
    }
  } catch (e) {
    if (token.isCancellationRequested) throw cancelled();
    if (isConfigProblem(e)) items = [configDiagnostic(e, e instanceof ConfigError ? e.file === file : false)];
    else {
      session.logOnce(`internal:${file}:${(e as Error).message}`, `qmslint: ${file}: ${(e as Error).stack ?? e}`);
      items = [internalDiagnostic(e)];
    }
  }
  if (token.isCancellationRequested) throw cancelled();
  const id = resultId(items);
  if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
  return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
}

function isConfigFile(file: string): boolean {
  return /^\.qmslint\.(ya?ml|json)$/.test(path.posix.basename(file));
}

export async function pullWorkspace(
  session: Session,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
  versionOf: (uri: string) => number | null,
  /** Given when the client asked for partial results: each folder's reports go out as it is done. */
  partial?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>,
): Promise<WorkspaceDiagnosticReport> {
  const previous = new Map((params?.previousResultIds ?? []).map((p) => [p.uri, p.value] as const));
  for (;;) {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    let reported = false;
    for (const folder of session.folders) {
      if (token.isCancellationRequested) throw cancelled();
      const mine: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [file, diagnostics] of await folderDiagnostics(session, folder, token)) {
        const uri = pathToUri(file);
        const id = resultId(diagnostics);
        const version = versionOf(uri);
        if (previous.get(uri) === id) mine.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: id });
        else mine.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: id, items: diagnostics });
      }
      pushAll(items, mine);
      if (partial && mine.some((i) => i.kind === DocumentDiagnosticReportKind.Full)) {
        partial.report({ items: mine });
        reported = true;
      }
    }
    // Nothing new for a client that already has it all: hold the request until something changes.
    const allUnchanged = previous.size > 0 && items.every((i) => i.kind === DocumentDiagnosticReportKind.Unchanged);
    // After partial results, the response itself carries nothing more (LSP 3.17).
    if (reported) return { items: [] };
    if (!allUnchanged) return { items };
    await Promise.race([session.nextChange(), new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()))]);
    if (token.isCancellationRequested) throw cancelled();
  }
}

async function folderDiagnostics(session: Session, folder: Folder, token: CancellationToken): Promise<Map<string, Diagnostic[]>> {
  const out = new Map<string, Diagnostic[]>();
  await folder.ready();
  const problem = folder.scanProblem;
  if (problem) {
    // Which files are the folder's is unknown: the .gitignore carries the error, each file listed says it is not checked.
    folder.ignoreFilesShown.add(problem.file);
    out.set(problem.file, [ignoreFileDiagnostic(problem, true)]);
    for (const file of folder.fileList()) out.set(file, [ignoreFileDiagnostic(problem, false)]);
    return out;
  }
  for (const file of folder.ignoreFilesShown) out.set(file, []);
  try {
    const result = await folder.lintAll(token);
    const baseline = await folderBaseline(session.workspace, folder.root, session.logOnce.bind(session));
    // Files the project had read already are not read again, so the token is not seen on the way.
    if (token.isCancellationRequested) throw cancelled();
    for (const file of result.files) out.set(file.path, fileDiagnostics(session, file, baseline));
  } catch (e) {
    if (token.isCancellationRequested) throw cancelled();
    if (!isConfigProblem(e)) throw e;
    // The broken config carries the error; every document says it cannot be checked.
    if (e instanceof ConfigError) out.set(e.file, [configDiagnostic(e, true)]);
    for (const file of folder.fileList()) out.set(file, [configDiagnostic(e, false)]);
  }
  return out;
}
