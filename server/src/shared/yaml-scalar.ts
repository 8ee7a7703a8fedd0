// A value written after `key: ` in front matter: by fixes (front-matter-missing,
// field-missing, through core/rules/shared/yaml-scalar.ts) and by the editor's New
// Document (client/src/templates.ts). It imports nothing, so the extension can
// bundle it without the server. For a one-line value the output is what the fixes
// wrote before this file existed, the `yaml` package's stringify(value,
// { lineWidth: 0 }).trimEnd(), wherever that read back as the value (all but values
// ending in a Unicode space such as a no-break space, which it lost);
// test/unit/yaml-scalar.test.ts compares the two. Plain when YAML 1.2 reads it back
// as the same string, else single-quoted when it holds a double quote and no single
// one, else double-quoted.

/** What makes a plain scalar mean something else or end early (the `yaml` package's own test). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** Plain scalars YAML 1.2's core schema reads as null, a boolean or a number, not as a string. */
const OTHER_TYPES = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** A document marker at the start of a line, as the `yaml` package finds one. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;

/** Characters only a double-quoted scalar can carry (escaped): C0 and C1 controls but tab and line feed, lone surrogates. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/** YAML's short escapes for what JSON writes as \uXXXX. */
const SHORT_ESCAPES: Record<string, string> = { '0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e' };

/** A string as a YAML value after `key: `: it reads back as the same string. */
export function yamlScalar(value: string): string {
  // The `yaml` package writes a block scalar here, which does not fit after `key: `; a fix never
  // has a line break in its value (titles and cells are one line), and a double-quoted one reads back right.
  if (value.includes('\n') || CONTROL.test(value)) return doubleQuoted(value);
  // Unicode spaces at the end (a no-break space) are lost from a plain scalar by the yaml parser: quoted, too.
  if (NOT_PLAIN.test(value) || /\s$/u.test(value)) return quoted(value);
  // A plain `---` or `...` at the start of a line (JavaScript's lines: U+2028 starts one) would end the document: an indented literal block.
  if (DOCUMENT_MARKER.test(value)) return `|-\n  ${value}`;
  return OTHER_TYPES.some((type) => type.test(value)) ? quoted(value) : value;
}

/** Single quotes for a value with a double quote and no single one (nothing to escape), else double. */
function quoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : doubleQuoted(value);
}

/** JSON's string syntax is YAML's double-quoted one; YAML writes \x01 where JSON writes \u0001. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/\\u(00[0-9a-f]{2})|\\./g, (escape, code: string | undefined) =>
    code === undefined ? escape : (SHORT_ESCAPES[code] ?? `\\x${code.slice(2)}`),
  );
}
