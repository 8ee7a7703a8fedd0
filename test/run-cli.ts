// The bundled CLI (out/cli.js, which npm test builds first) spawned as users and CI run it,
// under the hang guard: a run that does not end is killed and named, never waited on for
// ever and never mistaken for a slow machine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HANG_GUARD_MS } from './hang-guard.mjs';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
export const CLI = `${REPO}out/cli.js`;

/** A message of `--format json` (ESLint's shape). */
export interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  /** Why and how to fix (plain text), when the finding has more to say than its message. */
  detail?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The report of `--format json`: one entry per file. */
export type JsonReport = { filePath: string; messages: JsonMessage[] }[];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Standard input (for --stdin). */
  input?: string;
  /** Added to the environment, which has NO_COLOR=1 and no FORCE_COLOR unless given otherwise. */
  env?: NodeJS.ProcessEnv;
  /** Another bundle to run instead of out/cli.js (a copy, for tests that run it as another user). */
  bundle?: string;
  uid?: number;
  gid?: number;
}

/** The environment tests run the CLI in: plain text, whatever the developer's shell or CI runner asks for. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // FORCE_COLOR would win over NO_COLOR: outputs are compared as plain text.
  return { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...extra };
}

export function runCli(args: string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [options.bundle ?? CLI, ...args], {
    cwd: options.cwd ?? REPO,
    input: options.input,
    encoding: 'utf8',
    env: cliEnv(options.env),
    timeout: HANG_GUARD_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    uid: options.uid,
    gid: options.gid,
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    throw new Error(`hang guard: qmslint ${args.join(' ')} (in ${options.cwd ?? REPO}) did not finish in ${HANG_GUARD_MS / 1000} s`);
  }
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
