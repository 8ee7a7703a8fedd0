// Where a front-matter YAML error is shown. The yaml library reports some errors
// where it noticed them, not where the fault is: an unclosed `[` or `{` is reported
// at the start of the next key's line, an unclosed quote at the end of the front
// matter. For those two the range is the opening bracket or quote through the end
// of its line (found in the library's concrete syntax tree); a duplicate key
// covers the whole key; every other error keeps the range the library gives.
import { CST, isScalar, Parser, visit, type Document, type YAMLError } from 'yaml';
import type { OffsetRange } from './text';

/** The opening of a flow collection or quoted scalar that was never closed, offsets in the YAML source. */
interface Opening {
  offset: number;
  kind: 'flow' | 'quote';
}

/** Ranges in the YAML source (relative offsets), one per error, in order. */
export function yamlErrorRanges(source: string, doc: Document.Parsed): OffsetRange[] {
  const errors = doc.errors;
  const openings = unclosedOpenings(source, errors);
  const used = new Set<Opening>();
  return errors.map((e) => {
    const [start, end] = e.pos;
    const kind = unclosedKind(e);
    if (kind) {
      // The nearest opening before the error that no earlier error took: nested unclosed brackets each get theirs.
      const opening = openings.filter((o) => o.kind === kind && o.offset <= start && !used.has(o)).pop();
      if (opening) {
        used.add(opening);
        return { start: opening.offset, end: Math.max(lineEnd(source, opening.offset), opening.offset + 1) };
      }
    }
    if (e.code === 'DUPLICATE_KEY') {
      const keyEnd = scalarKeyEnd(doc, start);
      if (keyEnd !== undefined) return { start, end: keyEnd };
    }
    return { start, end: Math.max(end, start + 1) };
  });
}

/** Which unclosed opening an error is about, if it is one of those the library reports late. */
function unclosedKind(e: YAMLError): Opening['kind'] | undefined {
  const message = e.message.toLowerCase();
  if (e.code === 'MISSING_CHAR' && message.startsWith('missing closing') && message.includes('quote')) return 'quote';
  if ((e.code === 'BAD_INDENT' || e.code === 'MISSING_CHAR') && (message.includes('flow sequence') || message.includes('flow map')) && message.includes('end with')) return 'flow';
  return undefined;
}

/** Flow collections without their closing bracket and quoted scalars without their closing quote, in source order. */
function unclosedOpenings(source: string, errors: readonly YAMLError[]): Opening[] {
  // The syntax tree is built only when an error needs it: valid front matter is the common case.
  if (!errors.some((e) => unclosedKind(e))) return [];
  const found: Opening[] = [];
  const consider = (token: CST.Token | undefined) => {
    if (!token) return;
    if (token.type === 'flow-collection' && !token.end.some((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end')) found.push({ offset: token.start.offset, kind: 'flow' });
    if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && !closedQuote(token.source)) found.push({ offset: token.offset, kind: 'quote' });
  };
  for (const token of new Parser().parse(source)) {
    if (token.type !== 'document') continue;
    consider(token.value);
    CST.visit(token, (item) => {
      consider(item.key ?? undefined);
      consider(item.value);
    });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** A quoted scalar's source ends with its quote, and (double quotes) that quote is not escaped. */
function closedQuote(text: string): boolean {
  const body = text.trimEnd();
  const quote = body[0];
  if (body.length < 2 || !body.endsWith(quote)) return false;
  if (quote === "'") return true;
  let backslashes = 0;
  for (let i = body.length - 2; i > 0 && body[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** The end of the scalar key that starts at `offset`, if one does. */
function scalarKeyEnd(doc: Document.Parsed, offset: number): number | undefined {
  let end: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        end = pair.key.range[1];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return end;
}

/** Where the line holding `offset` ends, before its line break (\n, \r\n or a lone \r). */
function lineEnd(source: string, offset: number): number {
  let i = offset;
  while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  return i;
}
