// Malformed requests get an LSP error (InvalidParams), never a crash.
import { ErrorCodes, ResponseError, type Position } from 'vscode-languageserver/node';

export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

export function requireUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(uri)) throw invalidParams('textDocument.uri must be a URI string');
  return uri;
}

export function requirePosition(params: unknown, key = 'position'): Position {
  const p = (params as Record<string, unknown> | undefined)?.[key] as Position | undefined;
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) {
    throw invalidParams(`${key} must be {line, character} with non-negative integers`);
  }
  return p;
}
