// A problem that stops a run and that the user can fix (a path that selects no
// Markdown file, a report that cannot be written): exit code 2 and one line
// that says what went wrong and how to fix it. Unlike a UsageError, the
// arguments were well-formed, so no pointer to --help follows.
export class CliError extends Error {}
