// What a command may touch of the outside world. main() takes it as a
// parameter so tests can run the CLI in-process exactly as the binary does.
export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Colour output (stdout is a terminal and NO_COLOR is unset). */
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
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    interactive: Boolean(process.stderr.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
