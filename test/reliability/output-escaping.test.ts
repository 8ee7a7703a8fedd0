// Issue 14, point 9: what the text outputs print from a hostile repository.
// A file name or a front-matter value holding a line break and a GitHub
// workflow command must not start a line of our output with that command (the
// runner would obey it); terminal escapes (ESC, OSC, C1) from names and values
// are shown escaped; and in `review`, a file named `a\n<!--.md` must not open
// an HTML comment that hides the rows and blocking findings after it.
import { rmSync } from 'node:fs';
import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const TODAY = ['--today', '2026-11-26'];
// Raw control characters a terminal acts on: C0 but tab, DEL, and C1 (CSI is U+009B).
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const WORKFLOW_COMMAND = /^\s*::/m;
// YAML double-quoted scalars spell ESC as \e and BEL as \a: a front-matter value can carry them.
const FRONT = (id: string, title: string, status: string) =>
  ['---', `id: "${id}"`, `title: "${title}"`, 'type: SOP', 'revision: A', `status: "${status}"`, 'clauses: ["4.2.4"]', '---', '', '# Heading', ''].join('\n');
const HOSTILE_DOC = FRONT('SOP-1\\n::error::from-id \\e]0;owned-id\\a', 'T \\e]0;owned-title\\a \\e[31mred\\n::stop-commands::tok', 'draft\\n::error::from-status \\x9b31m');
const HOSTILE_NAME = 'sops/a\n::error file=x::inj \u001b]0;owned-name\u0007.md';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeTempRepos();
});

function workspace(files: Record<string, string>): string {
  const dir = tempWorkspace(files, 'qmslint-out-escape-');
  dirs.push(dir);
  return dir;
}

describe('text outputs escape names and values from the repository', () => {
  const dir = workspace({ [HOSTILE_NAME]: HOSTILE_DOC });

  it('stylish (with its coverage summary): no workflow command starts a line, no terminal escape reaches the terminal', () => {
    const r = runCli(['.', ...TODAY], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).not.toMatch(WORKFLOW_COMMAND);
    expect(r.stdout).not.toMatch(CONTROL_BUT_NEWLINE);
    // Shown, not dropped: the reader sees what the name and the values hold.
    expect(r.stdout).toContain('sops/a\\n::error file=x::inj \\u001b]0;owned-name\\u0007.md');
    expect(r.stdout).toContain('SOP-1\\n::error::from-id \\u001b]0;owned-id\\u0007');
    expect(r.stdout).toContain('draft\\n::error::from-status \\u009b31m');
  });

  it('stylish in colour: only our own colour codes', () => {
    const r = runCli(['.', ...TODAY], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\u001b[31m');
    // Every ESC is one of ours: a select-graphic-rendition code, never an OSC or a foreign one.
    expect(r.stdout.replace(/\u001b\[(0|1|2|4|31|32|33|34)m/g, '')).not.toMatch(CONTROL_BUT_NEWLINE);
  });

  it('coverage Markdown: titles and names escaped, no workflow command at the start of a line', () => {
    const r = runCli(['coverage', '.', '--format', 'markdown', ...TODAY], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL_BUT_NEWLINE);
    expect(r.stdout).not.toMatch(WORKFLOW_COMMAND);
    // As a reader sees it, with Markdown's backslash escapes resolved.
    const shown = r.stdout.replace(/\\([\\`*_[\]<>!|~&$])/g, '$1');
    expect(shown).toContain('\\u001b]0;owned-title\\u0007');
    // Coverage Markdown has always put a line break in a cell as a space.
    expect(shown).toContain('a ::error file=x::inj \\u001b]0;owned-name\\u0007.md');
  });

  it('standard error carries no raw control characters either', () => {
    const r = runCli(['.', ...TODAY], { cwd: dir });
    expect(r.stderr).not.toMatch(CONTROL);
  });
});

describe('error messages quoting the repository', () => {
  it('show the quoted value escaped on standard error (a runner reads workflow commands there too)', () => {
    const dir = workspace({ '.qmslint.yaml': 'standard: "x\\n::error::from-config \\e]0;owned\\a"\n', 'a.md': HOSTILE_DOC });
    const r = runCli(['.', ...TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown standard "x\\n::error::from-config \\u001b]0;owned\\u0007"');
    expect(r.stderr).not.toMatch(WORKFLOW_COMMAND);
    expect(r.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
  });
});

describe('review: a hostile file name hides nothing', () => {
  const plain = (id: string) => FRONT(id, 'Plain', 'draft');
  const repo = TempRepo.create({ '.qmslint.yaml': 'standards: [iso13485:2016]\n', 'sops/base.md': plain('SOP-100') });
  repo.branch('change');
  repo.write({
    'sops/a\n<!--.md': FRONT('SOP-2', 'Opens a comment <!-- \\e]0;owned\\a', 'draft\\n::error::from-status'),
    'sops/b`x`\n::error::n.md': plain('SOP-3'),
    'sops/z-last.md': plain('SOP-4'),
  });
  repo.commit('Hostile names');
  const r = repo.run('review', '--base', 'main', ...TODAY);

  function nodes(tree: Root | RootContent): RootContent[] {
    const kids = 'children' in tree ? (tree.children as RootContent[]) : [];
    return [...kids, ...kids.flatMap(nodes)];
  }

  it('renders every changed document as a row and every blocking finding as an item', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const tree = fromMarkdown(r.stdout, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
    const all = nodes(tree);
    // Our own line breaks in cells are the only HTML.
    expect(all.filter((n) => n.type === 'html' && n.value !== '<br>')).toEqual([]);
    const rows = all.filter((n) => n.type === 'tableRow');
    // The header and the three documents, the last one included.
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(rows[3])).toContain('z-last.md');
    const items = all.filter((n) => n.type === 'listItem').map((n) => JSON.stringify(n));
    expect(items.some((i) => i.includes('z-last.md'))).toBe(true);
  });

  it('puts no workflow command and no terminal escape in the comment', () => {
    expect(r.stdout).not.toMatch(WORKFLOW_COMMAND);
    expect(r.stdout).not.toMatch(CONTROL_BUT_NEWLINE);
    expect(r.stdout).toContain('a\\n<!--.md');
  });
});
