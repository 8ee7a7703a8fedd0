// What is seen of a file too large to read (its front matter, so a controlled
// document padded past the limit still fails the run) comes from the workspace
// the engine was given, like every other read: the disk's bounded head read,
// or a slice of a text in memory, an overlay or an editor's buffer. Before, the
// engine opened the path on disk itself, whatever the workspace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../server/src/core/project';
import { UnreadableFile } from '../../server/src/core/read-limits';
import { MemoryWorkspace, OverlayWorkspace, toPosix } from '../../server/src/core/workspace';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

const dir = toPosix(mkdtempSync(path.join(tmpdir(), 'qmslint-head-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readHead in each workspace', () => {
  // 'é' is two bytes in UTF-8: a head of 3 bytes cuts the second one in two.
  const text = 'éé---';

  it('gives the same head from memory, from an overlay and from disk', async () => {
    writeFileSync(`${dir}/a.md`, text);
    const memory = new MemoryWorkspace({ [`${dir}/a.md`]: text });
    const overlay = new OverlayWorkspace(new DiskWorkspace(), [[`${dir}/b.md`, text]]);
    const disk = new DiskWorkspace();
    for (const bytes of [2, 3, 4, 100]) {
      const fromDisk = await disk.readHead(`${dir}/a.md`, bytes);
      expect(await memory.readHead(`${dir}/a.md`, bytes)).toBe(fromDisk);
      expect(await overlay.readHead(`${dir}/b.md`, bytes)).toBe(fromDisk);
    }
    expect(await disk.readHead(`${dir}/a.md`, 2)).toBe('é');
    expect(await disk.readHead(`${dir}/a.md`, 3)).toBe('é\uFFFD');
    expect(await disk.readHead(`${dir}/a.md`, 100)).toBe(text);
  });

  it('reads the overlay first, the base for the rest', async () => {
    writeFileSync(`${dir}/c.md`, 'on disk');
    const overlay = new OverlayWorkspace(new DiskWorkspace(), [[`${dir}/c.md`, 'in memory']]);
    expect(await overlay.readHead(`${dir}/c.md`, 2)).toBe('in');
    writeFileSync(`${dir}/d.md`, 'on disk');
    expect(await overlay.readHead(`${dir}/d.md`, 2)).toBe('on');
  });

  it('gives nothing for a missing file or a folder', async () => {
    expect(await new MemoryWorkspace().readHead('/ws/none.md', 10)).toBeUndefined();
    expect(await new DiskWorkspace().readHead(`${dir}/none.md`, 10)).toBeUndefined();
    expect(await new DiskWorkspace().readHead(dir, 10)).toBeUndefined();
  });
});

/** Files in memory read with the disk's size limit: a file over it throws, as DiskWorkspace does. */
class SizeLimitedMemory extends MemoryWorkspace {
  override async read(file: string, maxBytes?: number): Promise<string | undefined> {
    const text = await super.read(file);
    if (text !== undefined && maxBytes !== undefined && Buffer.byteLength(text) > maxBytes) throw new UnreadableFile(file, 'too-large', maxBytes);
    return text;
  }
}

describe('the engine reads the head of a file too large through its workspace', () => {
  it('a controlled document in memory, over the size limit, is an error (its id is in the head)', async () => {
    // Nothing is at /ws on disk: a head read from disk would see no front matter, and call it not controlled.
    const big = CLEAN_SOP.replace('## Purpose', `## Purpose\n\n${'Words of a long procedure.\n'.repeat(2_000)}`);
    const notes = `# Notes\n\n${'Words.\n'.repeat(10_000)}`;
    const workspace = new SizeLimitedMemory({ '/ws/sop.md': big, '/ws/notes.md': notes });
    const result = await lint({ workspace, files: ['/ws/notes.md', '/ws/sop.md'], root: '/ws', today: TODAY, maxFileSize: 20_000 });
    const of = (file: string) => result.files.find((f) => f.path === file)!.findings.map((f) => [f.ruleId, f.severity]);
    expect(of('/ws/sop.md')).toEqual([['file-too-large', 'error']]);
    expect(of('/ws/notes.md')).toEqual([['file-too-large', 'warning']]);
  });
});
