// One Markdown file's change between the base of a change and the working tree: what git says
// (git.ts), with moves followed by front matter id (moves.ts).

export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted';

export interface GitChange {
  kind: ChangeKind;
  /** Absolute POSIX path in the working tree; for a deleted file, where it was. */
  path: string;
  /** Absolute POSIX path at the base; absent for added files. */
  basePath?: string;
  /** A rename git did not see: the same front matter id deleted at `basePath` and added at `path` (moves.ts). */
  byId?: boolean;
}
