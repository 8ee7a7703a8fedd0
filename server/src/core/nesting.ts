// How deeply a Markdown text nests block quotes and list items: markers on one
// line ("> > > - - x") and list items indented under list items. The Markdown
// parser takes quadratic time or worse in that depth (400 indented levels: 10 s)
// and overflows the stack near ten thousand levels on one line, so a file nested
// deeper than any document a person writes is reported instead of parsed.

/** Deeper than this on one line and a file is not analysed (markdown-it's default limit is 100 too). */
export const MAX_NESTING = 100;

/**
 * The deepest nesting a line opens, counting no further than `limit + 1`: each
 * container marker (`>`, and `-`, `*`, `+`, `1.`, `1)` followed by a space or
 * tab) is a level, and so are every two columns of white space before one (a
 * list item indented under another). An over-estimate for indented code, which
 * is far from the limit in any real document.
 */
export function lineNestingDepth(text: string, limit = MAX_NESTING): number {
  let max = 0;
  let p = 0;
  const n = text.length;
  while (p < n) {
    let depth = 0;
    for (;;) {
      let columns = 0;
      while (p < n && isBlank(text.charCodeAt(p))) columns += text.charCodeAt(p++) === 9 ? 4 : 1;
      const c = text.charCodeAt(p);
      if (c === 62 /* > */) {
        depth += 1 + (columns >> 1);
        p++;
        continue;
      }
      if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlank(text.charCodeAt(p + 1))) {
        depth += 1 + (columns >> 1);
        p += 2;
        continue;
      }
      let q = p;
      while (q < n && q - p < 9 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
      if (q > p && (text.charCodeAt(q) === 46 || text.charCodeAt(q) === 41) /* . ) */ && isBlank(text.charCodeAt(q + 1))) {
        depth += 1 + (columns >> 1);
        p = q + 2;
        continue;
      }
      break;
    }
    if (depth > max) {
      max = depth;
      if (max > limit) return max;
    }
    // On to the next line (\n, \r\n or \r).
    while (p < n && text.charCodeAt(p) !== 10 && text.charCodeAt(p) !== 13) p++;
    if (text.charCodeAt(p) === 13 && text.charCodeAt(p + 1) === 10) p++;
    p++;
  }
  return max;
}

// Each level takes at least half a character of a line's leading container
// prefix (a tab is two levels), so nesting past MAX_NESTING needs a line that
// starts with 51 or more of these characters.
const DEEP_PREFIX = /^[ \t>*+\-0-9.)]{51}/m;

/** Whether some line of `text` nests deeper than MAX_NESTING; a quick look first, as editors ask on every keystroke. */
export function nestsTooDeep(text: string): boolean {
  return DEEP_PREFIX.test(text) && lineNestingDepth(text) > MAX_NESTING;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
