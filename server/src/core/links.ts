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

/**
 * Where a link's destination is written in the link's source (`[a](dest "t")`, `[a](<dest>)`,
 * `[label]: dest`): the destination as written, pointy brackets included, and its offset in
 * `source`. Undefined when it is not written as `url` (escapes, entities): the caller uses the url.
 */
export function writtenDestination(source: string, url: string): { text: string; offset: number } | undefined {
  // The last `](` (an image in the label has its own), else a definition's first `]:`.
  const inline = source.lastIndexOf('](');
  const at = inline >= 0 ? inline : source.indexOf(']:');
  if (at < 0) return undefined;
  let i = at + 2;
  while (i < source.length && (source[i] === ' ' || source[i] === '\t' || source[i] === '\n' || source[i] === '\r')) i++;
  const pointy = `<${url}>`;
  if (source.startsWith(pointy, i)) return { text: pointy, offset: i };
  if (url && source.startsWith(url, i)) return { text: url, offset: i };
  return undefined;
}
