// What a client may send as `initializationOptions` (docs/lsp.md, Initialization options).

export interface InitializationOptions {
  /** ISO date for review checks (reproducible tests and demos); today when absent. */
  today?: string;
  /** The editor's settings: {standard, documents, rules}, laid over every config. */
  settings?: unknown;
  /** Threads for the first lint of a large folder (`--jobs` of the CLI); 1 keeps it on the server's thread. */
  jobs?: number;
  /** The client shows coverage and wants qmslint/coverageChanged (protocol/coverage.ts) when it may have changed. */
  coverageChanged?: boolean;
}
