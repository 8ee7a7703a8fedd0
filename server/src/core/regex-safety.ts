// A regular expression a user writes (idPattern) runs over every document's
// text. JavaScript's engine backtracks, so some patterns take seconds to
// minutes on a short id: nested bounded repetition such as (?:A|AA){1,40}
// slips past a checker that analyses the pattern (scslre did). So user
// patterns never reach RegExp: they run on RE2 (the re2js port), whose
// matching time is linear in the text for every pattern, whatever its shape.
import { RE2JS } from 're2js';

export type UserRegex = RE2JS;

/** A user's pattern RE2 cannot compile; the message says why in plain words. */
export class UserRegexError extends Error {}

/**
 * Compiles a user's pattern for RE2. Throws UserRegexError when RE2 refuses it:
 * RE2 has no lookaround and no backreferences (they are what can need
 * backtracking), and writes a code point as \x{C4}, not \u00C4.
 */
export function compileUserRegex(pattern: string): UserRegex {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    const reason = ((e as Error).message ?? String(e)).replace(/^error parsing regexp: /, '');
    throw new UserRegexError(
      `not a pattern qmslint can run (${reason}); it is matched with RE2 syntax, which has no lookahead or lookbehind ((?=, (?!, (?<=, (?<!), no backreferences (\\1, \\k<name>) and writes a code point as \\x{C4} rather than \\u00C4`,
    );
  }
}
