// An edit that replaces one YAML scalar's value: a quoted value keeps its quotes (and whatever
// follows it on the line, such as a comment), so the edit changes the value and nothing else.
// Read from the text, not the YAML node, so it works on a light document too (the node is not
// kept there, and the rules that need the index or the date run on light documents).
import type { OffsetRange } from './text';
import type { TextEdit } from './types';

/** `source`: the document text the range addresses (without its byte order mark). */
export function replaceScalar(source: string, range: OffsetRange, text: string): TextEdit {
  const open = source[range.start];
  const quoted = (open === '"' || open === "'") && range.end - range.start >= 2 && source[range.end - 1] === open;
  return quoted ? { start: range.start + 1, end: range.end - 1, text } : { start: range.start, end: range.end, text };
}
