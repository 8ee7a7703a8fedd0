// Documents moved without `git mv`: a controlled document's identity is its front matter id,
// not its path, so a file deleted at one path and one added at another with the same id are
// one document that moved, whatever git's rename detection (by content similarity) made of
// them. Its base version is then the deleted one, and the change rules and the review compare
// with it, as for a rename git detected.
//
// An id pairs two files only when it is unambiguous: exactly one file with that id left and
// exactly one arrived. Otherwise the id cannot say which is which; git's pairing stands where it
// made one, and each file not paired is checked as a deletion or as a new document (two arrived
// with one id are also an id-duplicate finding). A rename git detected between two documents with
// different ids is not one document: it is undone into a deletion and a new document.
import * as path from 'node:path';
import { ConfigError, ConfigResolver, parseConfig, readConfigText, type Config } from '../core/config';
import { buildDocument, fieldText } from '../core/document';
import { DEFAULT_MAX_FILE_SIZE, skipReason } from '../core/read-document';
import { toPosix } from '../core/workspace';
import { DiskWorkspace } from '../host/disk-workspace';
import { CliError } from './errors';
import type { GitChange } from './git-change';

/** An id that several files left or arrived with: no move is followed for it. */
export interface AmbiguousMove {
  id: string;
  /** Base paths of the files that left with the id. */
  gone: string[];
  /** Working tree paths of the files that arrived with it. */
  arrived: string[];
}

export interface Pairing {
  changes: GitChange[];
  ambiguous: AmbiguousMove[];
}

/**
 * The changes with moves followed by id. `goneIds` are the ids at the base of the files that left
 * (deleted, or the old side of a rename), by base path; `arrivedIds` those of the files that
 * arrived (added, or the new side of a rename), by working tree path.
 */
export function pairMoves(changes: GitChange[], goneIds: Map<string, string>, arrivedIds: Map<string, string>): Pairing {
  const byId = new Map<string, { gone: string[]; arrived: string[] }>();
  const entry = (id: string) => byId.get(id) ?? byId.set(id, { gone: [], arrived: [] }).get(id)!;
  for (const [file, id] of goneIds) entry(id).gone.push(file);
  for (const [file, id] of arrivedIds) entry(id).arrived.push(file);

  const moves = new Map<string, string>(); // arrived path -> gone path
  const ambiguous: AmbiguousMove[] = [];
  for (const [id, { gone, arrived }] of byId) {
    if (gone.length === 1 && arrived.length === 1) moves.set(arrived[0], gone[0]);
    else if (gone.length && arrived.length) ambiguous.push({ id, gone: gone.sort(), arrived: arrived.sort() });
  }
  const taken = new Set([...moves.keys(), ...moves.values()]);

  const out: GitChange[] = [];
  for (const c of changes) {
    if (c.kind === 'modified') out.push(c);
    else if (c.kind === 'renamed') {
      const [from, to] = [goneIds.get(c.basePath!), arrivedIds.get(c.path)];
      if (moves.get(c.path) === c.basePath) out.push(c); // git and the id agree
      else if (!taken.has(c.basePath!) && !taken.has(c.path) && !(from && to && from !== to)) out.push(c);
      else {
        if (!taken.has(c.basePath!)) out.push({ kind: 'deleted', path: c.basePath!, basePath: c.basePath });
        if (!taken.has(c.path)) out.push({ kind: 'added', path: c.path });
      }
    } else if (c.kind === 'deleted') {
      if (!taken.has(c.basePath!)) out.push(c);
    } else if (!taken.has(c.path)) out.push(c);
  }
  const paired = new Set(out.filter((c) => c.kind === 'renamed').map((c) => c.path));
  for (const [to, from] of moves) if (!paired.has(to)) out.push({ kind: 'renamed', path: to, basePath: from, byId: true });
  return { changes: out, ambiguous };
}

/**
 * Reads a document's front matter id as the lint does: under any name the configuration gives
 * the field, with the configuration found for the file (or the one --config names). A text the
 * lint would not analyse (too large, binary, too complex to parse) has no id here either.
 */
export class DocumentIds {
  private readonly resolver: ConfigResolver;

  private constructor(root: string, explicit: Config | undefined) {
    this.resolver = new ConfigResolver(new DiskWorkspace(), root, explicit);
  }

  /** `configPath`: the --config the user gave (relative to `cwd`), if any. */
  static async create(cwd: string, configPath: string | undefined): Promise<DocumentIds> {
    // The root is where a configuration without a file is rooted: only `documents` globs read it, not the id.
    const root = toPosix(path.resolve(cwd));
    if (!configPath) return new DocumentIds(root, undefined);
    const file = toPosix(path.resolve(cwd, configPath));
    const text = await readConfigText(new DiskWorkspace(), file);
    if (text === undefined) throw new CliError(`config file not found: ${configPath}`);
    return new DocumentIds(root, parseConfig(text, file));
  }

  /** The configuration that applies to `file` (absolute POSIX): the one on disk for its folder, or --config. */
  config(file: string): Promise<Config> {
    return this.resolver.forFile(file);
  }

  /**
   * The id of the document `text` at `file` (absolute POSIX; the configuration is the one on disk
   * for that folder). A folder whose configuration is broken gives no id, so no move: the lint
   * reports the configuration where it checks a file under it, and a deleted file's old folder is
   * not this step's to judge.
   */
  async of(file: string, text: string): Promise<string | undefined> {
    const config = await this.config(file).catch((e) => {
      if (e instanceof ConfigError) return undefined;
      throw e;
    });
    if (!config) return undefined;
    if (skipReason(text, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return undefined;
    return fieldText(buildDocument(file, text, config, false), 'id');
  }
}
