// The property classes of the fuzz suite. This file runs in a worker thread
// (bundled by fuzz.test.ts with esbuild), so the test can stop it when a case
// hangs: before each case it posts a heartbeat, and a watchdog in the test
// terminates the worker when none comes for a long time.
//
// Every class checks the same things of each input: lint resolves (a broken
// configuration may reject with its ConfigError: that is how it is reported),
// no rule fails, every finding's range lies inside its file and its line and
// column are those of the range, every fix's edits lie inside the file and do
// not overlap, and nothing in a document reaches Object.prototype.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { ConfigError } from '../../server/src/core/config';
import { lint, type LintResult } from '../../server/src/core/project';
import { PackError } from '../../server/src/core/catalog-cache';
import { fixDocuments } from '../../server/src/core/fix-files';
import { applicableFixes, applyEdits, fixProblem } from '../../server/src/core/fixes';
import { LineIndex } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { decodeText, MemoryWorkspace } from '../../server/src/core/workspace';

export interface WorkerInput {
  repo: string;
  cls: string;
  seed: number;
  numRuns: number;
}

export type WorkerMessage =
  | { type: 'case'; n: number; size: number; sample: string }
  | { type: 'done'; ran: number; failed: boolean; message?: string; counterexample?: string; largest: number; slowestMs: number };

const TODAY = '2026-11-26';

// ---- the corpus: the examples and the fixtures -----------------------------------

function corpus(repo: string): string[] {
  const out: string[] = [];
  for (const dir of ['examples', 'test/fixtures/planted', 'test/fixtures/cli']) {
    const root = path.join(repo, dir);
    for (const name of readdirSync(root, { recursive: true }) as string[]) {
      if (name.endsWith('.md')) out.push(decodeText(readFileSync(path.join(root, name))));
    }
  }
  return out;
}

// ---- the invariants -------------------------------------------------------------------

class Broken extends Error {}

function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Broken(message());
}

/** Lints files given as {name: text} under /ws; undefined when a configuration was rejected (its designed report). */
async function lintAll(files: Record<string, string>): Promise<LintResult | undefined> {
  const workspace = new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])));
  const md = Object.keys(files)
    .filter((p) => p.endsWith('.md'))
    .map((p) => `/ws/${p}`);
  try {
    return await lint({ workspace, files: md, root: '/ws', today: TODAY });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PackError) return undefined;
    throw e;
  }
}

function checkFinding(text: string, lines: LineIndex, f: Finding): void {
  const where = () => `${f.ruleId} ${JSON.stringify(f.range)} in a text of ${text.length}`;
  check(typeof f.message === 'string' && f.message.length > 0, () => `${f.ruleId}: empty message`);
  check(!/failed on this file/.test(f.message), () => `a rule threw: ${f.message}`);
  const { start, end } = f.range;
  check(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, () => `range outside the file: ${where()}`);
  // Lines and columns are the editor's: of the text without its BOM.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const s = lines.position(Math.max(0, start - bom));
  const e = lines.position(Math.max(0, end - bom));
  check(s.line === f.line && s.column === f.column && e.line === f.endLine && e.column === f.endColumn, () => `line/column do not match the range: ${where()} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn}, expected ${s.line}:${s.column}-${e.line}:${e.column}`);
  if (f.fix) {
    check(f.fix.edits.length > 0, () => `${f.ruleId}: a fix without edits`);
    const problem = fixProblem(text, f.fix.edits);
    check(problem === undefined, () => `${f.ruleId}: fix "${f.fix!.title}": ${problem}`);
  }
}

async function lintChecked(files: Record<string, string>): Promise<LintResult | undefined> {
  const result = await lintAll(files);
  check(({} as Record<string, unknown>).polluted === undefined, () => 'Object.prototype was polluted');
  if (!result) return undefined;
  for (const file of result.files) {
    const name = file.path.slice('/ws/'.length);
    check(name in files || /\.qmslint\.(ya?ml|json)$/.test(name), () => `a result for a file that was not linted: ${file.path}`);
    const lines = new LineIndex(file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text);
    for (const f of file.findings) checkFinding(file.text, lines, f);
  }
  return result;
}

// ---- generators -------------------------------------------------------------------------

const word = fc.constantFrom(
  'Control', 'of', 'Documents', 'the', 'SOP-001', 'SOP-002', 'WI-7', 'ISO 13485:2016', '§7.3', 'clause 4.2.4', '21 CFR 820.10(c)',
  'ISO 9001:2015 8.5.2', 'IEC 62304:2006+A1:2015', '<enter owner>', '[Name]', 'TBD', 'YYYY-MM-DD', 'XXX', '2026-02-10', 'x.x',
  '[link](other.md#purpose)', '[[13485:7.3.2]]', '<br>', '**bold**', '_it_', '`code`', '&amp;', '\\<', 'www.example.com',
);
const text = fc.oneof(fc.array(word, { maxLength: 12 }).map((w) => w.join(' ')), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const scalar = fc.oneof(
  text,
  fc.constantFrom('SOP-001', 'C', '1.10', 'effective', 'draft', 'obsolete', '2026-03-01', 'iso13485:2016', '21cfr820', '~', 'null', '[]', '{}', "''", '"', '*a', '&a x', '!!js/function "x"'),
);
const fieldLine = fc.oneof(
  fc.tuple(fc.constantFrom('id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner', 'standard', 'next_review', 'review_period_months', 'superseded_by'), scalar).map(([k, v]) => `${k}: ${v}`),
  fc.array(scalar, { maxLength: 4 }).map((v) => `clauses: [${v.join(', ')}]`),
  fc.array(scalar, { maxLength: 3 }).map((v) => `references: [${v.join(', ')}]`),
  fc.array(fc.tuple(fc.constantFrom('author', 'reviewer', 'approver', 'qa', ''), scalar, scalar), { maxLength: 3 }).map(
    (a) => `approvals:\n${a.map(([r, n, d]) => `  - {role: ${r}, name: ${n}, date: ${d}}`).join('\n')}`,
  ),
  fc.constantFrom('# qmslint-disable-next-line field-placeholder', 'a: &x [1, 2]', 'b: *x', '<<: {c: 1}', '__proto__: {polluted: 1}', '? complex\n: key', '- not a map'),
);
const cells = (n: number) => fc.array(text.map((t) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ')), { minLength: n, maxLength: n });
const table = fc.integer({ min: 1, max: 6 }).chain((cols) =>
  fc.tuple(
    fc.oneof(fc.constant(['Revision', 'Date', 'Author', 'Description'].slice(0, cols).concat(Array(Math.max(0, cols - 4)).fill('X'))), cells(cols)),
    fc.array(cells(cols), { maxLength: 5 }),
  ).map(([head, rows]) => [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n')),
);
const block = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.oneof(text, fc.constantFrom('Revision History', 'Purpose', 'SOP-004 Internal Audit', 'Change History')))
    .map(([d, t]) => `${'#'.repeat(d)} ${t}`),
  { weight: 2, arbitrary: table },
  fc.array(text, { minLength: 1, maxLength: 4 }).map((items) => items.map((t, i) => `${i % 2 ? '1.' : '-'} ${t}`).join('\n')),
  fc.array(text, { maxLength: 3 }).map((l) => `> ${l.join('\n> ')}`),
  text.map((t) => `\`\`\`\n${t}\n\`\`\``),
  fc.constantFrom(
    '<!-- qmslint-disable-line clause-unknown -->', '<!-- qmslint-disable-file -->', '<!-- [13485:4.1.1,4.2.1c] -->', '<!-- qmslint-disable',
    '<a id="x" name=y>', '[ref]: other.md "t"', '---', '***', '| a |', '```', '<div>\n\n</div>',
  ),
);
const frontMatter = fc.array(fieldLine, { maxLength: 14 }).map((lines) => `---\n${lines.join('\n')}\n---\n`);
const document = fc
  .tuple(fc.option(frontMatter, { nil: '' }), fc.array(block, { maxLength: 12 }), fc.constantFrom('\n\n', '\n'))
  .map(([fm, blocks, sep]) => fm + blocks.join(sep) + '\n');

/** One of the corpus texts, or a generated document. */
const source = (docs: string[]) => fc.oneof(fc.constantFrom(...docs), document);

const SNIPPETS = [
  '---', '---\n', '...\n', '```', '~~~', '\n```\n', '|', '| --- |', '> ', '- ', '1. ', '<!--', '-->', '[', ']', '(', ')', '**', '__', '\n', '\r\n', '\r', '\t',
  '\u0000', '\ufeff', '\ud800', '\udfff', '\u2028', ':', ': ', '&', '#', '# ', '\\', '<', '>', '"', "'", '{', '}', '*', '&a', '*a', '!!binary',
];
const mutation = fc.oneof(
  fc.tuple(fc.constant('insert' as const), fc.nat(), fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }))),
  fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 200 }).map(String)),
  fc.tuple(fc.constant('duplicate' as const), fc.nat(), fc.integer({ min: 1, max: 400 }).map(String)),
);
function mutate(doc: string, ops: [string, number, string][]): string {
  let s = doc;
  for (const [op, at, arg] of ops) {
    const i = s.length ? at % (s.length + 1) : 0;
    if (op === 'insert') s = s.slice(0, i) + arg + s.slice(i);
    else if (op === 'delete') s = s.slice(0, i) + s.slice(i + Number(arg));
    else s = s.slice(0, i) + s.slice(i, i + Number(arg)) + s.slice(i);
  }
  return s;
}

const CONFIG_LINES = [
  'standard: iso9001:2015', 'standard: 21cfr820', 'standards: [iso9001:2015]', 'documents: ["**/*.md"]', 'ignore: ["d1/**"]', 'idPattern: "^[A-Z]+-\\d+$"',
  'idPattern: "("', 'rules: {review-overdue: error, link-broken: off}', 'packs: [../outside.yaml]', 'packs: [missing.yaml]', 'historyHeadings: [Change Log]',
  'reviewPeriodMonths: 12', 'types: {SOP: {approvals: [author, approver]}}', 'fields: {owner: [process_owner]}', 'approvalRoles: [author, qa]',
];

/** `n` copies of something, one after another. */
const times = (n: number, s: string) => s.repeat(n);

// ---- the classes -------------------------------------------------------------------------

type Check = (input: Record<string, string>) => Promise<void>;
interface Class {
  arbitrary: fc.Arbitrary<Record<string, string>>;
  check: Check;
}

const lints: Check = async (files) => {
  await lintChecked(files);
};

function classes(docs: string[]): Record<string, Class> {
  const one = (a: fc.Arbitrary<string>) => a.map((t) => ({ 'doc.md': t }));
  return {
    generated: { arbitrary: one(document), check: lints },
    mutated: { arbitrary: one(fc.tuple(source(docs), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([d, ops]) => mutate(d, ops))), check: lints },
    truncated: {
      arbitrary: one(
        fc.tuple(fc.constantFrom(...docs), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()).map(([d, r, bytes]) => {
          if (!bytes) return d.slice(0, Math.floor(d.length * r)); // may cut a surrogate pair
          const b = Buffer.from(d, 'utf8');
          return decodeText(b.subarray(0, Math.floor(b.length * r))); // may cut a UTF-8 sequence
        }),
      ),
      check: lints,
    },
    'fences-and-delimiters': {
      arbitrary: one(
        fc
          .array(fc.constantFrom('---', '...', '```', '~~~', '````', '```yaml', '~~~~~', '<!--', '-->', '<div>', '</div>', '<pre>', 'id: SOP-001', 'title: x', '', '| a | b |', '|---|---|', '# H', '> q', '    code', '+++', 'key: [unclosed', '"'), { maxLength: 40 })
          .map((lines) => lines.join('\n')),
      ),
      check: lints,
    },
    'multi-file workspace': {
      arbitrary: fc
        .tuple(
          fc.array(fc.tuple(source(docs), fc.array(mutation, { maxLength: 3 })), { minLength: 1, maxLength: 5 }),
          fc.option(fc.array(fc.oneof(fc.constantFrom(...CONFIG_LINES), fieldLine), { maxLength: 5 }), { nil: undefined }),
        )
        .map(([ds, config]) => {
          const files: Record<string, string> = {};
          ds.forEach(([d, ops], i) => (files[`d${i % 2}/doc-${i}.md`] = mutate(d, ops)));
          if (config) files['.qmslint.yaml'] = config.join('\n');
          return files;
        }),
      check: lints,
    },
    'deep nesting': {
      arbitrary: one(
        fc.tuple(fc.integer({ min: 50, max: 10_000 }), fc.constantFrom('> ', '- ', '* ', '+ ', '1. ', '2) ', '> - ', '- > ', '>', '1. > '), fc.constantFrom('line', 'lines', 'indent')).map(([depth, marker, form]) => {
          if (form === 'line') return `# Deep\n\n${times(depth, marker)}x\n`;
          // One level deeper on each line, up to about 4 MB in all.
          const n = Math.min(depth, Math.floor(Math.sqrt((2 * 4_000_000) / marker.length)));
          if (form === 'lines') return Array.from({ length: n }, (_, i) => `${times(i + 1, marker)}x`).join('\n');
          const m = Math.min(depth, 1_500);
          return Array.from({ length: m }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n');
        }),
      ),
      check: lints,
    },
    'wide tables': {
      arbitrary: one(
        fc.tuple(fc.integer({ min: 1_000, max: 5_000 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('a', 'SOP-001', '7.3.2', '', 'x y')).map(
          ([cols, rows, cell]) => `# T\n\n## Revision History\n\n|${times(cols, ' Revision |')}\n|${times(cols, '---|')}\n${times(rows, `|${times(cols, ` ${cell} |`)}\n`)}`,
        ),
      ),
      check: lints,
    },
    'megabyte lines': {
      arbitrary: one(
        fc
          .tuple(
            fc.integer({ min: 1_000_000, max: 1_500_000 }),
            // Tokens that each make a finding cost about 0.35 ms apiece (a did-you-mean per unknown
            // clause): 200 000 of them on one line take a minute, linearly; docs/reliability.md.
            fc.constantFrom('word ', 'SOP-001 ', 'ISO 13485:2016 §7.3 ', '<enter owner> ', 'TBD ', '\t', ' ', 'x', '| a ', 'xxxx ', '§§ 4.2.4, ', 'https://x.y/ ', '&amp;', '<a '),
            fc.boolean(),
          )
          .map(([size, token, inFrontMatter]) => {
            const line = times(Math.ceil(size / token.length), token);
            return inFrontMatter ? `---\nid: SOP-001\ntitle: ${line}\n---\n# T\n` : `---\nid: SOP-001\n---\n# T\n\n${line}\n`;
          }),
      ),
      check: lints,
    },
    'yaml bombs and deep yaml': {
      arbitrary: one(
        fc.oneof(
          // Billion laughs: each level refers to the one below ten times.
          fc.integer({ min: 3, max: 12 }).map((levels) => {
            const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
            for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
            return `---\nid: SOP-001\n${lines.join('\n')}\n---\n# Bomb\n`;
          }),
          fc.tuple(fc.integer({ min: 100, max: 10_000 }), fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'block-seq')).map(([depth, form]) => {
            const d = form.startsWith('block') ? Math.min(depth, 1_500) : depth;
            const value =
              form === 'flow-seq'
                ? times(d, '[') + times(d, ']')
                : form === 'flow-map'
                  ? times(d, '{a: ') + '1' + times(d, '}')
                  : form === 'block-map'
                    ? Array.from({ length: d }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n') + ' 1'
                    : Array.from({ length: d }, (_, i) => `${' '.repeat(2 * i + 2)}-`).join('\n') + ' 1';
            return `---\nid: SOP-001\ndeep:${form.startsWith('flow') ? ' ' : '\n'}${value}\n---\n# Deep\n`;
          }),
          fc.constantFrom(
            '---\n__proto__: {polluted: 1}\nid: SOP-001\n---\n# P\n',
            '---\nid: SOP-001\nconstructor: {prototype: {polluted: 1}}\n---\n# P\n',
            '---\nid: !!js/function "function () { globalThis.polluted = 1 }"\n---\n# T\n',
            '---\nid: !<tag:yaml.org,2002:js/undefined> x\ntitle: !!python/object:os.system [ls]\n---\n# T\n',
            '---\na: &a {b: *a}\nid: SOP-001\n---\n# Cycle\n',
            `---\nid: SOP-001\n${Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join('\n')}\n---\n# Many keys\n`,
            `---\nid: SOP-001\n${times(2, 'title: a\n')}---\n# Duplicate\n`,
          ),
        ),
      ),
      check: lints,
    },
    'invalid UTF-8 and lone surrogates': {
      arbitrary: one(
        fc
          .tuple(
            fc.constantFrom(...docs),
            fc.array(fc.tuple(fc.nat(), fc.constantFrom([0x80], [0xc0], [0xff], [0xfe], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xe2, 0x82], [0xc3], [0xf4, 0x90, 0x80, 0x80])), { maxLength: 8 }),
            fc.constantFrom('utf8', 'utf16le', 'utf16be', 'surrogates'),
          )
          .map(([d, bad, encoding]) => {
            if (encoding === 'surrogates') return mutate(d, bad.map(([at], i) => ['insert', at, ['\ud800', '\udc00', '\udbff\udbff', '\udfff\ud800'][i % 4]]));
            if (encoding !== 'utf8') {
              const le = Buffer.from('\ufeff' + d, 'utf16le');
              if (encoding === 'utf16be') le.swap16();
              return decodeText(le);
            }
            let b = Buffer.from(d, 'utf8');
            for (const [at, bytes] of bad) {
              const i = at % (b.length + 1);
              b = Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
            }
            return decodeText(b);
          }),
      ),
      check: lints,
    },
    'NUL bytes': {
      arbitrary: one(
        fc.tuple(source(docs), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.boolean()).map(([d, at, late]) =>
          // Late: after 8000 characters of text, where the binary check does not look.
          mutate(late ? `${d}\n${'filler text '.repeat(700)}\n` : d, at.map((a) => ['insert', late ? 8400 + (a % 100) : a, '\u0000'])),
        ),
      ),
      check: lints,
    },
    'line endings and BOM': {
      arbitrary: one(
        fc.tuple(source(docs), fc.array(fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\n\r'), { minLength: 1, maxLength: 5 }), fc.constantFrom('', '\ufeff', '\ufeff\ufeff')).map(([d, eols, bom]) => {
          let i = 0;
          return bom + d.replace(/\r\n|\r|\n/g, () => eols[i++ % eols.length]);
        }),
      ),
      check: lints,
    },
    fixes: {
      // For any document and any subset of the offered fixes: applying them changes only
      // their ranges; a lint of the result offers none of them again; and --fix (the whole
      // loop) settles, after which a second --fix changes nothing.
      arbitrary: fc
        .tuple(
          fc.oneof(source(docs), fc.tuple(fc.constantFrom(...docs), fc.array(mutation, { maxLength: 3 })).map(([d, ops]) => mutate(d, ops))),
          fc.constantFrom('\n', '\r\n'),
          fc.constantFrom('', '\ufeff'),
          fc.infiniteStream(fc.boolean()),
        )
        .map(([d, eol, bom, pick]) => ({ 'doc.md': bom + d.replace(/\r?\n/g, eol), pick: JSON.stringify([...pick.take(64)]) })),
      check: async ({ 'doc.md': text, pick }) => {
        const files = { 'doc.md': text };
        const result = await lintChecked(files);
        if (!result) return;
        const picks = JSON.parse(pick) as boolean[];
        const offered = applicableFixes(text, result.files[0].findings);
        // Any subset that goes together: the picked fixes whose edits do not touch an earlier pick's.
        const chosen: Finding[] = [];
        for (const [i, f] of offered.entries()) {
          if (!picks[i % picks.length]) continue;
          const all = [...chosen.flatMap((c) => c.fix!.edits), ...f.fix!.edits];
          if (fixProblem(text, all) === undefined) chosen.push(f);
        }
        const edits = chosen.flatMap((f) => f.fix!.edits).sort((a, b) => a.start - b.start || a.end - b.end);
        const fixed = applyEdits(text, edits);
        // Only the edited ranges changed: every stretch between them is the original's.
        let shift = 0;
        let from = 0;
        for (const e of [...edits, { start: text.length, end: text.length, text: '' }]) {
          check(fixed.slice(from + shift, e.start + shift) === text.slice(from, e.start), () => `text outside the fixes changed near offset ${from}`);
          shift += e.text.length - (e.end - e.start);
          from = e.end;
        }
        check(fixed.length === text.length + shift, () => 'the fixed text has the wrong length');
        const again = await lintChecked({ 'doc.md': fixed });
        if (again) {
          // Where an applied edit's text lies in the fixed text: a fix offered again is offered there
          // (the same fix for another place, such as a second outdated citation left alone, is not).
          const placed = (edit: (typeof edits)[number]) => {
            let by = 0;
            for (const x of edits) {
              if (x === edit) break;
              by += x.text.length - (x.end - x.start);
            }
            return { start: edit.start + by, end: edit.start + by + edit.text.length };
          };
          const reoffered = applicableFixes(fixed, again.files[0].findings).filter((f) =>
            chosen.some(
              (c) =>
                c.ruleId === f.ruleId &&
                c.fix!.title === f.fix!.title &&
                JSON.stringify(c.fix!.edits.map((e) => e.text)) === JSON.stringify(f.fix!.edits.map((e) => e.text)) &&
                f.fix!.edits.every((e, i) => {
                  const at = placed(c.fix!.edits[i]);
                  return e.start >= at.start && e.start <= at.end;
                }),
            ),
          );
          check(reoffered.length === 0, () => `applied fixes offered again: ${reoffered.map((f) => `${f.ruleId} "${f.fix!.title}"`).join(', ')}`);
        }
        // The --fix loop, then --fix again on what it wrote.
        const workspace = new MemoryWorkspace({ '/ws/doc.md': text });
        const run = await fixDocuments({ workspace, files: ['/ws/doc.md'], root: '/ws', today: TODAY });
        check(run.settled, () => '--fix did not settle in 10 passes');
        const written = run.files.get('/ws/doc.md');
        if (written) {
          check(applyEdits(text, written.edits) === written.fixed, () => '--fix: the net edits do not give the fixed text');
          const second = await fixDocuments({ workspace: new MemoryWorkspace({ '/ws/doc.md': written.fixed }), files: ['/ws/doc.md'], root: '/ws', today: TODAY });
          check(second.files.size === 0, () => `a second --fix changed the text again: ${[...second.files.values()].flatMap((f) => f.applied.map((a) => a.ruleId)).join(', ')}`);
          // Line endings are kept: a CRLF file gains no bare LF, an LF file no CR.
          const bare = (s: string) => (s.match(/(?<!\r)\n/g) ?? []).length;
          if (!bare(text) && text.includes('\r\n')) check(bare(written.fixed) === 0, () => '--fix put a bare LF into a CRLF file');
          if (!text.includes('\r')) check(!written.fixed.includes('\r'), () => '--fix put a CR into an LF file');
          check(written.fixed.startsWith('\ufeff') === text.startsWith('\ufeff'), () => '--fix changed the BOM');
        }
      },
    },
  };
}

// ---- the run ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  const cls = classes(corpus(input.repo))[input.cls];
  if (!cls) throw new Error(`no class ${input.cls}`);
  let n = 0;
  let largest = 0;
  let slowestMs = 0;
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  const property = fc.asyncProperty(cls.arbitrary, async (files) => {
    const size = Math.max(...Object.values(files).map((t) => t.length));
    post({ type: 'case', n: n++, size, sample: JSON.stringify(Object.values(files).map((t) => (t.length > 300 ? `${t.slice(0, 150)}...${t.slice(-150)}` : t))) });
    largest = Math.max(largest, size);
    const started = performance.now();
    await cls.check(files);
    slowestMs = Math.max(slowestMs, performance.now() - started);
  });
  const details = await fc.check(property, { seed: input.seed, numRuns: input.numRuns, endOnFailure: true });
  const counterexample = details.counterexample ? JSON.stringify(details.counterexample[0]) : undefined;
  post({
    type: 'done',
    ran: details.numRuns,
    failed: details.failed,
    message: details.errorInstance ? String((details.errorInstance as Error).stack ?? details.errorInstance) : undefined,
    counterexample: counterexample && counterexample.length > 2000 ? `${counterexample.slice(0, 2000)}... (${counterexample.length} characters; all of it in ${keep(counterexample, input)})` : counterexample,
    largest,
    slowestMs,
  });
}

/** Writes a long counterexample where a developer can read it whole; returns the path. */
function keep(counterexample: string, input: WorkerInput): string {
  const file = path.join(tmpdir(), `qmslint-fuzz-${input.cls.replace(/\W+/g, '-')}-${input.seed}.json`);
  writeFileSync(file, counterexample);
  return file;
}

void main();
