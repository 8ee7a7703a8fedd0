// The configured idPattern, as the rules use it: on a field's value, and to
// find mentions of document ids in running text. Both forms are built here and
// run on RE2 (regex-safety.ts), never on RegExp, so no pattern a repository
// configures can make a lint hang. Config validation compiles both forms.
import { compileUserRegex, UserRegexError, type UserRegex } from './regex-safety';

/** A mention found in text, shaped like RegExp's match: [0] the id, index where it starts. */
export interface IdMention {
  0: string;
  index: number;
}

export interface IdMentions {
  /** The same for the same idPattern: a key for caches. */
  readonly source: string;
  /** The first mention in `text`, or null. */
  exec(text: string): IdMention | null;
  /** Every mention in `text`, in order, not overlapping. */
  matchAll(text: string): IdMention[];
}

// Letters and digits of any script: with ASCII \w, a pattern of \p{Lu} could
// start inside a run of accented capitals. A `.` may end a sentence after an
// id, but not come just before one (v1.SOP-1).
const BEFORE_ID = '[^\\p{L}\\p{N}_.-]';
const AFTER_ID = '[^\\p{L}\\p{N}_-]';

/** The pattern for a whole value, such as the `id` field (test() searches, like RegExp's). */
export function idRegex(idPattern: string): UserRegex {
  return cached(`id:${idPattern}`, () => compileUserRegex(idPattern));
}

/**
 * Finds ids in running text: the pattern without its anchors, not inside a
 * longer word or id. RE2 has no lookaround, so the character before and after
 * the id is matched around a group; RE2 picks submatches the way a
 * backtracking engine would (leftmost, first alternative first), so group 1 is
 * what (?<!before)(?:inner)(?!after) would match.
 */
export function mentionRegex(idPattern: string): IdMentions {
  return cached(`mention:${idPattern}`, () => {
    const inner = idPattern.replace(/^\^/, '').replace(/\$$/, '');
    const re = compileUserRegex(`(?:^|${BEFORE_ID})(${inner})(?:${AFTER_ID}|$)`);
    const matchAll = (text: string, limit = Infinity): IdMention[] => {
      const out: IdMention[] = [];
      const m = re.matcher(text);
      let at = 0;
      while (out.length < limit && at <= text.length && m.find(at)) {
        const [start, end] = [m.start(1), m.end(1)];
        out.push({ 0: text.slice(start, end), index: start });
        // Search again from the id's end: the character after it may be the one before the next id.
        at = end > start ? end : end + ((text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
      }
      return out;
    };
    return {
      source: re.pattern(),
      exec: (text) => matchAll(text, 1)[0] ?? null,
      matchAll: (text) => matchAll(text),
    };
  });
}

/**
 * Why `idPattern` is unfit to run over documents, or undefined when it is fit:
 * RE2 cannot compile it (as a whole value, or inside the mention form).
 */
export function idPatternProblem(idPattern: string): string | undefined {
  try {
    idRegex(idPattern);
    mentionRegex(idPattern);
  } catch (e) {
    if (e instanceof UserRegexError) return e.message;
    throw e;
  }
  return undefined;
}

// Compiled forms by pattern: the rules ask for them per document. A handful of
// configurations at most in one process; cleared if that ever grows.
const compiled = new Map<string, unknown>();
function cached<T>(key: string, build: () => T): T {
  let value = compiled.get(key) as T | undefined;
  if (value === undefined) {
    if (compiled.size > 32) compiled.clear();
    compiled.set(key, (value = build()));
  }
  return value;
}
