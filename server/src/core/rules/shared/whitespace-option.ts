// The change rules' `whitespace` option, declared and read one way by each rule that has it, so
// they agree on what counts as a change.

/** The rule option `whitespace: true` makes white-space-only edits count as changes. */
export function ignoresWhitespace(options: Record<string, unknown>): boolean {
  return options.whitespace !== true;
}

/** The option's schema, for the meta of each rule that has it. */
export const WHITESPACE_OPTIONS = {
  type: 'object',
  properties: { whitespace: { type: 'boolean', description: 'White-space-only edits count as changes (line endings never do).' } },
  additionalProperties: false,
} as const;
