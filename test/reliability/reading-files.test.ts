// Issue 14, point 4: a hostile repository commits a configuration, standard
// pack, .gitignore or Markdown file that is a symlink to /dev/zero or
// /dev/stdin, or a file too large to read. qmslint reads only regular files,
// checks their size before reading, and says which file it did not read:
// a configuration error (exit 2, or a diagnostic in the editor), or the
// file-too-large finding for Markdown; never a hang, never gigabytes of memory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRegularFile, UnreadableFile } from '../../server/src/core/read-file';
import { CLEAN_SOP } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';
import { removeTempCopy, tempCopy, TestClient, uriOf } from '../lsp/client';

// Devices and /dev/stdin as a path are POSIX things; Windows has neither to link to.
const posix = process.platform !== 'win32';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository with one clean SOP and this config (or none), in a fresh temporary folder. */
function repo(config?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-reading-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'sop-001.md'), CLEAN_SOP);
  if (config !== undefined) writeFileSync(path.join(dir, '.qmslint.yaml'), config);
  return dir;
}

describe('the one reader', () => {
  it('reads a regular file up to the limit, through a link too, and refuses one byte more', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'ten.md'), '0123456789');
    symlinkSync('ten.md', path.join(dir, 'link.md'));
    expect((await readRegularFile(path.join(dir, 'ten.md'), 10))?.toString()).toBe('0123456789');
    expect((await readRegularFile(path.join(dir, 'link.md'), 10))?.toString()).toBe('0123456789');
    const refused = await readRegularFile(path.join(dir, 'ten.md'), 9).catch((e) => e);
    expect(refused).toBeInstanceOf(UnreadableFile);
    expect(refused).toMatchObject({ reason: 'too-large', limit: 9 });
  });

  it('takes a missing path or a folder for no file, as before', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, '.qmslint.yaml'));
    expect(await readRegularFile(path.join(dir, '.qmslint.yaml'))).toBeUndefined();
    expect(await readRegularFile(path.join(dir, 'missing.md'))).toBeUndefined();
  });
});

describe.runIf(posix)('the CLI reads only regular files', () => {
  it('stops with a configuration error when .qmslint.yaml is a link to /dev/zero', () => {
    const dir = repo();
    symlinkSync('/dev/zero', path.join(dir, '.qmslint.yaml'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir}/.qmslint.yaml: not a regular file (a device, pipe or socket, perhaps through a symlink); qmslint reads only regular files.`);
    expect(r.stdout).toBe('');
  });

  it('does not take its configuration from its own standard input through a link to /dev/stdin', () => {
    const dir = repo();
    symlinkSync('/dev/stdin', path.join(dir, '.qmslint.yaml'));
    // Standard input is a pipe here; in a terminal, reading it would wait for the user.
    const r = runCli(['.'], { cwd: dir, input: 'standard: iso13485:2016\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir}/.qmslint.yaml: not a regular file`);
  });

  it('stops with a configuration error when a standard pack is a link to /dev/zero', () => {
    const dir = repo('packs:\n  - acme.yaml\n');
    symlinkSync('/dev/zero', path.join(dir, 'acme.yaml'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('packs: acme.yaml is not a regular file (a device, pipe or socket, perhaps through a symlink); qmslint reads only regular files.');
  });

  it('stops with a configuration error when a standard pack is a FIFO, which would block on opening', () => {
    const dir = repo('packs:\n  - acme.yaml\n');
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    symlinkSync('fifo', path.join(dir, 'acme.yaml'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('packs: acme.yaml is not a regular file');
  });

  it('stops with an error naming the .gitignore when it is a link to /dev/zero', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir}/.gitignore: not a regular file`);
  });

  it('stops with a configuration error naming a configuration file that is too large to be one', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    // Sparse: 8 MiB on paper, nothing on disk.
    truncateSync(path.join(dir, '.qmslint.yaml'), 8 * 1024 * 1024);
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${dir}/.qmslint.yaml: larger than 4 MB, the most qmslint reads of such a file.`);
  });

  it('gives a Markdown file over 512 MiB the file-too-large finding without reading it', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    const big = path.join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, 600 * 1024 * 1024); // sparse
    const r = runCli(['--format', 'json', 'big.md'], { cwd: dir });
    const [report] = JSON.parse(r.stdout) as JsonReport;
    expect(report.messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['file-too-large', 'File is larger than 5 MB and was not analysed; split it, or raise the limit (maxFileSize in .qmslint.yaml, or --max-file-size).'],
    ]);
  });

  it('caps a raised limit at the most it reads, and says raising it does not help', () => {
    const dir = repo('rules:\n  coverage-gap: off\nmaxFileSize: 100000\n');
    const big = path.join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, 300 * 1024 * 1024); // sparse
    const r = runCli(['--format', 'json', 'big.md'], { cwd: dir });
    const [report] = JSON.parse(r.stdout) as JsonReport;
    expect(report.messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['file-too-large', 'File is larger than 256 MB and was not analysed; split it (no file is read above this size).'],
    ]);
  });
});

describe.runIf(posix)('the language server reads only regular files', () => {
  let client: TestClient | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    if (dir) removeTempCopy(dir);
    dir = undefined;
  });

  it('shows a .qmslint.yaml linked to /dev/stdin as an invalid configuration, without reading its own protocol input', async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    const sop = path.join(dir, 'sop-001.md');
    writeFileSync(sop, CLEAN_SOP);
    rmSync(path.join(dir, '.qmslint.yaml'));
    symlinkSync('/dev/stdin', path.join(dir, '.qmslint.yaml'));
    client = await TestClient.start([dir]);
    const onSop = await client.pull(sop);
    expect(onSop.map((d) => d.code)).toEqual(['config-invalid']);
    expect(onSop[0].message).toContain('not a regular file');
    expect(client.alive()).toBe(true);
  });

  it('answers at once beside a .gitignore linked to /dev/zero, saying in its log why it lists no files', async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    const sop = path.join(dir, 'sop-001.md');
    writeFileSync(sop, CLEAN_SOP);
    symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    client = await TestClient.start([dir]);
    expect(await client.pull(sop)).toEqual([]);
    expect(client.stderr.join('\n')).toContain(`qmslint: could not list the files of ${dir}: ${dir}/.gitignore: not a regular file`);
    expect(client.alive()).toBe(true);
  });

  it('answers a Markdown link to /dev/zero arriving as a file event with one finding, not gigabytes', async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    const sop = path.join(dir, 'sop-001.md');
    writeFileSync(sop, CLEAN_SOP);
    client = await TestClient.start([dir]);
    expect(await client.pull(sop)).toEqual([]);
    const zero = path.join(dir, 'zero.md');
    symlinkSync('/dev/zero', zero);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(zero), type: 1 }] });
    const onZero = await client.pull(zero);
    expect(onZero.map((d) => [d.code, d.message])).toEqual([
      ['file-binary', 'Not a regular file (a device, pipe or socket, perhaps through a symlink), so it was not read; remove it or point the link at a Markdown file.'],
    ]);
    expect(await client.pull(sop)).toEqual([]);
    expect(client.alive()).toBe(true);
  });
});
