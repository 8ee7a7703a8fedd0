// The workspace on disk: what the CLI lints, and what the language server's
// open buffers lie over. Every read goes through read-file.ts (a regular file
// only, never past its limit): a repository is not trusted.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeText, toPosix, type FileStat, type Workspace } from '../core/workspace';
import { readRegularFile, readRegularFileHead } from './read-file';

export class DiskWorkspace implements Workspace {
  async list(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).map((name) => path.posix.join(toPosix(dir), name));
    } catch {
      return [];
    }
  }

  async read(file: string, maxBytes?: number): Promise<string | undefined> {
    const bytes = await readRegularFile(file, maxBytes);
    return bytes && decodeText(bytes);
  }

  async readHead(file: string, bytes: number): Promise<string | undefined> {
    const head = await readRegularFileHead(file, bytes);
    return head && decodeText(head);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    try {
      const s = await stat(file);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
    } catch {
      return undefined;
    }
  }
}
