// Core speaks offsets; LSP speaks 0-based lines and UTF-16 characters. Every
// conversion goes through core's LineIndex, over the text without its BOM
// (editors do not show it), so one offset always lands on one position.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position, Range, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { ControlledDocument } from '../core/document';
import { LineIndex, type OffsetRange } from '../core/text';
import type { Finding, TextEdit } from '../core/types';
import { toPosix } from '../core/workspace';

export function toPosition(lines: LineIndex, offset: number): Position {
  const p = lines.position(offset);
  return { line: p.line - 1, character: p.column - 1 };
}

export function toRange(lines: LineIndex, r: OffsetRange): Range {
  return { start: toPosition(lines, r.start), end: toPosition(lines, Math.max(r.start, r.end)) };
}

export function toOffset(lines: LineIndex, p: Position): number {
  const start = lines.lineStart(p.line + 1);
  if (p.line + 1 > lines.lineCount) return lines.text.length;
  return Math.min(start + p.character, lines.lineEnd(p.line + 1));
}

/** A finding's range from its 1-based line and column (already BOM-free). */
export function findingRange(f: Finding): Range {
  return {
    start: { line: f.line - 1, character: f.column - 1 },
    end: { line: f.endLine - 1, character: f.endColumn - 1 },
  };
}

let lastLines: { text: string; lines: LineIndex; bom: number } | undefined;

/**
 * Lines of a file's text as the editor shows it (without BOM). The diagnostics
 * of one text ask for it once per finding with a fix: building a LineIndex each
 * time cost seconds per keystroke in a 2 MB document with a thousand fixes, so
 * the last text's lines are kept (one slot; comparing the same string object is
 * a pointer check, and another text differs in length or stops at its first
 * difference, both cheaper than a LineIndex).
 */
export function editorLines(text: string): { lines: LineIndex; bom: number } {
  if (lastLines?.text === text) return { lines: lastLines.lines, bom: lastLines.bom };
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  lastLines = { text, lines: new LineIndex(bom ? text.slice(1) : text), bom };
  return { lines: lastLines.lines, bom };
}

/** Core edits address the file text (BOM included); the editor's text has no BOM. */
export function toLspEdits(doc: ControlledDocument | { lines: LineIndex; bom: number }, edits: TextEdit[]): LspTextEdit[] {
  const { lines, bom } = 'parsed' in doc ? { lines: doc.parsed.lines, bom: doc.parsed.bomLength } : doc;
  return edits.map((e) => ({
    range: toRange(lines, { start: Math.max(0, e.start - bom), end: Math.max(0, e.end - bom) }),
    newText: e.text,
  }));
}

/** Paths are absolute and POSIX, as the engine wants; other schemes (untitled:) get a stable stand-in path. */
export function uriToPath(uri: string): string | undefined {
  if (typeof uri !== 'string') return undefined;
  if (uri.startsWith('file:')) {
    try {
      return toPosix(fileURLToPath(uri));
    } catch {
      return undefined;
    }
  }
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(uri);
  if (!m) return undefined;
  return `/${m[1]}/${encodeURIComponent(m[2])}`;
}

const known = new Map<string, string>();

/** Remembers the URI a client used for a document, so answers about it name it as the client does. */
export function rememberUri(file: string, uri: string): void {
  known.set(file, uri);
}

export function pathToUri(file: string): string {
  return known.get(file) ?? pathToFileURL(file.split('/').join(path.sep)).href;
}
