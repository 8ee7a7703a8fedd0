// Unfilled template text: `<enter owner>`, `TBD`, `YYYY-MM-DD`, `[Name]`, `XXX`, and
// template-engine expressions (Jinja, Liquid, Django, Mustache): `{{ device.name }}`,
// `{% url 'a' %}`, `{# note #}`.
// field-placeholder reports them; other rules skip values that are placeholders,
// so a template prompt is reported once, as unfilled, never as invalid or broken.

export interface PlaceholderMatch {
  /** The placeholder as written, e.g. `<enter owner>` or `\<enter owner\>`. */
  text: string;
  /** Offsets into the scanned string. */
  start: number;
  end: number;
  /**
   * For template-engine syntax, which kind: an expression (`{{ x }}`, a value to be filled in),
   * a statement (`{% for x in y %}`, logic) or a comment (`{# ... #}`). Undefined for prompts.
   */
  template?: TemplateKind;
}

export type TemplateKind = 'expression' | 'statement' | 'comment';

// Template-engine syntax. Each is a literal opener, a bounded run that cannot contain another
// opener nor the closer's first character where it closes (so a try stops at the next opener
// and never backtracks into a longer match), and the closer: linear on any line,
// '{{'.repeat(50000) included. Not across lines: a line break ends an unclosed opener.
const TEMPLATE_PATTERNS: [TemplateKind, RegExp][] = [
  // {{ device.name }}, {{cr.url}}, {{- x | upper -}}; no braces inside, so `{{{{` is tried cheaply.
  ['expression', /\{\{[^{}\n]{0,400}\}\}/g],
  // {% for cr in crs %}, {%- endif -%}; `%` may appear inside (`'%Y-%m-%d'`) when not before `}`,
  // `{` when it opens no other statement or comment, so '{%'.repeat(n) is tried cheaply.
  ['statement', /\{%(?:[^{%\n]|\{(?![%#])|%(?!\})){0,400}%\}/g],
  // {# a Jinja comment, {{ commented.out }} #}
  ['comment', /\{#(?:[^{#\n]|\{(?![%#])|#(?!\})){0,400}#\}/g],
];

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

// Each with what a text must contain for it to match at all: most text nodes contain none of
// these, and a check with includes is far cheaper than a scan with a Unicode regular expression
// (this function runs on every text node of every document).
const PATTERNS: [RegExp, (s: string) => boolean][] = [
  // Angle prompts, escaped for Markdown or not: <enter owner>, \<enter owner\>, <Document Title>.
  // Bounded, so a long line full of `<` stays linear.
  [/\\?<(?![!/?\s])([^<>\n]{1,120}?)\\?>/gu, (s) => s.includes('<')],
  // Square-bracket prompts: [Insert ...], [Name], [Company Name].
  [/\\?\[(?!\s|x\]|X\])([^\[\]\n]{1,60})\\?\](?![(\[:])/g, (s) => s.includes('[')],
  [/\b(?:TBD|TBC|TBA)\b/g, (s) => s.includes('TB')],
  // Every form has its year as YYYY or yyyy.
  [
    /(?<![\w.\/-])(?:YYYY-MM-DD|DD\.MM\.YYYY|DD\/MM\/YYYY|MM\/DD\/YYYY|YYYY\/MM\/DD|yyyy-mm-dd|dd\.mm\.yyyy|dd\/mm\/yyyy|mm\/dd\/yyyy)(?![\w\/-]|\.\w)/g,
    (s) => s.includes('YYYY') || s.includes('yyyy'),
  ],
  // Filler: XXX, SOP-XXX, xx.xx, x.x.x.
  [/(?<![\p{L}\d])(?:X{3,}|x{3,})(?![\p{L}\d])/gu, (s) => s.includes('XXX') || s.includes('xxx')],
  [/(?<![\p{L}\d.])[xX]{1,4}(?:[.\/][xX]{1,4})+(?![\p{L}\d])/gu, (s) => s.includes('x.') || s.includes('x/') || s.includes('X.') || s.includes('X/')],
];

/** Every placeholder in `source`, in order, without overlaps. */
export function findPlaceholders(source: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = source.includes('{') ? findTemplates(source) : [];
  for (const [i, [re, mayMatch]] of PATTERNS.entries()) {
    if (!mayMatch(source)) continue;
    for (const m of source.matchAll(re)) {
      const text = m[0];
      if (i === 0 && !isAnglePrompt(m[1])) continue;
      if (i === 1 && !isBracketPrompt(m[1])) continue;
      found.push({ text, start: m.index!, end: m.index! + text.length });
    }
  }
  if (found.length < 2) return found;
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

/** The template-engine syntax in `source` (`{{ x }}`, `{% x %}`, `{# x #}`), in order, without overlaps. */
export function findTemplates(source: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const [template, re] of TEMPLATE_PATTERNS) {
    for (const m of source.matchAll(re)) found.push({ text: m[0], start: m.index!, end: m.index! + m[0].length, template });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PlaceholderMatch[] = [];
  for (const m of found) {
    if (out.length && m.start < out[out.length - 1].end) continue;
    out.push(m);
  }
  return out;
}

/**
 * True when `text` is made of placeholders alone, blanks and quotes aside: `{{ release.date }}`,
 * `"{{ a }} {{ b }}"`, `<enter owner>`. `docs/{{ name }}.md` contains one but is not one.
 */
export function isWholePlaceholder(text: string): boolean {
  const found = findPlaceholders(text);
  if (!found.length) return false;
  let at = 0;
  for (const p of found) {
    if (!/^[\s"']*$/.test(text.slice(at, p.start))) return false;
    at = p.end;
  }
  return /^[\s"']*$/.test(text.slice(at));
}

/**
 * The placeholders in a link destination as written: `{{cr.url}}`, `docs/{{ name }}.md`,
 * `{% url 'a' %}`, `TBD`, and a prompt in pointy brackets, `<enter link>`. A pointy
 * destination that names a path (`<My File.md>`, `<forms/CAPA form.pdf>`) is not a prompt.
 */
export function findTargetPlaceholders(destination: string): PlaceholderMatch[] {
  const pointy = destination.length > 1 && destination.startsWith('<') && destination.endsWith('>');
  if (pointy && !findTemplates(destination).length) {
    const inner = destination.slice(1, -1);
    if (/\s/.test(inner) && !/[\/\\#?]|\.[\p{L}\d]{1,6}$/u.test(inner) && isAnglePrompt(inner)) {
      return [{ text: destination, start: 0, end: destination.length }];
    }
  }
  const inner = pointy ? destination.slice(1, -1) : destination;
  // Angle prompts cannot be inside a destination; anything else found is, shifted past a `<`.
  return findPlaceholders(inner)
    .filter((p) => !p.text.startsWith('<') && !p.text.startsWith('\\<'))
    .map((p) => (pointy ? { ...p, start: p.start + 1, end: p.end + 1 } : p));
}

/** True when a link destination as written is, or contains, a placeholder. */
export function isPlaceholderTarget(destination: string): boolean {
  return findTargetPlaceholders(destination).length > 0;
}

/** True when [start, end) lies within one of `spans` (in order, as findTemplates gives them): text a template engine reads, not the reader. */
export function insideTemplate(spans: PlaceholderMatch[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= start) lo = mid + 1;
    else hi = mid;
  }
  const span = lo ? spans[lo - 1] : undefined;
  return !!span && start >= span.start && end <= span.end;
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

const readerMemo = new WeakMap<object, unknown[]>();

/**
 * The document ids a reader is referred to: front matter entries that are not placeholders
 * (`references: ["{{ ref.id }}"]` is unfilled, not an id), and body mentions outside template
 * syntax (`{{ docs['SOP-001'].title }}` is read by the template engine, not the reader).
 * `text` is the document's text; the result is kept per `mentions` array.
 */
export function readerMentions<T extends { id: string; range: { start: number; end: number }; source: string }>(text: string, mentions: T[]): T[] {
  const memo = readerMemo.get(mentions) as T[] | undefined;
  if (memo) return memo;
  let spans: PlaceholderMatch[] | undefined;
  const out = mentions.filter((m) => {
    if (m.source !== 'body') return !isPlaceholder(m.id);
    spans ??= /\{[{%#]/.test(text) ? findTemplates(text) : [];
    return !insideTemplate(spans, m.range.start, m.range.end);
  });
  readerMemo.set(mentions, out);
  return out;
}
