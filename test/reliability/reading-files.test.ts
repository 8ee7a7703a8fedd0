// Issue 14, point 4: a hostile repository commits a configuration, standard
// pack, .gitignore or Markdown file that is a symlink to /dev/zero or
// /dev/stdin, or a file too large to read. qmslint reads only regular files,
// checks their size before reading, and says which file it did not read:
// a configuration error (exit 2, or a diagnostic in the editor), or the
// file-too-large finding for Markdown; never a hang, never gigabytes of memory.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lint } from '../../server/src/core/project';
import { UnreadableFile } from '../../server/src/core/read-limits';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { readRegularFile } from '../../server/src/host/read-file';
import { CLEAN_SOP, TODAY } from '../helpers';
import { CLI, runCli, type JsonReport } from '../run-cli';
import { removeTempCopy, tempCopy, TestClient, uriOf } from '../lsp/client';

// Devices and /dev/stdin as a path are POSIX things; Windows has neither to link to.
const posix = process.platform !== 'win32';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A tree deeper than the system opens by path (deepFolder): rm walks it folder by folder.
      execFileSync('rm', ['-rf', '--', dir]);
    }
  }
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
    // A path through a file (ENOTDIR) holds no file either.
    expect(await readRegularFile(path.join(dir, 'sop-001.md', '.qmslint.yaml'))).toBeUndefined();
  });

  it.runIf(posix)('refuses a symbolic link loop, saying so, instead of taking it for no file', async () => {
    const dir = repo();
    symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    const refused = await readRegularFile(path.join(dir, 'loop.yaml')).catch((e) => e);
    expect(refused).toBeInstanceOf(UnreadableFile);
    expect(refused).toMatchObject({ reason: 'unopenable', code: 'ELOOP' });
    expect(refused.detail).toBe('not readable: a symbolic link loop (ELOOP); point the link at a file, or remove it');
  });

  it.runIf(posix)('refuses a path too long to open (ENAMETOOLONG): a file may be there', async () => {
    const dir = repo();
    const deep = deepFolder(dir);
    const refused = await readRegularFile(path.join(deep, 'deep.md')).catch((e) => e);
    expect(refused).toBeInstanceOf(UnreadableFile);
    expect(refused).toMatchObject({ reason: 'unopenable', code: 'ENAMETOOLONG' });
  });
});

/**
 * A folder whose absolute path is longer than the system opens (PATH_MAX, 4096 on Linux), holding
 * deep.md: git checks such a tree out, as its paths are short relative to the work tree. Made a
 * step at a time, by a shell that changes into each folder.
 */
function deepFolder(dir: string): string {
  const name = 'd'.repeat(200);
  const steps = Math.ceil(4200 / (name.length + 1));
  execFileSync('bash', ['-c', `cd "$1" && for i in $(seq ${steps}); do mkdir ${name} && cd ${name}; done && printf '# Deep\\n' > deep.md`, 'bash', dir]);
  return path.join(dir, ...Array<string>(steps).fill(name));
}

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

  it('stops with a configuration error when .qmslint.yaml is a symbolic link loop, instead of using the defaults', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    rmSync(path.join(dir, '.qmslint.yaml'));
    symlinkSync('.qmslint.yaml', path.join(dir, '.qmslint.yaml'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.stderr).toContain(`${dir}/.qmslint.yaml: not readable: a symbolic link loop (ELOOP); point the link at a file, or remove it.`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('stops with a configuration error when .qmslint.yaml cannot be read (permission denied)', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'sop-001.md'), 0o644);
    chmodSync(path.join(dir, '.qmslint.yaml'), 0o000);
    // Root reads any file: as root the CLI runs as nobody, from a copy of the bundle nobody can read.
    const asRoot = process.getuid?.() === 0;
    const other = asRoot ? { uid: 65534, gid: 65534, bundle: readableBundle() } : {};
    const r = runCli(['.'], { cwd: dir, ...other });
    expect(r.stderr).toContain(`${dir}/.qmslint.yaml: not readable: permission denied (EACCES); let the user running qmslint read it.`);
    expect(r.status).toBe(2);
  });

  it('names a standard pack that is a symbolic link loop as unreadable, not as missing', () => {
    const dir = repo('packs:\n  - acme.yaml\n');
    symlinkSync('acme.yaml', path.join(dir, 'acme.yaml'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.stderr).toContain('packs: acme.yaml is not readable: a symbolic link loop (ELOOP); point the link at a file, or remove it.');
    expect(r.status).toBe(2);
  });

  it('stops with an error naming the .gitignore when it is a symbolic link loop, instead of linting what it would hide', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    symlinkSync('.gitignore', path.join(dir, '.gitignore'));
    const r = runCli(['.'], { cwd: dir });
    expect(r.stderr).toContain(`${dir}/.gitignore: not readable: a symbolic link loop (ELOOP)`);
    expect(r.status).toBe(2);
  });

  it('stops, instead of skipping the folder silently, when a folder is too deep to open', () => {
    const dir = repo('rules:\n  coverage-gap: off\n');
    deepFolder(dir);
    const r = runCli(['.'], { cwd: dir });
    expect(r.stderr).toContain('/.gitignore: not readable: its path is too long to open (ENAMETOOLONG); use shorter folder or file names');
    expect(r.status).toBe(2);
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
    expect(report.messages.map((m) => [m.ruleId, m.message, m.detail])).toEqual([
      ['file-too-large', 'File is larger than 5 MB and was not analysed.', 'Split it, or raise the limit (maxFileSize in .qmslint.yaml, or --max-file-size).'],
    ]);
  });

  it('caps a raised limit at the most it reads, and says raising it does not help', () => {
    const dir = repo('rules:\n  coverage-gap: off\nmaxFileSize: 100000\n');
    const big = path.join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, 300 * 1024 * 1024); // sparse
    const r = runCli(['--format', 'json', 'big.md'], { cwd: dir });
    const [report] = JSON.parse(r.stdout) as JsonReport;
    expect(report.messages.map((m) => [m.ruleId, m.message, m.detail])).toEqual([
      ['file-too-large', 'File is larger than 256 MB and was not analysed.', 'Split it (no file is read above this size).'],
    ]);
  });
});

/** A copy of the CLI bundle in a folder anyone may read (the clone may sit in a folder only root can enter). */
function readableBundle(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'qmslint-reading-bin-'));
  made.push(bin);
  chmodSync(bin, 0o755);
  const bundle = path.join(bin, 'cli.js');
  cpSync(CLI, bundle);
  chmodSync(bundle, 0o644);
  return bundle;
}

describe.runIf(posix)('a Markdown file that cannot be opened is not empty text', () => {
  const lintDisk = async (dir: string, file: string) => {
    const r = await lint({ workspace: new DiskWorkspace(), files: [file], root: dir, today: TODAY });
    return r.files.find((f) => f.path === file)!.findings.map((f) => [f.ruleId, f.severity, f.message, ...(f.detail ? [f.detail] : [])]);
  };

  it('gets one finding saying why, an error when the documents glob controls it', async () => {
    const dir = repo('documents: ["sops/**"]\nrules:\n  coverage-gap: off\n');
    mkdirSync(path.join(dir, 'sops'));
    symlinkSync('loop.md', path.join(dir, 'sops', 'loop.md'));
    symlinkSync('notes.md', path.join(dir, 'notes.md'));
    const why = 'Could not be read: a symbolic link loop (ELOOP); point the link at a file, or remove it.';
    expect(await lintDisk(dir, `${dir}/sops/loop.md`)).toEqual([
      ['file-binary', 'error', why, 'It is an error because this is a controlled document (it has an id, or matches documents in .qmslint.yaml): make it a text qmslint can check.'],
    ]);
    // Not controlled (its front matter cannot be read; no glob matches): a warning.
    expect(await lintDisk(dir, `${dir}/notes.md`)).toEqual([['file-binary', 'warning', why]]);
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

  it('shows a .gitignore linked to /dev/zero as an error on it, says each file is not checked, and recovers when it is fixed', async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    const sop = path.join(dir, 'sop-001.md');
    const gitignore = path.join(dir, '.gitignore');
    writeFileSync(sop, CLEAN_SOP);
    symlinkSync('/dev/zero', gitignore);
    client = await TestClient.start([dir]);
    const problem = `This .gitignore is not a regular file (a device, pipe or socket, perhaps through a symlink); qmslint reads only regular files. Which files it hides is unknown, so no file of this folder is checked until it is fixed: make it a regular text file of at most 4 MB, or remove it.`;
    expect(await workspaceItems(client)).toEqual([[uriOf(gitignore), [{ range: ZERO, code: 'config-invalid', severity: 1, source: 'qmslint', message: problem }]]]);
    expect(client.stderr.join('\n')).toContain(`qmslint: could not list the files of ${dir}: ${dir}/.gitignore: not a regular file`);
    // Pulled alone, the document says it is not checked, and why.
    expect((await client.pull(sop)).map((d) => [d.code, d.severity, d.message])).toEqual([
      ['config-invalid', 1, `qmslint cannot check this file: ${gitignore} is not a regular file (a device, pipe or socket, perhaps through a symlink); qmslint reads only regular files; fix or remove that .gitignore.`],
    ]);

    // Fixed: the folder is scanned again, the error leaves the .gitignore and the document is checked.
    rmSync(gitignore);
    writeFileSync(gitignore, 'drafts/\n');
    const refreshed = client.nextRefresh();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(gitignore), type: 2 }] });
    await refreshed;
    expect(await workspaceItems(client)).toEqual([
      [uriOf(gitignore), []],
      [uriOf(sop), []],
    ]);
    expect(client.alive()).toBe(true);
  });

  it('shows a .gitignore that is a FIFO (which would block on opening) as an error, and each file listed before as not checked', async () => {
    dir = tempCopy('test/fixtures/cli/clean');
    const sop = path.join(dir, 'sop-001.md');
    const gitignore = path.join(dir, '.gitignore');
    writeFileSync(sop, CLEAN_SOP);
    client = await TestClient.start([dir]);
    expect(await workspaceItems(client)).toEqual([[uriOf(sop), []]]);
    // The .gitignore becomes a FIFO while the server runs: the rescan fails, the file stays listed but unchecked.
    execFileSync('mkfifo', [gitignore]);
    const refreshed = client.nextRefresh();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(gitignore), type: 1 }] });
    await refreshed;
    const items = await workspaceItems(client);
    expect(items.map(([uri, d]) => [uri, d.map((x) => [x.code, x.severity, String(x.message).slice(0, 40)])])).toEqual([
      [uriOf(gitignore), [['config-invalid', 1, 'This .gitignore is not a regular file (a']]],
      [uriOf(sop), [['config-invalid', 1, 'qmslint cannot check this file: ' + gitignore.slice(0, 8)]]],
    ]);
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
      ['file-binary', 'Not a regular file, so it was not read.'],
    ]);
    expect(await client.pull(sop)).toEqual([]);
    expect(client.alive()).toBe(true);
  });
});

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A full workspace pull: each file's URI and its diagnostics, in URI order. */
async function workspaceItems(client: TestClient): Promise<[string, Diagnostic[]][]> {
  const report = await client.pullWorkspace();
  return report.items.map((i) => [i.uri, i.kind === 'full' ? i.items : []] as [string, Diagnostic[]]).sort(([a], [b]) => a.localeCompare(b));
}
