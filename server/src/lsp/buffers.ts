// The language server's Workspace: open editor buffers laid over the disk. The
// engine reads every file through it, so an unsaved edit in one document is
// what every other document's checks see.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { textHead, type FileStat, type Workspace } from '../core/workspace';
import { DiskWorkspace } from '../host/disk-workspace';

export class BufferWorkspace implements Workspace {
  private readonly buffers = new Map<string, string>();
  /** Disk texts read before; kept only while file watching tells us about changes. */
  private readonly diskTexts = new Map<string, Promise<string | undefined>>();
  private reads = 0;

  constructor(
    private readonly disk: Workspace = new DiskWorkspace(),
    /** True once the client watches files for us (workspace/didChangeWatchedFiles). */
    public cacheDisk = false,
  ) {}

  setBuffer(file: string, text: string): void {
    this.buffers.set(file, text);
  }

  closeBuffer(file: string): void {
    this.buffers.delete(file);
  }

  buffer(file: string): string | undefined {
    return this.buffers.get(file);
  }

  /** A file changed, appeared or vanished on disk. */
  invalidate(file: string): void {
    this.diskTexts.delete(file);
  }

  invalidateAll(): void {
    this.diskTexts.clear();
  }

  async list(dir: string): Promise<string[]> {
    const out = new Set(await this.disk.list(dir));
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    for (const p of this.buffers.keys()) if (p.startsWith(prefix)) out.add(prefix + p.slice(prefix.length).split('/')[0]);
    return [...out];
  }

  async read(file: string, maxBytes?: number): Promise<string | undefined> {
    // A long lint reads thousands of files; letting the event loop turn now and
    // then keeps the server answering (and hearing cancellations) meanwhile.
    if (++this.reads % 16 === 0) await nextTurn();
    const text = this.buffers.get(file);
    if (text !== undefined) return text;
    if (!this.cacheDisk) return this.disk.read(file, maxBytes);
    let cached = this.diskTexts.get(file);
    if (!cached) {
      const reading = this.disk.read(file, maxBytes);
      // A file not read (too large for this limit, not a regular file) is asked about again next time, perhaps with another limit.
      reading.catch(() => this.diskTexts.get(file) === reading && this.diskTexts.delete(file));
      this.diskTexts.set(file, (cached = reading));
    }
    return cached;
  }

  async readHead(file: string, bytes: number): Promise<string | undefined> {
    const text = this.buffers.get(file);
    return text === undefined ? this.disk.readHead(file, bytes) : textHead(text, bytes);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    const text = this.buffers.get(file);
    if (text !== undefined) return { isFile: true, isDirectory: false, size: Buffer.byteLength(text) };
    return this.disk.stat(file);
  }
}

/** A view of a workspace that stops a running lint when the request is cancelled. */
export function cancellable(workspace: Workspace, token: CancellationToken | undefined): Workspace {
  if (!token) return workspace;
  const check = () => {
    if (token.isCancellationRequested) throw cancelled();
  };
  return {
    list: async (dir) => (check(), workspace.list(dir)),
    read: async (file, maxBytes) => {
      check();
      const text = await workspace.read(file, maxBytes);
      check();
      return text;
    },
    readHead: async (file, bytes) => (check(), workspace.readHead(file, bytes)),
    stat: async (file) => (check(), workspace.stat(file)),
  };
}

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}
