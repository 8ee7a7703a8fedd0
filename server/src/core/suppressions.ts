// Inline suppressions, in the style of markdownlint and ESLint:
//   <!-- qmslint-disable rule-a, rule-b -->  ...  <!-- qmslint-enable rule-a -->
//   <!-- qmslint-disable-next-line rule -->
//   <!-- qmslint-disable-line rule -->
//   <!-- qmslint-disable-file rule -->
//   <!-- qmslint-disable-next-line rule -- why it does not apply here -->
// and, inside front matter, `# qmslint-disable-next-line rule`.
// No rule names means every rule. A name that is no rule matches nothing, and
// the engine reports it (suppression-names.ts).
import type { ParsedMarkdown } from './parse';
import { walk } from './mdast';

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';
  /** The rule names as written (none: every rule), each with its offset in the text without BOM, so a name that is no rule can be shown where it is. */
  names: { name: string; start: number }[];
  /** 1-based line of the comment. */
  line: number;
  /** 1-based line of the comment's end (next-line applies after it). */
  endLine: number;
}

export interface Suppressions {
  directives: Directive[];
}

const DIRECTIVE = /qmslint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*)/g;

/**
 * The names in a directive's list (the text after its kind), with their
 * offsets in that text. Every word counts, whatever its spelling: a misspelt
 * name must not turn the directive into one for every rule. As in ESLint, a
 * reason may follow two or more dashes (`link-broken -- the target is external`):
 * it is for readers, not names.
 */
export function directiveNames(list: string): { name: string; index: number }[] {
  const commentEnd = list.indexOf('-->');
  let names = commentEnd >= 0 ? list.slice(0, commentEnd) : list;
  const reason = /(?:^|\s)-{2,}(?:\s|$)/.exec(names);
  if (reason) names = names.slice(0, reason.index);
  return [...names.matchAll(/[^\s,]+/g)].map((m) => ({ name: m[0], index: m.index! }));
}

function directive(kind: string, list: string, listStart: number, line: number, endLine: number): Directive {
  const names = directiveNames(list).map((n) => ({ name: n.name, start: listStart + n.index }));
  return { kind: kind as Directive['kind'], names, line, endLine };
}

export function extractSuppressions(parsed: ParsedMarkdown): Suppressions {
  const directives: Directive[] = [];
  const { lines, text } = parsed;
  // A directive's comment holds "qmslint-" verbatim in the text: without it there is no tree to
  // walk (this runs on every keystroke, and walking a 2 MB manual's tree is most of its cost).
  if (text.includes('qmslint-')) walk(parsed.tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode') return false;
    if (node.type !== 'html' || !node.value.includes('qmslint-')) return;
    const nodeStart = node.position!.start.offset!;
    // A node's value lacks the container marks (`> `, list indents) of its later lines, so
    // each directive is found again in the node's own text, where it stands verbatim.
    const source = text.slice(nodeStart, node.position!.end.offset!);
    let from = 0;
    for (const m of node.value.matchAll(DIRECTIVE)) {
      const found = source.indexOf(m[0], from);
      const at = found >= 0 ? found : m.index!;
      from = at + m[0].length;
      const commentEnd = source.indexOf('-->', at);
      const line = lines.position(nodeStart + at).line;
      const endLine = commentEnd >= 0 ? lines.position(nodeStart + commentEnd).line : line;
      directives.push(directive(m[1], m[2], nodeStart + at + 'qmslint-'.length + m[1].length, line, endLine));
    }
  });
  const fm = parsed.frontMatter;
  if (fm) {
    const yamlComment = /#\s*qmslint-(disable-next-line|disable-line|disable-file)\b([^\n]*)/g;
    for (const m of fm.source.matchAll(yamlComment)) {
      const at = fm.contentStart + m.index!;
      const line = lines.position(at).line;
      directives.push(directive(m[1], m[2], at + m[0].length - m[2].length, line, line));
    }
  }
  directives.sort((a, b) => a.line - b.line);
  return { directives };
}

const applies = (d: Directive, rule: string) => d.names.length === 0 || d.names.some((n) => n.name === rule);

/** Whether a finding of `rule` starting on `line` (1-based) is suppressed. */
export function isSuppressed(s: Suppressions, rule: string, line: number): boolean {
  let disabled = false;
  for (const d of s.directives) {
    if (!applies(d, rule)) continue;
    switch (d.kind) {
      case 'disable-file':
        return true;
      case 'disable-line':
        if (d.line === line) return true;
        break;
      case 'disable-next-line':
        if (d.endLine + 1 === line) return true;
        break;
      case 'disable':
        if (d.line <= line) disabled = true;
        break;
      case 'enable':
        if (d.line <= line) disabled = false;
        break;
    }
  }
  return disabled;
}
