// Regressions found by the reliability work: inputs on which the engine took
// minutes (backtracking regular expressions on long runs of one character).
// Each must lint in a fraction of the time a CI job or an editor can wait.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, findings, lintFiles, TODAY } from '../helpers';

/** Lints one document and returns the time it took, in ms. */
async function timed(text: string): Promise<{ ms: number; rules: string[] }> {
  const start = performance.now();
  const result = await lintFiles({ 'sop.md': text });
  return { ms: performance.now() - start, rules: findings(result, 'sop.md').map((f) => f.ruleId) };
}

const withoutHistory = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));

describe('hostile values lint in linear time', () => {
  it('a `standard:` value of a million digits (the catalog lookup backtracked: 3.5 s at 16 000, hours at a million)', async () => {
    const { ms } = await timed(CLEAN_SOP.replace('type: SOP', `type: SOP\nstandard: "${'0'.repeat(1_000_000)}x"`));
    expect(ms).toBeLessThan(15_000);
  });

  it('a document without history whose text holds a long run of white space (revision-history-missing trimmed it with /\\s+$/)', async () => {
    const { ms, rules } = await timed(`${withoutHistory}\n${' '.repeat(300_000)}x\n`);
    expect(rules).toContain('revision-history-missing');
    expect(ms).toBeLessThan(15_000);
  });

  it('an HTML block full of unclosed tags (link-broken read anchors with [^>]*?)', async () => {
    const { ms } = await timed(`${CLEAN_SOP}\n<div>\n${'<a '.repeat(200_000)}\n`);
    expect(ms).toBeLessThan(15_000);
  });
});

describe('nesting deeper than any document (file-too-complex)', () => {
  const cases: [string, string][] = [
    ['10 000 block quotes on one line (the parser overflowed the stack: the lint threw)', `${'> '.repeat(10_000)}x\n`],
    ['10 000 list items on one line (the parser took 380 s)', `${'- '.repeat(10_000)}x\n`],
    ['10 000 ordered items and quotes mixed', `${'1. > '.repeat(5_000)}x\n`],
    ['a block quote one level deeper on each of 2 000 lines', Array.from({ length: 2_000 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')],
    ['1 000 list items each indented under the one before (the parser took minutes)', Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')],
    ['1 000 ordered items indented under a block quote', Array.from({ length: 1_000 }, (_, i) => `>${' '.repeat(3 * i + 1)}1. x`).join('\n')],
  ];
  for (const [name, body] of cases) {
    it(name, async () => {
      const { ms, rules } = await timed(`${CLEAN_SOP}\n${body}`);
      expect(rules).toEqual(['file-too-complex']);
      expect(ms).toBeLessThan(5_000);
    });
  }

  it('still analyses a document nested 100 levels deep, or 50 indented levels', async () => {
    expect((await timed(`${CLEAN_SOP}\n${'> '.repeat(50)}${'- '.repeat(50)}x\n`)).rules).not.toContain('file-too-complex');
    const indented = Array.from({ length: 50 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n');
    expect((await timed(`${CLEAN_SOP}\n${indented}\n`)).rules).not.toContain('file-too-complex');
  });
});

// The Markdown parser pairs emphasis and link marks by looking back over the
// others in the same paragraph: time grows with their square (20 000 `*a` in one
// paragraph 15 s, a few megabytes hours). Past the budget a file gets one finding,
// on the paragraph's first line; documents people write stay far below it.
describe('too many emphasis and link marks in one paragraph (file-too-complex)', () => {
  const cases: [string, string][] = [
    ['20 000 `*a` in one paragraph (15 s; a 5 MB paragraph would take hours)', '*a'.repeat(20_000)],
    ['20 000 `~a` in one paragraph', '~a'.repeat(20_000)],
    ['20 000 nested brackets', `${'['.repeat(20_000)}a${']'.repeat(20_000)}`],
    ['20 000 `[a](b ` unclosed links', '[a](b '.repeat(20_000)],
    ['a paragraph of 20 000 lines with marks', 'a *b* [c] _d_\n'.repeat(5_000)],
    ['marks in a list item\'s continuation lines', `- item\n${'  *a*a*a*a\n'.repeat(3_000)}`],
    ['a line that looks like a table row but is a paragraph', `|${'*a'.repeat(20_000)}|`],
    ['a table whose delimiter row has the wrong number of cells (a paragraph)', `| a | b |\n|---|\n${'| *a* | [b] |\n'.repeat(5_000)}`],
    ['a block quote after a table', `| a |\n|---|\n| b |\n> x\n${'*a*a*a*a\n'.repeat(3_000)}`],
    ['many paragraphs just under the budget each', `${'*a'.repeat(4_000)}\n\n`.repeat(10)],
  ];
  for (const [name, body] of cases) {
    it(name, async () => {
      const text = `${CLEAN_SOP}\n${body}\n`;
      const all = findings(await lintFiles({ 'sop.md': text }), 'sop.md');
      expect(all.map((f) => f.ruleId)).toEqual(['file-too-complex']);
      expect(all[0].message).toMatch(/emphasis and link marks/);
      // It points at the paragraph, after the clean document's lines.
      expect(all[0].line).toBeGreaterThan(CLEAN_SOP.split('\n').length);
    }, 60_000);
  }

  const fine: [string, string][] = [
    ['a table of 5 000 rows, each with a link and bold text', `| Id | Title |\n|---|---|\n${'| [SOP-001](sop-001.md) | **Control** of _records_ |\n'.repeat(5_000)}`],
    ['a list of 5 000 items with emphasis and links', '- *Step* [see](x.md) ~~old~~\n'.repeat(5_000)],
    ['fenced JSON with 40 000 brackets', `\`\`\`json\n${'[1, [2]],\n'.repeat(10_000)}\`\`\`\n`],
    ['1 000 paragraphs of ordinary emphasis and links', 'The *owner* reviews [SOP-002](b.md) and **signs** it.\n\n'.repeat(1_000)],
  ];
  for (const [name, body] of fine) {
    it(`still analyses ${name}`, async () => {
      const rules = findings(await lintFiles({ 'sop.md': `${CLEAN_SOP}\n${body}\n` }), 'sop.md').map((f) => f.ruleId);
      expect(rules).not.toContain('file-too-complex');
    }, 120_000);
  }
});

describe('the size limit is configurable', () => {
  it('maxFileSize in .qmslint.yaml (megabytes) gives a larger file one file-too-large finding', async () => {
    const big = `${CLEAN_SOP}\n${'Words of the procedure. '.repeat(3_000)}\n`;
    const files = { '.qmslint.yaml': 'maxFileSize: 0.05\n', 'sop.md': big, 'small.md': CLEAN_SOP.replace('SOP-001', 'SOP-002') };
    const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])));
    const result = await lint({ workspace, files: ['/ws/sop.md', '/ws/small.md'], root: '/ws', today: TODAY });
    expect(findings(result, 'sop.md').map((f) => f.ruleId)).toEqual(['file-too-large']);
    expect(findings(result, 'sop.md')[0].message).toMatch(/0\.05 MB.*maxFileSize/);
    expect(findings(result, 'small.md').map((f) => f.ruleId)).not.toContain('file-too-large');
  });

  it('refuses a limit that is not a positive number, naming the key', () => {
    expect(() => parseConfig('maxFileSize: 0\n', '/ws/.qmslint.yaml')).toThrow(/maxFileSize/);
    expect(() => parseConfig('maxFileSize: "big"\n', '/ws/.qmslint.yaml')).toThrow(/maxFileSize/);
  });
});

describe('line endings', () => {
  it('front matter with CR line endings: every range stays inside the text (its offsets started at the next LF, past the end)', async () => {
    const text = '---\rid: SOP-001\rtitle: [unclosed\r---\r# T\r\n\nbody\n';
    const result = await lintFiles({ 'sop.md': text });
    const all = findings(result, 'sop.md');
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) expect(f.range.end, f.ruleId).toBeLessThanOrEqual(text.length);
    const syntax = all.filter((f) => f.ruleId === 'front-matter-syntax');
    expect(syntax.length).toBeGreaterThan(0);
    for (const f of syntax) expect(f.range.start).toBeGreaterThanOrEqual(4); // inside the YAML, after `---\r`
  });
});
