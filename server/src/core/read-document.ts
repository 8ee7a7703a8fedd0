// Reading one file for the engine: its text, or the one finding that says why
// it was not analysed (too large, not a regular file, unreadable, binary, too
// deeply nested or too costly to parse). A controlled document that was not
// analysed is always an error: the run must not pass on a document nobody checked.
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Config } from './config';
import { declaresId } from './controlled-text';
import { MAX_NESTING, nestsTooDeep } from './nesting';
import { delimiterCostOver } from './parse-cost';
import { megabytes, UnreadableFile, whyUnopenable } from './read-limits';
import type { Report, Severity } from './types';
import type { Workspace } from './workspace';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** A notice about a whole file: the rule it is reported under and its severity. */
export type FileNotice = Report & { ruleId: string; severity: Severity };

/** A document's text, or why it was not read (too large, not a regular file): then its one finding. */
export async function readDocument(workspace: Workspace, file: string, maxSize: number): Promise<{ text: string; unread?: FileNotice }> {
  try {
    return { text: (await workspace.read(file, maxSize)) ?? '' };
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    return { text: '', unread: e.reason === 'too-large' ? tooLarge(e.limit, maxSize) : e.reason === 'unopenable' ? unopenable(e.code) : notRegular() };
  }
}

/** Over maxSize, or over MAX_READ_BYTES when maxSize is larger: then raising the limit does not help. */
function tooLarge(limit: number, maxSize: number): FileNotice {
  const fix = limit < maxSize ? 'Split it (no file is read above this size).' : 'Split it, or raise the limit (maxFileSize in .qmslint.yaml, or --max-file-size).';
  return {
    ruleId: 'file-too-large',
    severity: 'warning',
    message: `File is larger than ${megabytes(limit)} MB and was not analysed.`,
    detail: fix,
    range: { start: 0, end: 0 },
  };
}

function notRegular(): FileNotice {
  return {
    ruleId: 'file-binary',
    severity: 'info',
    message: 'Not a regular file, so it was not read.',
    detail: 'It is a device, pipe or socket, perhaps through a symlink. Remove it or point the link at a Markdown file.',
    range: { start: 0, end: 0 },
  };
}

/**
 * A Markdown file the system would not open (a link loop, permission denied): not absent, and not
 * empty text either. Its front matter cannot be read, so only a `documents` glob makes it controlled
 * (an error, by failClosed); otherwise a warning, as it is still a file nobody checked.
 */
function unopenable(code: string | undefined): FileNotice {
  return {
    ruleId: 'file-binary',
    severity: 'warning',
    message: `Could not be read: ${whyUnopenable(code)}.`,
    range: { start: 0, end: 0 },
  };
}

/** Why a text that was read is not analysed, if it is not. */
export function skipReason(text: string, maxSize: number): FileNotice | undefined {
  if (text.length > maxSize) return tooLarge(maxSize, maxSize);
  if (text.slice(0, 8000).includes('\u0000')) {
    return { ruleId: 'file-binary', severity: 'info', message: 'Binary file skipped: it is not Markdown text.', range: { start: 0, end: 0 } };
  }
  if (nestsTooDeep(text)) {
    return {
      ruleId: 'file-too-complex',
      severity: 'warning',
      message: `File nests block quotes or lists more than ${MAX_NESTING} levels deep and was not analysed.`,
      detail: 'Parsing it would take minutes. Nest fewer levels.',
      range: { start: 0, end: 0 },
    };
  }
  const cost = delimiterCostOver(text);
  if (cost) {
    return {
      ruleId: 'file-too-complex',
      severity: 'warning',
      message: 'File was not analysed: this paragraph has too many emphasis and link marks.',
      detail: `It has ${cost.delimiters} emphasis and link marks (*, _, ~, [, ]), and parsing them would take minutes. Split it with blank lines, or escape the marks.`,
      range: { start: cost.offset, end: cost.offset },
    };
  }
  return undefined;
}

/**
 * A controlled document (front matter id, or a `documents` match) that was not
 * analysed is an error, whatever the reason: the run must not pass on a
 * document nobody checked. Other files keep the finding as it is.
 */
export function failClosed<T extends { severity: Severity; message: string; detail?: string }>(r: T, file: string, text: string, config: Config): T {
  if (r.severity === 'error' || !(matchesGlobs(file, config, config.documents) || declaresId(text, config))) return r;
  const why = 'It is an error because this is a controlled document (it has an id, or matches documents in .qmslint.yaml): make it a text qmslint can check.';
  return { ...r, severity: 'error', detail: r.detail ? `${r.detail} ${why}` : why };
}

/** Globs in a config are relative to the config's folder. */
export function matchesGlobs(file: string, config: Config, globs: string[]): boolean {
  if (!globs.length) return false;
  const rel = path.posix.relative(config.root, file);
  return picomatch(globs, { dot: true })(rel);
}
