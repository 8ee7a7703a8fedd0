// How much qmslint reads of a file, and the error for a file it will not read.
// The reading itself is the host's (host/read-file.ts opens files on disk);
// core only needs the limits and the error, to turn an unread file into a
// finding or a configuration error whatever workspace it came from.

/**
 * The most any file is read: V8 cannot hold a string much over 512 MiB, and
 * a file near that is no controlled document. A larger maxFileSize is capped here.
 */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/** The most a configuration file, standard pack or .gitignore is read: far above any real one. */
export const SETTINGS_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A file that exists but is not read: not a regular file, larger than the limit, or one the
 * system would not open (a symbolic link loop, permission denied): never taken for no file.
 */
export class UnreadableFile extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'not-regular' | 'too-large' | 'unopenable',
    /** The limit the file was read against, in bytes. */
    readonly limit: number,
    /** For 'unopenable': the system's error code (ELOOP, EACCES, ...). */
    readonly code?: string,
  ) {
    super('');
    this.message = `${file}: ${this.detail}`;
  }

  /** Why, without the file name; it reads after "is" ("packs: acme.yaml is ..."). */
  get detail(): string {
    if (this.reason === 'not-regular') return NOT_REGULAR;
    if (this.reason === 'too-large') return `larger than ${megabytes(this.limit)} MB, the most qmslint reads of such a file`;
    return `not readable: ${whyUnopenable(this.code)}`;
  }
}

const NOT_REGULAR = 'not a regular file (a device, pipe or socket, perhaps through a symlink); qmslint reads only regular files';

/** The system's refusal to open a file, in the user's terms, with what to do about it. */
export function whyUnopenable(code: string | undefined): string {
  switch (code) {
    case 'ELOOP':
      return 'a symbolic link loop (ELOOP); point the link at a file, or remove it';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code}); let the user running qmslint read it`;
    case 'ENAMETOOLONG':
      return 'its path is too long to open (ENAMETOOLONG); use shorter folder or file names';
    default:
      return `the system would not open it (${code ?? 'unknown error'})`;
  }
}

export function megabytes(bytes: number): number {
  return +(bytes / 1024 / 1024).toFixed(2);
}
