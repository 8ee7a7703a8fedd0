// How deeply a Markdown text nests block quotes and list items on one line
// ("> > > - - x"). The Markdown parser takes quadratic time in that depth and
// overflows the stack near ten thousand levels, so a file nested deeper than
// any document a person writes is reported instead of parsed.

/** Deeper than this on one line and a file is not analysed (markdown-it's default limit is 100 too). */
export const MAX_NESTING = 100;

/**
 * The largest number of container markers that open one line, counting no
 * further than `limit + 1`: `>`, and list markers (`-`, `*`, `+`, `1.`, `1)`)
 * followed by a space or tab, each after optional white space.
 */
export function lineNestingDepth(text: string, limit = MAX_NESTING): number {
  let max = 0;
  let p = 0;
  const n = text.length;
  while (p < n) {
    let depth = 0;
    for (;;) {
      while (p < n && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
      const c = text.charCodeAt(p);
      if (c === 62 /* > */) {
        depth++;
        p++;
        continue;
      }
      if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlank(text.charCodeAt(p + 1))) {
        depth++;
        p += 2;
        continue;
      }
      let q = p;
      while (q < n && q - p < 9 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
      if (q > p && (text.charCodeAt(q) === 46 || text.charCodeAt(q) === 41) /* . ) */ && isBlank(text.charCodeAt(q + 1))) {
        depth++;
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

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
