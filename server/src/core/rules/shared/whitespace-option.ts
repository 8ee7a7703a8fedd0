// The change rules' `whitespace` option, read one way by each rule that has it, so they agree on
// what counts as a change.

/** The rule option `whitespace: true` makes white-space-only edits count as changes. */
export function ignoresWhitespace(options: Record<string, unknown>): boolean {
  return options.whitespace !== true;
}
