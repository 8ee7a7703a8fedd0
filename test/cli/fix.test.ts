// --fix and --fix-dry-run through the bundled CLI, always on temporary copies:
// fixes are exact edits, files are replaced whole (never half-written), line
// endings, BOM and mode survive, a second run changes nothing, and the dry
// run's diff is exactly what --fix writes.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, parsePatch } from 'diff';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs, type LintArgs } from '../../server/src/cli/args';
import { lintOptions } from '../../server/src/cli/lint-files';
import { fixDocuments, type FixedFile } from '../../server/src/core/fix-files';
import { applyEdits } from '../../server/src/core/fixes';
import { rules } from '../../server/src/core/rules';
import { CLEAN_SOP, TODAY } from '../helpers';
import { runCli } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${repo}out/cli.js`;
// From the rules' own metadata: the engine refuses a fix from a rule not marked fixable
// (test/reliability/unfixable-fix.test.ts), so the metadata is the list.
const FIXABLE = rules.filter((r) => r.fixable).map((r) => r.id);

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-fix-'));
  temps.push(dir);
  return dir;
}

/** A copy of a folder of the repository, so its own files are never touched. */
function copyOf(src: string): string {
  const dir = tempDir();
  cpSync(path.join(repo, src), dir, { recursive: true });
  return dir;
}

function run(args: string[], cwd: string) {
  const r = runCli([...args, '--today', TODAY], { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Entry {
  bytes: Buffer;
  mtimeMs: number;
  mode: number;
}

/** Every file under a folder: bytes, modification time and mode. */
function snapshot(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    const s = lstatSync(file);
    if (s.isFile()) out.set(name, { bytes: readFileSync(file), mtimeMs: s.mtimeMs, mode: s.mode });
  }
  return out;
}

/** What the engine in this process would fix, with the options the CLI builds from the same arguments. */
async function expectedFixes(dir: string, args: string[]): Promise<Map<string, FixedFile>> {
  const parsed = parseCliArgs([...args, '--today', TODAY]) as LintArgs;
  return (await fixDocuments(await lintOptions(parsed, dir))).files;
}

/** Byte offset of a UTF-16 offset in a text. */
function byteOffset(text: string, offset: number): number {
  return Buffer.byteLength(text.slice(0, offset), 'utf8');
}

/** Every byte of the original outside the edits is in the new file, in order, at the shifted place. */
function expectOnlyEditedBytesChanged(original: Buffer, fixed: Buffer, f: FixedFile): void {
  let shift = 0;
  let from = 0;
  for (const e of [...f.edits, { start: f.original.length, end: f.original.length, text: '' }]) {
    const [a, b] = [byteOffset(f.original, from), byteOffset(f.original, e.start)];
    expect(fixed.subarray(a + shift, b + shift).equals(original.subarray(a, b)), `${f.path}: bytes ${a}..${b} kept`).toBe(true);
    shift += Buffer.byteLength(e.text, 'utf8') - (byteOffset(f.original, e.end) - b);
    from = e.end;
  }
  expect(fixed.length).toBe(original.length + shift);
}

interface JsonEdit {
  start: number;
  end: number;
  text: string;
}

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; severity: number; fix?: { title: string; edits: JsonEdit[] }; suggestions?: { title: string; edits: JsonEdit[] }[] }[];
  errorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

function jsonFindings(stdout: string): JsonFile[] {
  return JSON.parse(stdout);
}

describe('--fix on a copy of examples/', () => {
  it('applies exact edits, reports what remains, and a second run changes nothing', async () => {
    const dir = copyOf('examples');
    const before = snapshot(dir);
    const expected = await expectedFixes(dir, ['.']);
    expect(expected.size).toBeGreaterThan(0);

    const first = run(['.', '--fix', '--format', 'json'], dir);
    const fixedCount = [...expected.values()].reduce((n, f) => n + f.applied.length, 0);
    expect(first.stderr).toBe(`qmslint: fixed ${fixedCount} problems in ${expected.size} files\n`);
    const after = snapshot(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, old] of before) {
      const f = expected.get(path.posix.join(dir, name));
      const now = after.get(name)!;
      if (!f) {
        expect(now.bytes.equals(old.bytes), `${name} untouched`).toBe(true);
        expect(now.mtimeMs, `${name} not written`).toBe(old.mtimeMs);
        continue;
      }
      expect(f.original).toBe(old.bytes.toString('utf8'));
      expect(applyEdits(f.original, f.edits)).toBe(f.fixed);
      expect(now.bytes.toString('utf8')).toBe(f.fixed);
      expectOnlyEditedBytesChanged(old.bytes, now.bytes, f);
      expect(now.mode).toBe(old.mode);
    }

    // The report is the lint of what was written, and no fixable finding is left.
    const remaining = jsonFindings(first.stdout);
    expect(remaining.flatMap((f) => f.messages).filter((m) => m.fix)).toEqual([]);
    const plain = run(['.', '--format', 'json'], dir);
    expect(jsonFindings(plain.stdout)).toEqual(remaining);
    expect(first.code).toBe(plain.code);

    const second = run(['.', '--fix', '--format', 'json'], dir);
    expect(second.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
    const again = snapshot(dir);
    for (const [name, e] of after) {
      expect(again.get(name)!.bytes.equals(e.bytes), `${name} unchanged`).toBe(true);
      expect(again.get(name)!.mtimeMs, `${name} not rewritten`).toBe(e.mtimeMs);
    }
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
  });
});

describe('--fix-dry-run', () => {
  it('prints a unified diff that turns each original into what --fix writes, and writes nothing', () => {
    const dir = copyOf('examples');
    const before = snapshot(dir);
    const dry = run(['.', '--fix-dry-run'], dir);
    expect(snapshot(dir)).toEqual(before);
    expect(dry.stdout.startsWith('--- a/')).toBe(true);
    expect(dry.stderr).toMatch(/^qmslint: would fix \d+ problems in \d+ files\n$/);

    const patches = parsePatch(dry.stdout);
    expect(patches.length).toBeGreaterThan(0);
    const fixedDir = copyOf('examples');
    const fix = run(['.', '--fix'], fixedDir);
    const fixed = snapshot(fixedDir);
    const patched = new Set<string>();
    for (const p of patches) {
      expect(p.oldFileName!.replace(/^a\//, '')).toBe(p.newFileName!.replace(/^b\//, ''));
      const name = p.oldFileName!.replace(/^a\//, '');
      patched.add(name);
      expect(applyPatch(before.get(name)!.bytes.toString('utf8'), p)).toBe(fixed.get(name)!.bytes.toString('utf8'));
    }
    for (const [name, e] of before) if (!patched.has(name)) expect(fixed.get(name)!.bytes.equals(e.bytes), name).toBe(true);

    // Only the diff on stdout; the exit code is that of the fixed text.
    expect(dry.code).toBe(fix.code);
    expect(run(['.'], fixedDir).code).toBe(dry.code);
  });

  it('prints nothing when nothing is fixable', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'sop-001.md'), CLEAN_SOP);
    const r = run(['.', '--fix-dry-run'], dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qmslint: would fix 0 problems in 0 files\n');
    expect(r.code).toBe(0);
  });
});

describe('each fixable rule, on its planted fixture', () => {
  const dir = copyOf('test/fixtures/planted');
  const before = run(['.', '--format', 'json'], dir);
  const fix = run(['.', '--fix', '--format', 'json'], dir);
  const rulesIn = (stdout: string, name: string) => jsonFindings(stdout).find((f) => f.filePath === path.posix.join(dir, name))!.messages.map((m) => m.ruleId);
  // The field-missing and revision-history-missing fixtures are effective SOPs that do not say
  // their owner, or what changed in revision C: their fixes would write a placeholder, which
  // --fix never writes into an approved or effective document. They are left failing.
  const FIXED = FIXABLE.filter((r) => r !== 'field-missing' && r !== 'revision-history-missing');
  const LEFT = ['field-missing', 'revision-history-missing'];

  it.each(FIXED)('%s no longer fires after --fix', (rule) => {
    expect(rulesIn(before.stdout, `${rule}.md`)).toContain(rule);
    expect(rulesIn(fix.stdout, `${rule}.md`)).not.toContain(rule);
    expect(rulesIn(run(['.', '--format', 'json'], dir).stdout, `${rule}.md`)).not.toContain(rule);
  });

  it.each(LEFT)('%s on an effective document still fires after --fix, with no fix and no placeholder written', (rule) => {
    const after = jsonFindings(fix.stdout).find((f) => f.filePath === path.posix.join(dir, `${rule}.md`))!;
    const m = after.messages.find((x) => x.ruleId === rule)!;
    expect(m.fix).toBeUndefined();
    expect(readFileSync(path.join(dir, `${rule}.md`))).toEqual(readFileSync(path.join(repo, 'test/fixtures/planted', `${rule}.md`)));
  });

  it('leaves clause-unknown, whose did-you-mean is only a suggestion, and keeps offering the suggestion', () => {
    const after = jsonFindings(fix.stdout).find((f) => f.filePath === path.posix.join(dir, 'clause-unknown.md'))!;
    const m = after.messages.find((x) => x.ruleId === 'clause-unknown')!;
    expect(m.fix).toBeUndefined();
    expect(m.suggestions).toEqual([{ title: 'Change 4.21 to 4.2.1', edits: [expect.objectContaining({ text: '4.2.1' })] }]);
  });

  it('touches only the fixable fixtures', () => {
    expect(fix.stderr).toMatch(new RegExp(`^qmslint: fixed \\d+ problems in ${FIXED.length} files\n$`));
    for (const name of readdirSync(dir)) {
      const changed = !readFileSync(path.join(dir, name)).equals(readFileSync(path.join(repo, 'test/fixtures/planted', name)));
      expect(changed, name).toBe(FIXED.includes(name.replace(/\.md$/, '')));
    }
  });
});

describe('--fix writes no placeholder into an approved or effective document', () => {
  const NO_OWNER = CLEAN_SOP.replace('owner: Quality Manager\n', '');
  const PROMPT_OWNER = CLEAN_SOP.replace('owner: Quality Manager', 'owner: <enter owner>');

  function workspace(text: string): string {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.qmslint.yaml'), 'documents: ["**/*.md"]\nrules:\n  coverage-gap: off\n');
    writeFileSync(path.join(dir, 'sop-001.md'), text);
    return dir;
  }
  const messages = (stdout: string) => jsonFindings(stdout).flatMap((f) => f.messages);

  it('an effective SOP missing owner: an error, and --fix leaves it failing without inserting <enter', () => {
    const dir = workspace(NO_OWNER);
    const lint = run(['.', '--format', 'json'], dir);
    expect(lint.code).toBe(1);
    expect(messages(lint.stdout).map((m) => `${m.ruleId} ${m.severity} ${m.fix ? 'fix' : 'no fix'}`)).toEqual(['field-missing 2 no fix']);
    const fix = run(['.', '--fix', '--format', 'json'], dir);
    expect(fix.code).toBe(1);
    expect(fix.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
    expect(readFileSync(path.join(dir, 'sop-001.md'), 'utf8')).toBe(NO_OWNER);
    expect(readFileSync(path.join(dir, 'sop-001.md'), 'utf8')).not.toContain('<enter');
    expect(run(['.', '--fix-dry-run'], dir)).toEqual({ code: 1, stdout: '', stderr: 'qmslint: would fix 0 problems in 0 files\n' });
  });

  it('the same document as a draft: --fix inserts the placeholder, and a second --fix changes nothing', () => {
    const draft = NO_OWNER.replace('status: effective', 'status: draft');
    const dir = workspace(draft);
    const fix = run(['.', '--fix', '--format', 'json'], dir);
    expect(fix.stderr).toBe('qmslint: fixed 1 problem in 1 file\n');
    const fixed = readFileSync(path.join(dir, 'sop-001.md'), 'utf8');
    expect(fixed).toContain('\nowner: <enter owner>\n---\n');
    expect(messages(fix.stdout).map((m) => `${m.ruleId} ${m.severity}`)).toEqual(['field-placeholder 1']);
    const second = run(['.', '--fix', '--format', 'json'], dir);
    expect(second.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
    expect(readFileSync(path.join(dir, 'sop-001.md'), 'utf8')).toBe(fixed);
    expect(second.stdout).toBe(fix.stdout);
    expect(second.code).toBe(fix.code);
  });

  it('an effective SOP with owner: <enter owner>: an error (exit 1), not only a warning; --fix twice changes nothing', () => {
    const dir = workspace(PROMPT_OWNER);
    const lint = run(['.', '--format', 'json'], dir);
    expect(lint.code).toBe(1);
    expect(messages(lint.stdout).map((m) => `${m.ruleId} ${m.severity}`)).toEqual(['field-missing 2']);
    for (let i = 0; i < 2; i++) {
      const fix = run(['.', '--fix'], dir);
      expect(fix.code).toBe(1);
      expect(fix.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
      expect(readFileSync(path.join(dir, 'sop-001.md'), 'utf8')).toBe(PROMPT_OWNER);
    }
  });
});

/**
 * A controlled SOP with a fixable defect, a revision behind its history, and a clause number that
 * does not exist, whose did-you-mean is a suggestion that --fix leaves alone.
 */
function defective(id: string, eol: string, bom = ''): string {
  const text = CLEAN_SOP.replace('SOP-001', id)
    .replace('revision: C', 'revision: B')
    .replace('§4.2.4 for', '§4.21 for');
  return bom + text.replace(/\n/g, eol);
}

function setUp(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, '.qmslint.yaml'), 'documents: ["**/*.md"]\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('suggestions are offered, never applied', () => {
  // clause-unknown's did-you-mean is a suggestion: another clause number changes what the document claims.
  const SOP = '---\nid: SOP-001\ntitle: T\nstandard: iso13485:2016\n---\n# T\n\nPer ISO 13485:2016 clause 4.21 we ...\n';
  /** CLEAN_SOP with one defect only: a clause number that does not exist. */
  const onlySuggestion = CLEAN_SOP.replace('§4.2.4 for', '§4.21 for');
  const clauseUnknown = (stdout: string, file: string) => {
    const entry = jsonFindings(stdout).find((f) => f.filePath === file)!;
    return { entry, message: entry.messages.find((m) => m.ruleId === 'clause-unknown')! };
  };

  it('--format json shows the suggestion (not as a fix, not counted as fixable)', () => {
    const dir = setUp({ 'sop.md': SOP });
    const r = run(['.', '--format', 'json'], dir);
    const { entry, message } = clauseUnknown(r.stdout, path.posix.join(dir, 'sop.md'));
    expect(message.fix).toBeUndefined();
    expect(message.suggestions).toEqual([{ title: 'Change 4.21 to 4.2.1', edits: [{ start: SOP.indexOf('4.21'), end: SOP.indexOf('4.21') + 4, text: '4.2.1' }] }]);
    expect(entry.fixableErrorCount).toBe(entry.messages.filter((m) => m.severity === 2 && m.fix).length);
    expect(entry.fixableErrorCount).toBe(entry.errorCount - 1); // every error but clause-unknown has a fix
  });

  it('the edits of a suggestion address the file text, byte order mark and CRLF included', () => {
    const text = '\ufeff' + onlySuggestion.replace(/\n/g, '\r\n');
    const dir = setUp({ 'sop.md': text });
    const { message } = clauseUnknown(run(['.', '--format', 'json'], dir).stdout, path.posix.join(dir, 'sop.md'));
    const [edit] = message.suggestions![0].edits;
    expect(text.slice(edit.start, edit.end)).toBe('4.21');
    expect(applyEdits(text, [edit])).toBe(text.replace('§4.21 for', '§4.2.1 for'));
  });

  it('--fix applies the other fixes and leaves the clause number alone; the suggestion is still offered', () => {
    const dir = setUp({ 'sop.md': SOP });
    const r = run(['.', '--fix', '--format', 'json'], dir);
    expect(r.stderr).toMatch(/^qmslint: fixed \d+ problems in 1 file\n$/);
    const fixed = readFileSync(path.join(dir, 'sop.md'), 'utf8');
    expect(fixed).not.toBe(SOP); // the front matter fixes went in
    expect(fixed).toContain('Per ISO 13485:2016 clause 4.21 we ...');
    expect(fixed).not.toContain('4.2.1');
    const { message } = clauseUnknown(r.stdout, path.posix.join(dir, 'sop.md'));
    const [edit] = message.suggestions![0].edits;
    expect(fixed.slice(edit.start, edit.end)).toBe('4.21');
    expect(r.code).toBe(1);
  });

  it('--fix and --fix-dry-run change nothing when a suggestion is all there is', () => {
    const dir = setUp({ 'sop.md': onlySuggestion });
    const before = snapshot(dir);
    const dry = run(['.', '--fix-dry-run'], dir);
    expect(dry.stdout).toBe('');
    expect(dry.stderr).toBe('qmslint: would fix 0 problems in 0 files\n');
    expect(dry.code).toBe(1);
    const fix = run(['.', '--fix', '--format', 'json'], dir);
    expect(fix.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
    expect(snapshot(dir)).toEqual(before); // not written: same bytes, same modification time
    expect(clauseUnknown(fix.stdout, path.posix.join(dir, 'sop.md')).message.suggestions).toHaveLength(1);
    expect(fix.code).toBe(1);
  });

  it('--fix-dry-run prints the other fixes and no suggestion', () => {
    const dir = setUp({ 'sop.md': SOP });
    const dry = run(['.', '--fix-dry-run'], dir);
    expect(dry.stdout.startsWith('--- a/sop.md')).toBe(true);
    const [patch] = parsePatch(dry.stdout);
    const patched = applyPatch(SOP, patch);
    expect(patched).not.toBe(SOP);
    expect(patched).toContain('Per ISO 13485:2016 clause 4.21 we ...');
    expect(dry.stdout).not.toContain('4.2.1');
    expect(readFileSync(path.join(dir, 'sop.md'), 'utf8')).toBe(SOP);
  });
});

describe('what --fix keeps', () => {
  const withoutHistory = (text: string) => text.slice(0, text.indexOf('## Revision History'));

  it('keeps CRLF line endings and the BOM, in edits and in inserted sections', () => {
    const dir = setUp({
      'crlf-bom.md': defective('SOP-001', '\r\n', '\ufeff'),
      // Revision A: the first row is all known ("Initial release"), so the effective document gets its section.
      'crlf.md': withoutHistory(defective('SOP-002', '\r\n').replace('revision: B', 'revision: A')),
      'lf-bom.md': defective('SOP-003', '\n', '\ufeff'),
      'no-front-matter-crlf-bom.md': '\ufeff# SOP-004 Purchasing\r\n\r\nThis procedure follows ISO 13485:2016 §7.4.1.\r\n',
    });
    const r = run(['.', '--fix'], dir);
    expect(r.stderr).toMatch(/fixed \d+ problems in 4 files/);
    const read = (name: string) => readFileSync(path.join(dir, name));
    for (const name of ['crlf-bom.md', 'lf-bom.md', 'no-front-matter-crlf-bom.md']) expect([...read(name).subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
    expect([...read('crlf.md').subarray(0, 3)]).toEqual([...Buffer.from('---')]);
    for (const name of ['crlf-bom.md', 'crlf.md', 'no-front-matter-crlf-bom.md']) {
      const text = read(name).toString('utf8');
      expect(text.match(/(?<!\r)\n/g), `${name} has only CRLF`).toBeNull();
    }
    expect(read('lf-bom.md').toString('utf8')).not.toContain('\r');
    expect(read('crlf-bom.md').toString('utf8')).toContain('revision: C\r\n');
    expect(read('crlf-bom.md').toString('utf8')).toContain('§4.21 for'); // a suggestion, not a fix
    expect(read('crlf.md').toString('utf8')).toContain('## Revision History\r\n');
    expect(read('no-front-matter-crlf-bom.md').toString('utf8').startsWith('\ufeff---\r\nid: SOP-004\r\n')).toBe(true);
  });

  it('keeps the file mode, and a symbolic link stays a link to the fixed file', () => {
    const dir = setUp({ 'sop.md': defective('SOP-001', '\n'), 'target/real.md': defective('SOP-002', '\n') });
    chmodSync(path.join(dir, 'sop.md'), 0o640);
    symlinkSync('target/real.md', path.join(dir, 'link.md'));
    const r = run(['sop.md', 'link.md', '--fix'], dir);
    expect(r.stderr).toMatch(/in 2 files/);
    expect(statSync(path.join(dir, 'sop.md')).mode & 0o7777).toBe(0o640);
    expect(lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.md'))).toBe('target/real.md');
    expect(readFileSync(path.join(dir, 'target/real.md'), 'utf8')).toContain('revision: C');
    expect(readdirSync(dir).filter((n) => n.includes('qmslint-tmp'))).toEqual([]);
  });

  it('refuses to fix a file that is not valid UTF-8, or not UTF-8 at all, and says so', () => {
    const text = defective('SOP-001', '\n');
    // After a blank line, so the bad bytes are a paragraph of their own and the revision history (whose fix is refused) stays whole.
    const invalid = Buffer.concat([Buffer.from(text + '\n'), Buffer.from([0xff, 0xfe, 0x0a])]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(defective('SOP-002', '\n'), 'utf16le')]);
    const dir = setUp({ 'invalid.md': invalid, 'utf16.md': utf16, 'good.md': defective('SOP-003', '\n') });
    const r = run(['.', '--fix'], dir);
    expect(r.stderr).toContain('invalid.md: not fixed, because it is not valid UTF-8.');
    expect(r.stderr).toContain('utf16.md: not fixed, because it is UTF-16');
    expect(r.stderr).toContain('fixed 1 problem in 1 file\n');
    expect(readFileSync(path.join(dir, 'invalid.md')).equals(invalid)).toBe(true);
    expect(readFileSync(path.join(dir, 'utf16.md')).equals(utf16)).toBe(true);
    expect(r.code).toBe(1); // the refused files still have their errors
  });

  it('exits 2 when a fixed file cannot be written, and reports what is on disk', () => {
    const dir = setUp({ 'ro/sop.md': defective('SOP-001', '\n') });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'ro'), 0o555);
    // Root writes anywhere, so as root the CLI runs as nobody, from a copy of the
    // bundle that nobody can read (the clone may sit in a folder only root can enter).
    const asRoot = process.getuid?.() === 0;
    let bundle = cli;
    if (asRoot) {
      const bin = tempDir();
      chmodSync(bin, 0o755);
      bundle = path.join(bin, 'cli.js');
      cpSync(cli, bundle);
      chmodSync(bundle, 0o644);
    }
    try {
      const r = runCli(['.', '--fix', '--format', 'json', '--today', TODAY], { cwd: dir, bundle, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
      expect(r.stderr).toContain('ro/sop.md: could not write the fixes');
      expect(r.status).toBe(2);
      expect(jsonFindings(r.stdout)[0].messages.map((m) => m.ruleId)).toContain('revision-mismatch');
      expect(readFileSync(path.join(dir, 'ro/sop.md'), 'utf8')).toBe(defective('SOP-001', '\n'));
    } finally {
      chmodSync(path.join(dir, 'ro'), 0o755);
    }
  });
});

describe('--fix killed at a random moment', () => {
  it('leaves every file wholly old or wholly new, with its mode and line endings', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`d${i % 7}/sop-${i}.md`] = defective(`SOP-${100 + i}`, i % 2 ? '\r\n' : '\n', i % 5 ? '' : '\ufeff');
    const source = setUp(files);
    for (let i = 0; i < 300; i += 3) chmodSync(path.join(source, `d${i % 7}/sop-${i}.md`), i % 2 ? 0o600 : 0o640);
    const old = snapshot(source);
    const eols = (b: Buffer) => [/\r\n/.test(b.toString('latin1')), /(?<!\r)\n/.test(b.toString('latin1'))].join();

    const done = tempDir();
    cpSync(source, done, { recursive: true });
    const started = Date.now();
    const full = run(['.', '--fix'], done);
    const duration = Date.now() - started;
    expect(full.stderr).toContain('fixed 300 problems in 300 files');
    const fixed = snapshot(done);
    for (const [name, e] of fixed) {
      expect(e.mode, `${name} keeps its mode`).toBe(old.get(name)!.mode);
      expect(eols(e.bytes), `${name} keeps its line endings`).toBe(eols(old.get(name)!.bytes));
    }

    // Two kills at any moment of the run, three during the writing, which is short:
    // those wait for the first write in d0 (the files are written in path order).
    let mixed = 0;
    for (let trial = 0; trial < 5; trial++) {
      const dir = tempDir();
      cpSync(source, dir, { recursive: true });
      const child = spawn(process.execPath, [cli, '.', '--fix', '--today', TODAY], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (trial < 2) {
        await sleep(Math.random() * duration);
      } else {
        const watcher = watch(path.join(dir, 'd0'));
        await Promise.race([new Promise((resolve) => watcher.once('change', resolve)), exited]);
        watcher.close();
        await sleep(Math.random() * 300);
      }
      child.kill('SIGKILL');
      await exited;
      let news = 0;
      const after = snapshot(dir);
      expect([...after.keys()].filter((n) => !n.includes('qmslint-tmp')).sort(), `trial ${trial}: every file is still there`).toEqual([...old.keys()].sort());
      for (const [name, e] of after) {
        if (name.includes('qmslint-tmp')) continue; // a temporary file beside its target, never *.md
        const isOld = old.get(name)?.bytes.equals(e.bytes);
        const isNew = fixed.get(name)?.bytes.equals(e.bytes);
        expect(isOld || isNew, `trial ${trial}: ${name} is whole`).toBe(true);
        expect(e.mode, `trial ${trial}: ${name} keeps its mode`).toBe(old.get(name)!.mode);
        if (isNew && !isOld) news++;
      }
      if (news > 0 && news < 300) mixed++;
    }
    // Not asserted (it depends on timing), but it shows whether kills landed mid-write.
    console.log(`--fix killed between two files' writes in ${mixed} of 5 trials (a full run takes ${duration} ms)`);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
