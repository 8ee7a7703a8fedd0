// Parsing in blocks gives exactly the tree one parse of the whole text gives
// (remark-parse + remark-frontmatter + remark-gfm, as qmslint used before),
// node for node and position for position: on the examples, the fixtures, a
// generated corpus, the large document, generated tricky documents, and after
// edits that reuse cached blocks.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { largeDocument, rng, writeCorpus } from '../../bench/corpus.mjs';
import { parseBlocks, RunCache, splitRuns, type ParsedRun } from '../../server/src/core/parse-blocks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const whole = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const reference = (text: string) => whole.parse(text) as Root;

function markdownUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      if (name === 'node_modules' || name.startsWith('.')) return [];
      return statSync(p).isDirectory() ? markdownUnder(p) : /\.(md|markdown)$/.test(name) ? [p] : [];
    });
}

/** Lines that make block parsing hard: fences, HTML blocks, lists, tables without pipes, definitions... */
const PIECES = [
  'Plain text line', 'Another line with *emphasis* and **strong**', '# Heading', '## Heading ##', 'Setext\n===', 'Setext\n---',
  '- item', '- item\n  continued', '1. one', '2) two', '* star', '+ plus', '10. ten', '   indented three', '    indented code', '\tTabbed',
  '```', '```js', '~~~', '````', '``` x ```', '> quote', '> quote\nlazy', '<!-- comment', '-->', '<!-- one line -->', '<div>', '</div>',
  '<script>', '</script>', '<?php', '?>', '<![CDATA[', ']]>', '<!DOCTYPE html>', '| a | b |', '|---|---|', '| 1 | 2 |', 'a | b', '--- | ---', ':-', '-:',
  '***', '___', '- - -', '[link](http://x.y)', 'www.example.com', 'mail@example.com', 'https://a.b/c', '~~strike~~', '[ ] task', '- [x] done',
  '[^1]', '[^1]: note', '[ref]: /url', '[ref]', 'text  ', 'text\\', '&amp; &nbsp;', '`code`', '``', '\\# escaped', '---', '+++',
  '<span>inline</span>', ' ```', '  ~~~~', '   <!--', '<pre>', '</pre>', '<style', '<textarea>', '    ```', '- ```', '> ```', '1. <!--',
  'x <!--', '<!-->', '<![CDATA[x]]>', '  code in item', '- a\n\n- b', '~~~ `x`', '``` `x`', '<DIV>', '</table>', '<custom-tag>', '| x |',
  '  | y |', '***bold italic***', '<http://auto.link>', 'foo@bar.baz', '[^n]', '| a | b |\n|---|---|\n| 1 | 2 |', '| a |\n|:-:|\n| b |', '|a|b|\n|-|-|\n|c|d|', '| a | b |\n| --- | --- |\n| x | y | z |', '| a | b |\n|---|---|\n| |  |', '| a | b |\n|---|---|\n| c |', '| h |\n|---|\n| ö |', '| a | b |\n|---|:--|', '|a\n|-', '| a | b |\n|---|---|\n| x |y|', '| a | b |\n|--|--|\n|  c  |  d  |\n| e | f |', '| a | b |\n| - | - |', '|  |  |\n|--|--|', 'Line ending with space ', 'A\tB tab', 'Word #', '## Head #', 'word\n    indented four', 'UPPER lower 123', '# 1', '#NoSpace', '####### seven', 'é accent', 'Plain words here', 'Plain words\nmore plain words', '## 5.1 Plain heading', 'x\n===', 'Two lines\n1. not a list?', 'Line\n# heading after', 'a\n- b', 'Ab\n\tcd', '![img](a.png)', '1. step\n\n   para in item', '-\n  empty item',
  '>', '#', '   - nested', '      deep', 'ISO 13485:2016 §4.2.4', '[[13485:7.3.2]]', '<!-- [13485:4.1.1,4.2.1c] -->', '\u00a0nbsp',
];

function trickyDocument(seed: number): string {
  const r = rng(seed);
  const lines: string[] = [];
  if (r.chance(0.3)) lines.push('---', 'id: X-1', r.chance(0.2) ? '' : 'a: b', '---');
  for (let i = r.int(1, 24); i > 0; i--) {
    lines.push(r.pick(PIECES));
    for (let b = r.int(0, 2); b > 0; b--) lines.push(r.chance(0.1) ? '  ' : '');
  }
  const eol = r.chance(0.15) ? '\r\n' : r.chance(0.05) ? '\r' : '\n';
  return lines.join('\n').replace(/\n/g, eol) + (r.chance(0.5) ? eol : '');
}

describe('parsing in blocks', () => {
  it.each([
    ['examples', 'examples'],
    ['planted fixtures', 'test/fixtures'],
    ['docs', 'docs'],
  ])('equals a whole parse on %s', (_, dir) => {
    const files = markdownUnder(path.join(REPO, dir));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(parseBlocks(text), f).toEqual(reference(text));
    }
  });

  it('equals a whole parse on a generated corpus', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-blocks-'));
    try {
      writeCorpus(dir, { docs: 40, seed: 11 });
      for (const f of markdownUnder(dir)) {
        const text = readFileSync(f, 'utf8');
        expect(parseBlocks(text), f).toEqual(reference(text));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('equals a whole parse on 3000 generated tricky documents', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = trickyDocument(seed);
      const got = JSON.stringify(parseBlocks(text));
      const want = JSON.stringify(reference(text));
      if (got !== want) expect({ seed, text, tree: parseBlocks(text) }).toEqual({ seed, text, tree: reference(text) });
    }
  });

  it('cuts an ordinary document into many runs that cover it exactly', () => {
    const text = readFileSync(path.join(REPO, 'examples/sops/sop-004-internal-audit.md'), 'utf8');
    const runs = splitRuns(text);
    expect(runs.length).toBeGreaterThan(10);
    expect(runs.map((r) => text.slice(r.start, r.end)).join('')).toBe(text);
    expect(runs[0].start).toBe(0);
    for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBe(runs[i - 1].end);
  });

  // Regression: a paragraph ending in spaces after an unclosed link ("[a](b ") looked
  // open at its end, so every run was parsed again with the next, quadratically:
  // 50 KB took 33 s, 200 KB would take many minutes. The timeout is a hang watchdog.
  it('parses paragraphs that end in spaces once each, as a whole parse does', () => {
    const text = ('[a](b '.repeat(100) + '\n\n').repeat(330);
    expect(splitRuns(text).length).toBe(330);
    expect(parseBlocks(text)).toEqual(reference(text));
  });

  it('parses a block left open across a blank line together with the next run', () => {
    const text = '- <!--\n\n' + 'Paragraph.\n\n'.repeat(20_000);
    expect(parseBlocks(text)).toEqual(reference(text));
  });

  it('keeps a document with reference definitions in one run', () => {
    expect(splitRuns('# A\n\nsee [x]\n\n[x]: /y\n')).toHaveLength(1);
  });

  it('finds the unchanged blocks where they stood after a keystroke, and by their text after a move', () => {
    const cache = new RunCache();
    const runsOf = (t: string) => {
      const out: ParsedRun[] = [];
      expect(JSON.stringify(parseBlocks(t, cache, out))).toBe(JSON.stringify(reference(t)));
      return out;
    };
    let text = largeDocument(3, 40_000);
    const before = runsOf(text);
    // One character typed halfway: every run but the one it lands in is the cached one, before and after it.
    const at = text.indexOf('. ', text.length >> 1) + 1;
    text = text.slice(0, at) + 'x' + text.slice(at);
    const after = runsOf(text);
    expect(after).toHaveLength(before.length);
    const fresh = after.filter((r, i) => r.nodes !== before[i].nodes);
    expect(fresh).toHaveLength(1);
    expect(fresh[0].start).toBeLessThanOrEqual(at);
    // The second half moved before the first: no run stands where it stood, each is found by its text.
    const cut = after[after.length >> 1].start;
    text = text.slice(cut) + text.slice(0, cut);
    const moved = runsOf(text);
    const cached = new Set(after.map((r) => r.nodes));
    expect(moved.filter((r) => !cached.has(r.nodes)).length).toBeLessThanOrEqual(3);
  });

  it('reuses unchanged blocks after an edit and still equals a whole parse', () => {
    const cache = new RunCache();
    let text = largeDocument(3, 40_000);
    expect(parseBlocks(text, cache)).toEqual(reference(text));
    const r = rng(5);
    for (let k = 0; k < 15; k++) {
      const at = r.int(0, text.length);
      const edit = r.pick(['x', '\n', '\n\n', '', '|', '```\n', '- ', '# ', '<!--']);
      text = r.chance(0.5) ? text.slice(0, at) + edit + text.slice(at) : text.slice(0, at) + text.slice(at + r.int(0, 40));
      expect(JSON.stringify(parseBlocks(text, cache))).toBe(JSON.stringify(reference(text)));
    }
  });
});
