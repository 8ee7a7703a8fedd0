// Regressions found by the reliability work: inputs on which the engine took
// minutes or hours (backtracking regular expressions on long runs of one character,
// a parser that pairs marks or nests containers in quadratic time).
//
// No test here times anything (a loaded machine would fail it). Each case is linted
// by the bundled CLI under the hang guard (test/hang-guard.ts: minutes), and sized so
// the old behaviour would run far past it: the old backtracking on these inputs took
// hours, while the linear code takes a fraction of a second. Where the engine refuses
// an input (file-too-complex), the finding itself shows the parser was not run on it.
// The cases of a group share one CLI run, one file each, so the group costs one start.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/core/config';
import { lint } from '../../server/src/core/project';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, findings, lintFiles, TODAY } from '../helpers';
import { runCli } from '../run-cli';

interface Message {
  ruleId: string;
  message: string;
  line: number;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Lints each text as its own document (case-0.md, case-1.md...) in one CLI run, and
 * gives each case's findings. Ids are made unique so the documents do not see each other.
 */
function lintCases(texts: string[]): Message[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-hostile-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'docs'));
  texts.forEach((text, i) => writeFileSync(path.join(dir, 'docs', `case-${i}.md`), text.replace('id: SOP-001', `id: SOP-${100 + i}`)));
  const r = runCli(['docs', '--format', 'json', '--today', TODAY], { cwd: dir });
  expect(r.status, r.stderr).not.toBe(2);
  const byFile = new Map((JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[]).map((f) => [path.basename(f.filePath), f.messages]));
  return texts.map((_, i) => byFile.get(`case-${i}.md`) ?? []);
}

/** A group of cases, each checked on its own findings after the group's one run. */
function group(title: string, cases: [string, string][], check: (messages: Message[], text: string) => void): void {
  describe(title, () => {
    let results: Message[][];
    beforeAll(() => {
      results = lintCases(cases.map(([, text]) => text));
    });
    cases.forEach(([name, text], i) => it(name, () => check(results[i], text)));
  });
}

const rules = (messages: Message[]) => messages.map((m) => m.ruleId);
const withoutHistory = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));

group(
  'hostile values lint in linear time',
  [
    ['a `standard:` value of a million digits (the catalog lookup backtracked: 3.5 s at 16 000, hours at a million)', CLEAN_SOP.replace('type: SOP', `type: SOP\nstandard: "${'0'.repeat(1_000_000)}x"`)],
    // /\s+$/ tried from every space: 300 000 spaces took tens of seconds, 2 million take hours.
    ['a document without history whose text holds 2 million spaces in a row (revision-history-missing trimmed it with /\\s+$/)', `${withoutHistory}\n${' '.repeat(2_000_000)}x\n`],
    // [^>]*? from every `<a`: a million unclosed tags take hours.
    ['an HTML block of a million unclosed tags (link-broken read anchors with [^>]*?)', `${CLEAN_SOP}\n<div>\n${'<a '.repeat(1_000_000)}\n`],
  ],
  (messages, text) => {
    // Each is analysed, not refused: the document's own checks still run.
    expect(rules(messages)).not.toContain('file-too-complex');
    if (!text.includes('## Revision History')) expect(rules(messages)).toContain('revision-history-missing');
  },
);

// Which source a clause number belongs to (citations/context.ts) is looked up per number: the
// first version scanned the paragraph from its start for each one (8 000 numbers in one
// paragraph took 3 s, 200 000 would take half an hour) and compared every phrase with every
// designation.
group(
  'clause numbers and sources in one paragraph, read in linear time',
  [
    ['200 000 clause numbers in 100 000 sentences of one paragraph', `See section 1.1 and clause 4.1. `.repeat(100_000)],
    ['200 000 clause numbers in one sentence', `see section 1.1 and clause 4.1 `.repeat(100_000)],
    ['100 000 designations between 100 000 document phrases', 'ISO 9001 and the plan '.repeat(100_000) + 'section 1.1'],
  ].map(([name, body]) => [name, `${CLEAN_SOP}\n${body}\n`] as [string, string]),
  // Analysed, with nothing to report but the QMS's coverage gaps (on the first document).
  (messages) => expect(rules(messages).filter((r) => r !== 'coverage-gap')).toEqual([]),
);

// Nesting deeper than any document: the parser overflowed its stack or took minutes.
// The one finding shows the parser was not run on it.
group(
  'nesting deeper than any document (file-too-complex)',
  [
    ['10 000 block quotes on one line (the parser overflowed the stack: the lint threw)', `${CLEAN_SOP}\n${'> '.repeat(10_000)}x\n`],
    ['20 000 list items on one line (10 000 took the parser 380 s)', `${CLEAN_SOP}\n${'- '.repeat(20_000)}x\n`],
    ['10 000 ordered items and quotes mixed', `${CLEAN_SOP}\n${'1. > '.repeat(10_000)}x\n`],
    ['a block quote one level deeper on each of 2 000 lines', `${CLEAN_SOP}\n${Array.from({ length: 2_000 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')}`],
    ['1 000 list items each indented under the one before (the parser took minutes)', `${CLEAN_SOP}\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')}`],
    ['1 000 ordered items indented under a block quote', `${CLEAN_SOP}\n${Array.from({ length: 1_000 }, (_, i) => `>${' '.repeat(3 * i + 1)}1. x`).join('\n')}`],
  ],
  (messages) => expect(rules(messages)).toEqual(['file-too-complex']),
);

group(
  'nesting that documents do use is analysed',
  [
    ['a document nested 100 levels deep', `${CLEAN_SOP}\n${'> '.repeat(50)}${'- '.repeat(50)}x\n`],
    ['50 indented levels', `${CLEAN_SOP}\n${Array.from({ length: 50 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')}\n`],
  ],
  (messages) => expect(rules(messages)).not.toContain('file-too-complex'),
);

// The Markdown parser pairs emphasis and link marks by looking back over the
// others in the same paragraph: time grows with their square (20 000 `*a` in one
// paragraph 15 s, a few megabytes hours). Past the budget a file gets one finding,
// on the paragraph's first line; documents people write stay far below it.
group(
  'too many emphasis and link marks in one paragraph (file-too-complex)',
  [
    ['20 000 `*a` in one paragraph (15 s; a 5 MB paragraph would take hours)', '*a'.repeat(20_000)],
    ['20 000 `~a` in one paragraph', '~a'.repeat(20_000)],
    ['20 000 nested brackets', `${'['.repeat(20_000)}a${']'.repeat(20_000)}`],
    ['20 000 `[a](b ` unclosed links', '[a](b '.repeat(20_000)],
    ['a paragraph of 20 000 lines with marks', 'a *b* [c] _d_\n'.repeat(5_000)],
    ["marks in a list item's continuation lines", `- item\n${'  *a*a*a*a\n'.repeat(3_000)}`],
    ['a line that looks like a table row but is a paragraph', `|${'*a'.repeat(20_000)}|`],
    ['a table whose delimiter row has the wrong number of cells (a paragraph)', `| a | b |\n|---|\n${'| *a* | [b] |\n'.repeat(5_000)}`],
    ['a block quote after a table', `| a |\n|---|\n| b |\n> x\n${'*a*a*a*a\n'.repeat(3_000)}`],
    ['many paragraphs just under the budget each', `${'*a'.repeat(4_000)}\n\n`.repeat(10)],
  ].map(([name, body]) => [name, `${CLEAN_SOP}\n${body}\n`] as [string, string]),
  (messages) => {
    expect(rules(messages)).toEqual(['file-too-complex']);
    expect(messages[0].message).toMatch(/emphasis and link marks/);
    // It points at the paragraph, after the clean document's lines.
    expect(messages[0].line).toBeGreaterThan(CLEAN_SOP.split('\n').length);
  },
);

group(
  'ordinary marks in large numbers are analysed',
  [
    ['a table of 5 000 rows, each with a link and bold text', `| Id | Title |\n|---|---|\n${'| [SOP-001](sop-001.md) | **Control** of _records_ |\n'.repeat(5_000)}`],
    ['a list of 5 000 items with emphasis and links', '- *Step* [see](x.md) ~~old~~\n'.repeat(5_000)],
    ['fenced JSON with 40 000 brackets', `\`\`\`json\n${'[1, [2]],\n'.repeat(10_000)}\`\`\`\n`],
    ['1 000 paragraphs of ordinary emphasis and links', 'The *owner* reviews [SOP-002](b.md) and **signs** it.\n\n'.repeat(1_000)],
  ].map(([name, body]) => [name, `${CLEAN_SOP}\n${body}\n`] as [string, string]),
  (messages) => expect(rules(messages)).not.toContain('file-too-complex'),
);

// What the citation and standard-mention patterns would choke on if they backtracked
// (each pattern is also proven free of polynomial backtracking by test/reliability/redos.test.ts).
group(
  'citations and standard mentions in hostile text',
  [
    ['section signs', '§'.repeat(20000)],
    ['dotted digits', '1.'.repeat(20000)],
    ['digits', '9'.repeat(20000)],
    ['spaces before §', ' '.repeat(20000) + '§ 7.3'],
    ['designations', 'ISO 13485:2016 '.repeat(5000) + 'x'],
    ['publishers', 'ISO '.repeat(5000)],
    ['open wikilinks', '[[13485:'.repeat(5000)],
    ['open comments', '<!-- ['.repeat(20000)],
    ['a long list', 'clause 7.3, '.repeat(5000)],
    ['separators', 'clause 7.3' + ', ,'.repeat(5000)],
    ['a long table', '| ISO 13485 Clause | x |\n|---|---|\n' + '| 7.3, 7.4 | y |\n'.repeat(2000)],
    ['CFR designations', '21 CFR Part '.repeat(5000)],
    ['adoptions', 'DIN EN '.repeat(5000) + 'ISO'],
  ].map(([name, body]) => [name, `${CLEAN_SOP}\n${body}\n`] as [string, string]),
  // Linted to the end, with the clean document's front matter still read.
  (messages) => expect(rules(messages)).not.toContain('front-matter-missing'),
);

describe('the size limit is configurable', () => {
  it('maxFileSize in .qmslint.yaml (megabytes) gives a larger file one file-too-large finding', async () => {
    const big = `${CLEAN_SOP}\n${'Words of the procedure. '.repeat(3_000)}\n`;
    const files = { '.qmslint.yaml': 'maxFileSize: 0.05\n', 'sop.md': big, 'small.md': CLEAN_SOP.replace('SOP-001', 'SOP-002') };
    const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])));
    const result = await lint({ workspace, files: ['/ws/sop.md', '/ws/small.md'], root: '/ws', today: TODAY });
    expect(findings(result, 'sop.md').map((f) => f.ruleId)).toEqual(['file-too-large']);
    expect(findings(result, 'sop.md')[0].message).toMatch(/0\.05 MB/);
    expect(findings(result, 'sop.md')[0].detail).toMatch(/maxFileSize/);
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
