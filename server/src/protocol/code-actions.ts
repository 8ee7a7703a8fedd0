// The code action kinds of qmslint's own source actions, which a client may ask for by kind.

/** "Bump revision": starts the next revision of a controlled document (lsp/code-actions.ts). */
export const BUMP_REVISION_KIND = 'source.qmslint.bumpRevision';

/** The `data` of the "Bump revision" action: what its edit changes, in words, one change a line. */
export interface BumpRevisionData {
  changes: string[];
}
