// Relative link targets: a file (absolute POSIX path) and/or a heading anchor.
import * as path from 'node:path';

export interface LinkTarget {
  /** Absolute path of the target file; undefined for a same-document anchor. */
  file?: string;
  anchor?: string;
}

/** Undefined for links the linter does not check (URLs with a scheme, mailto:, absolute paths). */
export function resolveLinkTarget(fromFile: string, url: string): LinkTarget | undefined {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('/')) return undefined;
  const hash = url.indexOf('#');
  const filePart = hash >= 0 ? url.slice(0, hash) : url;
  const anchor = hash >= 0 ? safeDecode(url.slice(hash + 1)) : undefined;
  const cleanFile = filePart.split('?')[0];
  return {
    file: cleanFile ? path.posix.resolve(path.posix.dirname(fromFile), safeDecode(cleanFile)) : undefined,
    anchor: anchor || undefined,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
