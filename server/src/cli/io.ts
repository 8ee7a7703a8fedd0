// What a command may touch of the outside world. main() takes it as a
// parameter so tests can run the CLI in-process exactly as the binary does.
export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Colour output on stdout (see colorWanted). */
  color: boolean;
  /** stderr is a terminal: progress lines may be shown. */
  interactive: boolean;
  /** Standard input, read only for --stdin. */
  readStdin(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    color: colorWanted(process.env, Boolean(process.stdout.isTTY)),
    interactive: Boolean(process.stderr.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/**
 * Colour as Node itself decides it (tty getColorDepth, whose levels chalk's
 * follow): FORCE_COLOR, when set, wins over everything, on or off a terminal:
 * empty, 1, 2, 3 or true turn colour on, any other value (0, false) off. Then
 * NO_COLOR or TERM=dumb turn it off; NO_COLOR only when not empty, as
 * no-color.org asks (Node also counts an empty one). Otherwise colour goes to
 * a terminal only.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env.NO_COLOR || env.TERM === 'dumb') return false;
  return isTerminal;
}
