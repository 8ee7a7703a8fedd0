// Unfilled template text: `<enter owner>`, `TBD`, `YYYY-MM-DD`, `[Name]`, `XXX`.
// field-placeholder reports them; other rules skip values that are placeholders,
// so a template prompt is reported once, as unfilled, never as invalid.

export interface PlaceholderMatch {
  /** The placeholder as written, e.g. `<enter owner>` or `\<enter owner\>`. */
  text: string;
  /** Offsets into the scanned string. */
  start: number;
  end: number;
}

// Element names that make `<name ...>` real HTML rather than a prompt.
const HTML_TAGS = new Set(
  (
    'a abbr address area article aside audio b bdi bdo blockquote body br button canvas caption cite code col colgroup ' +
    'data dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 ' +
    'head header hr html i iframe img input ins kbd label legend li link main map mark meta meter nav noscript object ' +
    'ol optgroup option output p param picture pre progress q rp rt ruby s samp script section select small source span ' +
    'strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul ' +
    'var video wbr center'
  ).split(' '),
);

// Words that make a bracketed phrase a prompt: `[Name]`, `[Company Name]`, `[Insert scope]`.
const PROMPT_VERBS = /^(insert|enter|add|specify|describe|list|state|define|name of|fill in)\b/i;
const PROMPT_NOUNS =
  /\b(name|names|date|title|company|organi[sz]ation|number|no\.|signature|owner|department|product|products|position|role|address|site|manager|version|revision|id|description|location|person|function|job title)\b/i;

const PATTERNS: RegExp[] = [
  // Angle prompts, escaped for Markdown or not: <enter owner>, \<enter owner\>, <Document Title>.
  // Bounded, so a long line full of `<` stays linear.
  /\\?<(?![!/?\s])([^<>\n]{1,120}?)\\?>/gu,
  // Square-bracket prompts: [Insert ...], [Name], [Company Name].
  /\\?\[(?!\s|x\]|X\])([^\[\]\n]{1,60})\\?\](?![(\[:])/g,
  /\b(?:TBD|TBC|TBA)\b/g,
  /(?<![\w.\/-])(?:YYYY-MM-DD|DD\.MM\.YYYY|DD\/MM\/YYYY|MM\/DD\/YYYY|YYYY\/MM\/DD|yyyy-mm-dd|dd\.mm\.yyyy|dd\/mm\/yyyy|mm\/dd\/yyyy)(?![\w\/-]|\.\w)/g,
  // Filler: XXX, SOP-XXX, xx.xx, x.x.x.
  /(?<![\p{L}\d])(?:X{3,}|x{3,})(?![\p{L}\d])/gu,
  /(?<![\p{L}\d.])[xX]{1,4}(?:[.\/][xX]{1,4})+(?![\p{L}\d])/gu,
];

/** Every placeholder in `source`, in order, without overlaps. */
export function findPlaceholders(source: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const [i, re] of PATTERNS.entries()) {
    for (const m of source.matchAll(re)) {
      const text = m[0];
      if (i === 0 && !isAnglePrompt(m[1])) continue;
      if (i === 1 && !isBracketPrompt(m[1])) continue;
      found.push({ text, start: m.index!, end: m.index! + text.length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PlaceholderMatch[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

/** True when the value contains unfilled template text, so it should not be judged as a value. */
export function isPlaceholder(text: string): boolean {
  return findPlaceholders(text).length > 0;
}

/** `<enter owner>` is a prompt; `<br>`, `<div class="x">`, `<https://…>`, `<a@b.c>` are not. */
function isAnglePrompt(inner: string): boolean {
  const body = inner.replace(/\\$/, '').trim();
  if (/[=:@"'`]/.test(body.replace(/(\p{L})'(\p{L})/gu, '$1$2'))) return false; // attributes, autolinks, e-mail
  const first = body.split(/\s+/)[0].toLowerCase();
  if (HTML_TAGS.has(first.replace(/\/$/, ''))) return false;
  return /^[\p{L}][\p{L}\p{N} ,.'()\/&_-]*$/u.test(body);
}

/** `[Name]`, `[Insert scope]` are prompts; `[SOP-003]`, `[x]`, `[1]`, `[optional]` are not. */
function isBracketPrompt(inner: string): boolean {
  const body = inner.replace(/\\$/, '').trim();
  if (!/^[\p{L}][\p{L} ,.'\/&-]*$/u.test(body)) return false;
  if (PROMPT_VERBS.test(body)) return true;
  // Title-case words only, one of them a thing a template asks for.
  const words = body.split(/\s+/);
  return words.length <= 4 && words.every((w) => /^\p{Lu}/u.test(w)) && PROMPT_NOUNS.test(body);
}
