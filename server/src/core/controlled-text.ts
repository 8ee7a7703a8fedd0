// Whether a file we will not analyse (binary, too large, too complex, or one the
// parser cannot take) is a controlled document, from its text alone: such a file
// must fail the run, or one NUL byte or an invisible comment full of `[` would
// hide every finding on it. Controlled is what buildDocument says: a front
// matter `id` (under any name the config gives it), or a `documents` match.
// Only the front matter is read, up to the first NUL byte (a binary file's
// readable start); when in doubt it says yes, because yes fails closed.
import { isMap, isScalar, parseDocument } from 'yaml';
import { fieldKeys, type Config } from './config';

/** Front matter longer than this is only scanned line by line, not parsed (it is not analysed anyway). */
const MAX_PARSED_FRONT_MATTER = 64 * 1024;

export function declaresId(text: string, config: Config): boolean {
  const source = frontMatterSource(text);
  if (source === undefined) return false;
  const keys = new Set(fieldKeys(config, 'id'));
  // A top-level key line, quoted or not: `id: SOP-001`, `"id" : SOP-001` (an indented key is not top-level, and keeps its indent).
  for (const line of source.split(/\r\n|\r|\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    let key = line.slice(0, colon).trimEnd();
    if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.endsWith(key[0])) key = key.slice(1, -1);
    if (keys.has(key)) return true;
  }
  // Anything else YAML allows (a flow mapping `{id: SOP-001}`, escapes in quoted keys).
  if (source.length > MAX_PARSED_FRONT_MATTER) return false;
  try {
    const doc = parseDocument(source, { logLevel: 'silent' });
    return isMap(doc.contents) && doc.contents.items.some((p) => isScalar(p.key) && keys.has(String(p.key.value)));
  } catch {
    return false;
  }
}

/**
 * The YAML between a `---` first line and the next `---` line; an unclosed
 * block (the file ends, or a NUL byte cuts it) gives what there is.
 */
function frontMatterSource(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  const readable = nul < 0 ? text : text.slice(0, nul);
  const body = readable.charCodeAt(0) === 0xfeff ? readable.slice(1) : readable;
  const open = /^---[ \t]*(?:\r\n|\r|\n)/.exec(body);
  if (!open) return undefined;
  const close = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/.exec(body.slice(open[0].length - 1));
  return body.slice(open[0].length, close ? open[0].length - 1 + close.index : body.length);
}
