// Two ways to run the CLI on the same arguments: in-process through main()
// with a CliIo that captures everything, and as the bundled binary that users
// and CI spawn (npm test builds it first). A case must come out the same both ways.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../server/src/cli/main';
import type { CliIo } from '../../server/src/cli/io';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { cliEnv } from '../run-cli';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const cli = `${repo}out/cli.js`;
export const TODAY = '2026-11-26';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working folder; default the repository. */
  cwd?: string;
  /** Standard input (for --stdin). */
  stdin?: string;
  /** stderr is a terminal (in-process only). */
  interactive?: boolean;
}

export function memoryIo(options: RunOptions = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => ({ write: (chunk: string | Uint8Array) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  return {
    cwd: options.cwd ?? repo,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    color: false,
    interactive: options.interactive ?? false,
    readStdin: async () => options.stdin ?? '',
    out: () => out,
    err: () => err,
  };
}

export async function runInProcess(args: string[], options: RunOptions = {}): Promise<Run> {
  const io = memoryIo(options);
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** Asynchronous, so cases can run side by side. */
export function runSpawned(args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: options.cwd ?? repo,
      env: cliEnv(),
      timeout: HANG_GUARD_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdin.on('error', () => {}); // a CLI that exits without reading its input
    child.stdin.end(options.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') reject(new Error(`hang guard: qmslint ${args.join(' ')} did not finish in ${HANG_GUARD_MS / 1000} s`));
      else resolve({ code, stdout, stderr });
    });
  });
}
