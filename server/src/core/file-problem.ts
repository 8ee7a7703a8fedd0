// A file qmslint cannot use as it is (a configuration, a baseline): the message names the file, and
// the line and column when known, the way compilers do, so the user goes straight to the mistake.
export class FileProblem extends Error {
  constructor(
    /** The file as the user should see it named. */
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}:${column ?? 1}` : ''}: ${detail}`);
  }
}
