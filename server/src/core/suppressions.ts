// Inline suppressions, in the style of markdownlint and ESLint:
//   <!-- qmslint-disable rule-a, rule-b -->  ...  <!-- qmslint-enable rule-a -->
//   <!-- qmslint-disable-next-line rule -->
//   <!-- qmslint-disable-line rule -->
//   <!-- qmslint-disable-file rule -->
// and, inside front matter, `# qmslint-disable-next-line rule`.
// No rule names means every rule.
import type { ParsedMarkdown } from './parse';
import { walk } from './mdast';

interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';
  rules: string[] | 'all';
  /** 1-based line of the comment. */
  line: number;
  /** 1-based line of the comment's end (next-line applies after it). */
  endLine: number;
}

export interface Suppressions {
  directives: Directive[];
}

const DIRECTIVE = /qmslint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*)/g;

function parseRules(rest: string): string[] | 'all' {
  const names = rest
    .replace(/-->.*$/, '')
    .split(/[\s,]+/)
    .filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
  return names.length ? names : 'all';
}

export function extractSuppressions(parsed: ParsedMarkdown): Suppressions {
  const directives: Directive[] = [];
  const { lines } = parsed;
  walk(parsed.tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode') return false;
    if (node.type !== 'html' || !node.value.includes('qmslint-')) return;
    const start = node.position!.start.offset!;
    for (const m of node.value.matchAll(DIRECTIVE)) {
      const line = lines.position(start + m.index!).line;
      const commentEnd = node.value.indexOf('-->', m.index!);
      const endLine = lines.position(start + (commentEnd >= 0 ? commentEnd : m.index!)).line;
      directives.push({ kind: m[1] as Directive['kind'], rules: parseRules(m[2]), line, endLine });
    }
  });
  const fm = parsed.frontMatter;
  if (fm) {
    const yamlComment = /#\s*qmslint-(disable-next-line|disable-line|disable-file)\b([^\n]*)/g;
    for (const m of fm.source.matchAll(yamlComment)) {
      const line = lines.position(fm.contentStart + m.index!).line;
      directives.push({ kind: m[1] as Directive['kind'], rules: parseRules(m[2]), line, endLine: line });
    }
  }
  directives.sort((a, b) => a.line - b.line);
  return { directives };
}

const applies = (d: Directive, rule: string) => d.rules === 'all' || d.rules.includes(rule);

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
