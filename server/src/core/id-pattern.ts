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
 * A mention is at most this many characters: a longer match is no document id.
 * The bound is what keeps a search cheap: RE2 is linear per search, but a
 * pattern such as `A(?:.*Z)?` makes each search read to the end of the text,
 * so many short matches in one long paragraph would cost the square of its length.
 */
export const MAX_MENTION = 256;
/** Each search reads at most this much text from where it starts. */
const WINDOW = 4 * MAX_MENTION;

/**
 * Finds ids in running text: the pattern without its anchors, not inside a
 * longer word or id. RE2 has no lookaround, so the character before and after
 * the id is matched around a group; RE2 picks submatches the way a
 * backtracking engine would (leftmost, first alternative first), so group 1 is
 * what (?<!before)(?:inner)(?!after) would match.
 *
 * Each search runs on a window of the text (WINDOW characters) rather than on
 * the rest of it, which bounds its cost. A window that ends before the text
 * does matches no `$` at its end, so what it finds is a match of the whole text
 * too; one starting early enough that a mention of MAX_MENTION characters fits
 * after it is the match a search of the whole text finds, unless that search
 * would prefer a mention longer than MAX_MENTION. `^` matches only in the
 * window that starts the text, as it does at the start of the text alone.
 */
export function mentionRegex(idPattern: string): IdMentions {
  return cached(`mention:${idPattern}`, () => {
    const inner = idPattern.replace(/^\^/, '').replace(/\$$/, '');
    // [window starts the text][window ends the text]
    const forms = [false, true].map((atStart) =>
      [false, true].map((atEnd) => compileUserRegex(`${atStart ? `(?:^|${BEFORE_ID})` : BEFORE_ID}(${inner})${atEnd ? `(?:${AFTER_ID}|$)` : AFTER_ID}`)),
    );
    // The farthest a whole match (before, id, after) may start in a window that ends before the text does.
    const lastStart = WINDOW - MAX_MENTION - 2;
    const matchAll = (text: string, limit = Infinity): IdMention[] => {
      const out: IdMention[] = [];
      let at = 0;
      while (out.length < limit && at <= text.length) {
        let to = Math.min(text.length, at + WINDOW);
        // Never end a window inside a surrogate pair: half a letter would read as a non-letter.
        const last = text.charCodeAt(to - 1);
        if (to < text.length && last >= 0xd800 && last <= 0xdbff) to--;
        const atEnd = to === text.length;
        const m = forms[at === 0 ? 1 : 0][atEnd ? 1 : 0].matcher(text.slice(at, to));
        if (!m.find(0)) {
          if (atEnd) break;
          // Nothing here; a match that starts too late to fit is searched again in the next window.
          at += lastStart;
          continue;
        }
        if (!atEnd && m.start(0) > lastStart) {
          at += m.start(0);
          continue;
        }
        const [start, end] = [at + m.start(1), at + m.end(1)];
        out.push({ 0: text.slice(start, end), index: start });
        // Search again from the id's end: the character after it may be the one before the next id.
        at = end > start ? end : end + ((text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
      }
      return out;
    };
    return {
      source: forms[1][1].pattern(),
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
