// Every output format escapes every user string. A workspace whose file
// names, ids, titles, statuses and standard pack headings are markup, XML
// breakers, workflow commands and spreadsheet formulas goes through the
// bundled CLI in each format; each output must parse as what it claims to
// be, carry the hostile text as text, and let none of it act as markup or a
// command. (ci-formats.test.ts and coverage-html.test.ts check the
// formatters on made-up findings and the HTML page in a browser.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TODAY = '2026-11-26';
const MARKUP = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
const BREAKERS = `]]> --> </textarea> & &amp; "quoted" 'single' \u0000\u0007\u000b\ud800`;
const COMMAND = '\n::error file=evil.md,line=1::injected\n%0A::warning::encoded';
const FORMULA = `=HYPERLINK("http://evil.example/","x")`;
const HOSTILE = `${MARKUP} ${BREAKERS} [a](javascript:alert(1)) ${COMMAND} ${FORMULA}`;
// File names may hold anything but / and NUL: here markup, quotes, a percent sign and a line break.
const NAME = `sops/r&d <b>'x'</b> "q" %41 \n::error::n.md`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qmslint-escaping-'));
  const yaml = (s: string) => JSON.stringify(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/g, '?'));
  const files: Record<string, string> = {
    '.qmslint.yaml': 'standards: [acme-qms:2026]\npacks: [standards/acme.yaml]\n',
    'standards/acme.yaml': [
      'id: acme-qms:2026',
      `title: ${yaml(`ACME ${MARKUP}`)}`,
      'publisher: ACME',
      'family: acme-qms',
      'edition: "2026"',
      'clauses:',
      `  - {id: "1", title: ${yaml(MARKUP.slice(0, 70))}, documentedProcedure: true}`,
      '',
    ].join('\n'),
    [NAME]: [
      '---',
      `id: ${yaml(`SOP-${MARKUP}`)}`,
      `title: ${yaml(HOSTILE)}`,
      'type: SOP',
      'revision: A',
      `status: ${yaml(MARKUP)}`,
      'effective_date: 2026-03-01',
      `owner: ${yaml(FORMULA)}`,
      'clauses: ["4.2.4", "99.9"]',
      'approvals: []',
      'next_review: 2028-03-01',
      '---',
      '',
      `# ${MARKUP}`,
      '',
      // No NUL in the body: that makes the file binary, and it would not be analysed.
      `This cites ISO 13485:2016 §4.2.4 and ${HOSTILE.replace(/\n/g, ' ').replace(/\u0000/g, '?')}.`,
      '',
    ].join('\n'),
    'sops/plain.md': '---\nid: SOP-002\ntitle: Plain\ntype: SOP\nrevision: A\nstatus: draft\nclauses: ["1"]\n---\n\n# Plain\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): string {
  const r = runCli([...args, '--today', TODAY], { cwd: dir });
  expect(r.status, r.stderr).not.toBe(2);
  return r.stdout;
}

/** The findings as the JSON format gives them: the reference for the other formats. */
/** Each finding's whole text (the message, then its detail), as the text formats and SARIF carry it. */
function messages(): { file: string; text: string }[] {
  const json = JSON.parse(cli('.', '--format', 'json')) as { filePath: string; messages: { message: string; detail?: string }[] }[];
  return json.flatMap((f) => f.messages.map((m) => ({ file: f.filePath, text: m.detail ? `${m.message} ${m.detail}` : m.message })));
}

describe('hostile user strings in every output', () => {
  it('reach the findings at all (the test would prove nothing otherwise)', () => {
    const all = messages();
    expect(all.some((m) => m.text.includes('<script>')), JSON.stringify(all, null, 1).slice(0, 3000)).toBe(true);
    expect(all.some((m) => m.file.includes('<b>')), JSON.stringify(all.map((m) => m.file))).toBe(true);
  });

  it('SARIF: valid against the schema, messages carried as they are, URIs percent-encoded', () => {
    const log = JSON.parse(cli('.', '--format', 'sarif'));
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/sarif/sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results as { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results.map((r) => r.message.text).sort()).toEqual(messages().map((m) => m.text).sort());
    for (const r of results) {
      const uri = r.locations[0].physicalLocation.artifactLocation.uri;
      expect(uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/);
    }
    expect(results.some((r) => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri) === NAME)).toBe(true);
  });

  it('JUnit: well-formed XML whose names and messages read back as the text', () => {
    const xml = cli('.', '--format', 'junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true }).parse(xml);
    const suites = [doc.testsuites.testsuite].flat() as { name: string; testcase: unknown }[];
    expect(suites.map((s) => s.name)).toContain(NAME);
  });

  it('GitHub annotations: one command per finding, nothing injected by a message or a file name', () => {
    const out = cli('.', '--format', 'github');
    const lines = out.split('\n').filter(Boolean);
    expect(lines.length).toBe(messages().length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^\n]*?::[^\n]*$/);
    expect(out).not.toMatch(/^::error file=evil\.md/m);
    expect(out).not.toMatch(/^::error::n\.md/m);
  });

  it('stylish: control characters from the documents do not reach the terminal', () => {
    const out = cli('.');
    expect(out).not.toMatch(/[\u0000\u0007\u000b\u001b]/);
  });

  it('HTML coverage: the hostile text is escaped, the page has only its own script', () => {
    const html = cli('coverage', '.', '--format', 'html');
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html).not.toContain('<img');
    // No element with an event handler: the hostile attribute only ever appears inside escaped text.
    expect(html).not.toMatch(/<[a-z][^<>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toMatch(/&(#60|lt);img src=x onerror=/);
  });

  it('Markdown coverage: markup and link syntax are escaped, so a comment or summary shows them as text', () => {
    const md = cli('coverage', '.', '--format', 'markdown');
    expect(md).not.toMatch(/(?<!\\)<(img|script|b)\b/);
    expect(md).not.toMatch(/(?<!\\)\[a\]\(javascript:/);
  });

  it('CSV coverage: cells that start a formula are neutralised', () => {
    const csv = cli('coverage', '.', '--format', 'csv');
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('JSON coverage: parses, and carries the titles as they are', () => {
    const json = JSON.parse(cli('coverage', '.', '--format', 'json'));
    expect(JSON.stringify(json)).toContain('<script>window.__pwned=2</script>');
  });
});
