// The code action kinds of qmslint's own source actions, which a client may ask for by kind.

/** "Bump revision": starts the next revision of a controlled document (lsp/code-actions.ts). */
export const BUMP_REVISION_KIND = 'source.qmslint.bumpRevision';
