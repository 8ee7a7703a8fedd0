// The npm package as a company gets it: `npm pack` of this repository (the bundles npm test built),
// installed offline into an empty project with `npm i -D`, run with `npx qmslint`; installed globally
// the way pre-commit installs a `language: node` hook; and the CLI bundle alone, with no node_modules
// anywhere. npm runs with an empty cache of its own and --offline: the package has no dependencies,
// so nothing is fetched, and a test that reached the network would fail here.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLEAN_SOP } from '../helpers';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { REPO } from '../run-cli';

const TODAY = '2026-11-26';
// A one-document workspace covers one clause: the coverage gaps are not what these runs are about.
const WORKSPACE = { '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', 'docs/sop-001.md': CLEAN_SOP };
const BAD = CLEAN_SOP.replace('revision: C', 'revision: B');
// npm's own words when a package's install scripts (preinstall, install, postinstall, or prepare from
// a tarball, folder or git) would run or are skipped (`npm help install-scripts`).
const INSTALL_SCRIPT_WARNING = /install[- ]scripts?|allowScripts|prepare/i;

let root: string;
let tarball: string;
let npmEnv: NodeJS.ProcessEnv;
let packedFiles: string[];
let packedSize: number;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv): Run {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: HANG_GUARD_MS, killSignal: 'SIGKILL' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  for (const bundle of ['out/cli.js', 'out/server.js']) {
    if (!existsSync(path.join(REPO, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  root = mkdtempSync(path.join(tmpdir(), 'qmslint-package-'));
  // Nothing of the npm that may have started the tests (npm test sets npm_config_local_prefix to this
  // repository) and nothing of the user's configuration: only an empty cache and config in the temp folder.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  writeFileSync(path.join(root, 'npmrc'), '');
  npmEnv = { ...inherited, npm_config_cache: path.join(root, 'cache'), npm_config_userconfig: path.join(root, 'npmrc'), npm_config_update_notifier: 'false', NO_COLOR: '1' };
  // --ignore-scripts: pack the bundles npm test built; prepack would rebuild them under running tests.
  const pack = run('npm', ['pack', '--ignore-scripts', '--offline', '--json', '--pack-destination', folder('pack')], REPO);
  expect(pack.status, pack.stderr).toBe(0);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  tarball = path.join(root, 'pack', packed.filename);
  packedFiles = packed.files.map((f) => f.path);
  packedSize = packed.size;
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the bundles, schemas and docs, and none of the sources, tests, benchmarks or source maps', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'out/cli.js', 'out/server.js', 'schemas/qmslint.schema.json', 'docs/rules/revision-mismatch.md']));
    const unwanted = packedFiles.filter((f) => /^(test|bench|server|client|scripts|examples|media|node_modules|\.e2e)\//.test(f) || f.endsWith('.map') || f === 'out/extension.js');
    expect(unwanted).toEqual([]);
    // Small enough to fetch on every CI run: the bundles are most of it.
    expect(packedSize).toBeLessThan(2_000_000);
  });

  it('is publishable and installs nothing else and runs nothing at install', () => {
    // The manifest inside the tarball, as npm publishes it.
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], root).stdout);
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ qmslint: 'out/cli.js' });
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts[script], script).toBeUndefined();
  });

  it('installs offline into an empty project with npm i -D, without an install-script warning, and lints with npx qmslint', () => {
    const project = folder('project', { 'package.json': JSON.stringify({ name: 'acme-qms', version: '1.0.0', private: true }), ...WORKSPACE });
    const install = run('npm', ['install', '-D', '--offline', '--no-audit', '--no-fund', tarball], project);
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout + install.stderr).not.toMatch(INSTALL_SCRIPT_WARNING);
    // No dependency came with it: the bundle carries its own.
    expect(readdirSync(path.join(project, 'node_modules')).filter((e) => !e.startsWith('.'))).toEqual(['qmslint']);
    expect(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).devDependencies).toHaveProperty('qmslint');

    const npx = (...args: string[]) => run('npx', ['--offline', 'qmslint', '--today', TODAY, ...args], project);
    const clean = npx();
    expect(clean.stdout).toMatch(/1 file checked, no problems/);
    expect(clean.status, clean.stderr).toBe(0);
    // --jobs 2: the worker threads load the installed bundle as their script.
    expect(npx('--jobs', '2', '--format', 'json').status).toBe(0);
    writeFileSync(path.join(project, 'docs/sop-001.md'), BAD);
    const bad = npx('--format', 'gitlab');
    expect(bad.status, bad.stderr).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual([expect.objectContaining({ check_name: 'revision-mismatch', location: expect.objectContaining({ path: 'docs/sop-001.md' }) })]);
  });

  it('runs as the pre-commit hook: installed globally as pre-commit installs it, its entry on the PATH is the bin', () => {
    const [hook] = parse(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { entry: string; language: string; args: string[]; pass_filenames: boolean }[];
    expect(hook.language).toBe('node');
    // pre-commit's node language: `npm pack` of the hook repository, then `npm install -g` of the tarball
    // with the prefix set to the hook's environment, whose bin folder goes first on the PATH.
    const env = folder('pre-commit-env');
    const install = run('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', tarball], root, { ...npmEnv, npm_config_prefix: env });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout + install.stderr).not.toMatch(INSTALL_SCRIPT_WARNING);
    const bin = path.join(env, 'bin', hook.entry);
    expect(realpathSync(bin)).toBe(path.join(env, 'lib', 'node_modules', 'qmslint', 'out', 'cli.js'));

    const repo = folder('hooked', WORKSPACE);
    const hookEnv = { ...npmEnv, PATH: `${path.join(env, 'bin')}${path.delimiter}${process.env.PATH}` };
    const args = [...hook.args, '--today', TODAY];
    expect(hook.pass_filenames).toBe(false);
    const clean = run(hook.entry, args, repo, hookEnv);
    expect(clean.status, clean.stderr).toBe(0);
    writeFileSync(path.join(repo, 'docs/sop-001.md'), BAD);
    const bad = run(hook.entry, args, repo, hookEnv);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/revision-mismatch/);
  });

  it('runs the CLI bundle alone, with no node_modules anywhere above it', () => {
    const alone = folder('alone', WORKSPACE);
    copyFileSync(path.join(REPO, 'out/cli.js'), path.join(alone, 'cli.js'));
    for (let dir = alone; ; dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, 'node_modules')), dir).toBe(false);
      if (path.dirname(dir) === dir) break;
    }
    const env = { ...npmEnv, NODE_PATH: '' };
    const version = run(process.execPath, ['cli.js', '--version'], alone, env);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    const lint = run(process.execPath, ['cli.js', '--jobs', '2', '--today', TODAY], alone, env);
    expect(lint.status, lint.stderr).toBe(0);
  });
});

describe('the GitHub Action (action.yml)', () => {
  interface Step {
    name?: string;
    id?: string;
    run?: string;
    env?: Record<string, string>;
  }
  const steps = () => (parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } }).runs.steps;
  const version = () => JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

  // npm as the registry would answer: qmslint@$PUBLISHED is the packed tarball, any other version is
  // not there. The fallback's `npm ci` and `npm run build` stand in for the real ones (which would
  // fetch every development dependency) by putting the bundle where the build puts it.
  const SHIM = `#!/usr/bin/env bash
case "$1" in
  ci) exit 0 ;;
  run) mkdir -p out && cp "$BUNDLE" out/cli.js; exit 0 ;;
esac
# npm pack of a registry spec downloads that version's tarball into the folder and prints its name.
if [ "$1" = pack ]; then
  for a in "$@"; do
    case "$a" in
      "qmslint@$PUBLISHED") cp "$TARBALL" . && basename "$TARBALL"; exit 0 ;;
      qmslint@*) echo "npm error 404 $a is not in the registry" >&2; exit 1 ;;
    esac
  done
fi
args=()
for a in "$@"; do
  case "$a" in
    "qmslint@$PUBLISHED") args+=("$TARBALL") ;;
    qmslint@*) echo "npm error 404 $a is not in the registry" >&2; exit 1 ;;
    *) args+=("$a") ;;
  esac
done
exec "$REAL_NPM" "\${args[@]}" --offline
`;

  /** Runs the install step as the runner runs a bash step, then the lint step with its outputs; returns both. */
  function action(name: string, published: string, inputs: Record<string, string>, files: Record<string, string>, release?: object) {
    const dir = folder(name);
    // The action's checkout: its package.json and the release it records are all the install step reads.
    const actionPath = folder(`${name}/action`, {
      'package.json': readFileSync(path.join(REPO, 'package.json'), 'utf8'),
      ...(release ? { 'action-release.json': JSON.stringify(release) } : {}),
    });
    const shims = folder(`${name}/shims`, { npm: SHIM });
    chmodSync(path.join(shims, 'npm'), 0o755);
    const realNpm = run('bash', ['-c', 'command -v npm'], dir).stdout.trim();
    const output = path.join(dir, 'github-output');
    writeFileSync(output, '');
    const base = {
      ...npmEnv,
      PATH: `${shims}${path.delimiter}${process.env.PATH}`,
      GITHUB_ACTION_PATH: actionPath,
      RUNNER_TEMP: folder(`${name}/runner-temp`),
      GITHUB_OUTPUT: output,
      REAL_NPM: realNpm,
      PUBLISHED: published,
      TARBALL: tarball,
      BUNDLE: path.join(REPO, 'out/cli.js'),
    };
    const [install, lint] = ['Install qmslint', 'Run qmslint'].map((n) => steps().find((s) => s.name === n)!);
    const workspace = folder(`${name}/workspace`, files);
    const installed = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', install.run!], workspace, base);
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    // The step's env, with the expressions the runner would evaluate: inputs and the install step's output.
    const env = Object.fromEntries(
      Object.entries(lint.env!).map(([k, v]) => {
        const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v)?.[1];
        const out = /^\$\{\{ steps\.install\.outputs\.([a-z]+) \}\}$/.exec(v)?.[1];
        if (input === undefined && out === undefined) throw new Error(`action.yml: ${k}: ${v} is not an input or an output of the install step`);
        return [k, input !== undefined ? (inputs[input] ?? '') : outputs[out!]];
      }),
    );
    const linted = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lint.run!], workspace, { ...base, ...env });
    return { installed, outputs, linted, actionPath, workspace };
  }

  /** What a release commit records: the version and npm's integrity string of the tarball published. */
  const recorded = () => ({ version: version(), integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}` });

  it('installs the recorded release of its own version, no development dependency and no build, and lints with it', () => {
    const r = action('action-published', version(), { paths: '.', format: 'github' }, { ...WORKSPACE, 'docs/sop-001.md': BAD }, recorded());
    expect(r.installed.status, r.installed.stderr).toBe(0);
    expect(r.installed.stdout).toContain(`qmslint ${version()} from npm, sha512 as recorded`);
    expect(r.outputs.cli).toMatch(/\/runner-temp\/qmslint-action-[^/]+\/node_modules\/qmslint\/out\/cli\.js$/);
    expect(existsSync(path.join(r.actionPath, 'node_modules'))).toBe(false);
    expect(r.linted.status, r.linted.stderr).toBe(1);
    expect(r.linted.stdout).toMatch(/^::error file=docs\/sop-001\.md,line=5,.*title=revision-mismatch::/m);
  });

  it('builds from its sources when its version is not on npm', () => {
    const r = action('action-unpublished', '0.0.0-none', { paths: '.', format: 'github' }, WORKSPACE, recorded());
    expect(r.installed.status, r.installed.stderr).toBe(0);
    expect(r.installed.stdout).toMatch(/::notice::qmslint .*: the release could not be fetched from npm; building the action from its sources/);
    expect(r.outputs.cli).toBe(path.join(r.actionPath, 'out/cli.js'));
    expect(r.linted.status, r.linted.stdout + r.linted.stderr).toBe(0);
  });

  it('builds from its sources, never asking npm, when the ref records no release of its version', () => {
    for (const [name, release] of [
      ['action-unrecorded', undefined],
      ['action-other-version', { ...recorded(), version: '0.0.1' }],
    ] as const) {
      // The name and version are on npm, but nothing at this ref says which tarball is the release.
      const r = action(name, version(), { paths: '.', format: 'github' }, WORKSPACE, release);
      expect(r.installed.status, r.installed.stderr).toBe(0);
      expect(r.installed.stdout).toMatch(/::notice::qmslint .*: this ref records no release of its version/);
      expect(r.outputs.cli).toBe(path.join(r.actionPath, 'out/cli.js'));
      expect(readdirSync(path.join(root, name, 'runner-temp'))).toEqual([]);
    }
  });

  it('refuses a package on npm that is not the recorded release: someone else published that name and version', () => {
    const other = { version: version(), integrity: `sha512-${createHash('sha512').update('another tarball').digest('base64')}` };
    const r = action('action-squatted', version(), { paths: '.', format: 'github' }, { ...WORKSPACE, 'docs/sop-001.md': BAD }, other);
    expect(r.installed.status).toBe(2);
    expect(r.installed.stdout).toMatch(/::error::qmslint action: npm's qmslint@\S+ is not the release this ref records \(sha512 differs\); not running it/);
    expect(r.outputs.cli).toBeUndefined();
  });

  it('passes inputs as data: a path that looks like a command substitution is a path', () => {
    const r = action('action-inputs', version(), { paths: '$(touch pwned) docs', format: 'github', 'max-warnings': '0' }, WORKSPACE, recorded());
    expect(r.linted.status).toBe(2);
    expect(r.linted.stderr).toMatch(/\$\(touch/);
    expect(existsSync(path.join(r.workspace, 'pwned'))).toBe(false);
  });
});
