// The text of a new controlled document: a type's snippet from
// snippets/markdown.code-snippets with what is already known filled in. Pure
// functions (no vscode import), so plain unit tests check every type lints clean.
import { yamlScalar } from '../../server/src/shared/yaml-scalar';
import type { NewDocumentResponse, NewDocumentType } from '../../server/src/protocol/new-document';

/** A title as a YAML value, written as qmslint's fixes write front-matter values (one definition for both). */
export { yamlScalar };

export type Snippets = Record<string, { prefix?: string | string[]; description?: string; body: string | string[] }>;

/** The snippet each type starts from; other types use the SOP skeleton. */
export const SNIPPET_OF: Record<string, string> = { SOP: 'SOP skeleton', WI: 'Work instruction', FRM: 'Form', REC: 'Record' };

/** Snippet syntax treats `$`, `}` and `\` specially; plain text must escape them. */
export const escapeSnippet = (s: string): string => s.replace(/[$}\\]/g, '\\$&');

/**
 * The type's snippet with what is known filled in: tab stop 1 (id) and 2
 * (title) become text, the type, date, standard, first clause, history
 * heading and front-matter key names become this folder's.
 */
export function documentSnippet(
  snippets: Snippets,
  info: Pick<NewDocumentResponse, 'today' | 'clause' | 'standardTitle' | 'historyHeading' | 'keys'>,
  type: Pick<NewDocumentType, 'type' | 'nextId'>,
  title: string,
): string {
  const snippet = snippets[SNIPPET_OF[type.type] ?? SNIPPET_OF.SOP];
  let body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  // Replacement functions, not strings: a title may contain `$&` or `$1`.
  const text = (value: string) => () => escapeSnippet(value);
  body = body
    .replace(/\$\{1:[^}]*\}/g, text(type.nextId))
    .replace(/\$\{2:[^}]*\}/g, text(yamlScalar(title)))
    .replace(/\$\{2\}|\$2\b/g, text(title))
    .replace(/\$\{CURRENT_YEAR\}-\$\{CURRENT_MONTH\}-\$\{CURRENT_DATE\}/g, text(info.today))
    .replace(/\$\{4:[^}]*\}/g, () => `\${4:${escapeSnippet(info.clause)}}`)
    .replace(/ISO 13485:2016 §/g, () => `${escapeSnippet(info.standardTitle)} §`)
    .replace(/^## Revision History$/m, () => `## ${escapeSnippet(info.historyHeading)}`);
  // Front matter: this type, and the key names the folder's configuration uses.
  const end = body.indexOf('\n---', 4);
  const front = body
    .slice(0, end)
    .replace(/^type: .*$/m, () => `type: ${escapeSnippet(type.type)}`)
    .replace(/^([a-z_]+):/gm, (all, key: string) => (info.keys[key] && info.keys[key] !== key ? `${escapeSnippet(info.keys[key])}:` : all));
  return front + body.slice(end) + (body.endsWith('\n') ? '' : '\n');
}

/** `SOP-011 Design Control` -> `sop-011-design-control`, as the example QMS names its files. */
export function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'document'
  );
}

