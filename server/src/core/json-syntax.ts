// Where a JSON text first breaks the grammar, and what is wrong there: the
// line and column a message about a damaged file (a baseline after a bad
// merge) points at. Node 20's JSON.parse names no position for most errors and
// quotes the file instead, so the text is read again with jsonc-parser (VS
// Code's JSON scanner, in its ES module build, whose imports esbuild can
// follow), strict: no comments, no trailing commas. Asked only after
// JSON.parse has failed.
import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';

export interface JsonSyntaxProblem {
  /** UTF-16 offset of the first character that cannot be there (the text's length when it ends too early). */
  offset: number;
  problem: string;
}

/** What each of jsonc-parser's errors means to the person who has to mend the file; `it` is the character found. */
const SAYS: Partial<Record<ParseErrorCode, (it: string) => string>> = {
  [ParseErrorCode.InvalidSymbol]: (it) => `unexpected ${it}`,
  [ParseErrorCode.InvalidNumberFormat]: () => 'a malformed number',
  [ParseErrorCode.PropertyNameExpected]: (it) => `expected a property name in double quotes, not ${it}`,
  [ParseErrorCode.ValueExpected]: (it) => `expected a value, not ${it}`,
  [ParseErrorCode.ColonExpected]: (it) => `expected : after the property name, not ${it}`,
  [ParseErrorCode.CommaExpected]: (it) => `expected a comma, not ${it}`,
  [ParseErrorCode.CloseBraceExpected]: (it) => `expected , or }, not ${it}`,
  [ParseErrorCode.CloseBracketExpected]: (it) => `expected , or ], not ${it}`,
  [ParseErrorCode.EndOfFileExpected]: (it) => `${it} after the end of the JSON value`,
  [ParseErrorCode.InvalidCommentToken]: () => 'a comment, which JSON does not allow',
  [ParseErrorCode.UnexpectedEndOfComment]: () => 'a comment, which JSON does not allow',
  [ParseErrorCode.UnexpectedEndOfString]: () => 'a string that is not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: () => 'a number that is not finished',
  [ParseErrorCode.InvalidUnicode]: () => 'a string with a \\u escape that lacks its four hexadecimal digits',
  [ParseErrorCode.InvalidEscapeCharacter]: () => 'a string with an invalid escape',
  [ParseErrorCode.InvalidCharacter]: (it) => `${it} inside a string (write it escaped)`,
};

/** The first syntax error of `text`, or undefined when it is JSON. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // The parser descends recursively: a text nested deeper than the call stack is not mended by hand.
    return { offset: 0, problem: 'nested too deeply' };
  }
  const first = errors[0];
  if (!first) return undefined;
  let offset = Math.min(first.offset, text.length);
  // An error inside a string is reported at the string's opening quote: point at the character itself.
  if (first.error === ParseErrorCode.InvalidCharacter) offset = firstControl(text, offset);
  if (offset >= text.length) return { offset, problem: 'the text ends too early' };
  const says = SAYS[first.error] ?? ((it: string) => `unexpected ${it}`);
  return { offset, problem: says(describe(text, offset)) };
}

/** A character for a message: itself when printable ASCII, else its code point (nothing of the file is echoed raw). */
function describe(text: string, i: number): string {
  const c = text.codePointAt(i)!;
  if (c > 0x20 && c < 0x7f) return `'${String.fromCodePoint(c)}'`;
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first control character from `from` on (one is there: the parser found it in the string that starts at `from`). */
function firstControl(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 0x20) i++;
  return Math.min(i, text.length);
}
