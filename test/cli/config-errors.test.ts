// A configuration or a suppression comment that names something that does not
// exist, through the bundled CLI as users and CI spawn it: an unknown standard
// or rule in the config stops the run (exit 2, one line naming the file and
// line), as in ESLint and markdownlint-cli2; an unknown rule in a suppression
// comment is a warning at the name, never silently ignored.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acmePack, CLEAN_SOP } from '../helpers';
import type { JsonReport } from '../run-cli';
import { runSpawned, TODAY } from './harness';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qmslint-config-errors-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const run = (dir: string, ...args: string[]) => runSpawned([...args, '--today', TODAY], { cwd: dir });

const PACK = acmePack();

const BUILT_IN = ['iso13485:2016', 'iso9001:2015', '21cfr820'];

/** stderr is one line, and no stack trace. */
function oneLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\bat \S+ \(/);
  return stderr.trimEnd();
}

describe('an unknown standard', () => {
  it('in .qmslint.yaml stops lint and coverage alike: exit 2, the file and line of standard:, the known ids with the packs', async () => {
    const dir = workspace({ '.qmslint.yaml': 'packs: [acme.yaml]\nstandard: iso13485:2061\n', 'acme.yaml': PACK, 's.md': CLEAN_SOP });
    const lint = await run(dir, '.');
    const coverage = await run(dir, 'coverage', '.');
    for (const r of [lint, coverage]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const line = oneLine(r.stderr);
      expect(line).toContain(`${dir}/.qmslint.yaml:2:11: standard: unknown standard "iso13485:2061"`);
      for (const id of [...BUILT_IN, 'acme-qms:2026']) expect(line).toContain(id);
    }
    expect(lint.stderr).toBe(coverage.stderr);
  });

  it('in standards: is refused at its entry', async () => {
    const dir = workspace({ '.qmslint.yaml': 'standards: [iso9001:2015, nope:1]\n', 's.md': CLEAN_SOP });
    const r = await run(dir, '.');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toContain(`${dir}/.qmslint.yaml:1:27: standards.1: unknown standard "nope:1"`);
  });

  it('on the command line stops lint and coverage alike: exit 2, one line naming --standard and the known ids', async () => {
    const dir = workspace({ '.qmslint.yaml': 'packs: [acme.yaml]\n', 'acme.yaml': PACK, 's.md': CLEAN_SOP });
    const lint = await run(dir, '.', '--standard', 'foo');
    const coverage = await run(dir, 'coverage', '.', '--standard', 'foo');
    for (const r of [lint, coverage]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const line = oneLine(r.stderr);
      expect(line).toMatch(/^qmslint: --standard: unknown standard "foo"; known standards: /);
      for (const id of [...BUILT_IN, 'acme-qms:2026']) expect(line).toContain(id);
    }
    expect(lint.stderr).toBe(coverage.stderr);
  });

  it('is no error when it is known: built in, from a pack, or an alias', async () => {
    const dir = workspace({ '.qmslint.yaml': 'packs: [acme.yaml]\nstandard: ISO 13485:2016\nrules: {coverage-gap: off}\n', 'acme.yaml': PACK, 's.md': CLEAN_SOP });
    expect((await run(dir, '.')).code).toBe(0);
    expect((await run(dir, '.', '--standard', 'acme-qms:2026')).code).not.toBe(2);
    expect((await run(dir, 'coverage', '.', '--standard', 'iso9001:2015')).code).toBe(0);
  });
});

describe('an unknown rule under rules:', () => {
  it('is a configuration error naming the file, the line of the key and the rule it is close to', async () => {
    const dir = workspace({ '.qmslint.yaml': 'standard: iso13485:2016\nrules:\n  coverage-gap: off\n  clause-unkown: off\n', 's.md': CLEAN_SOP });
    const r = await run(dir, '.');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe(`qmslint: invalid configuration: ${dir}/.qmslint.yaml:4:3: rules.clause-unkown: unknown rule; did you mean clause-unknown?`);
  });

  it('guesses only when the name is close, and in a JSON config too', async () => {
    const far = workspace({ '.qmslint.json': '{\n  "rules": {\n    "no-such-rule": "off"\n  }\n}\n', 's.md': CLEAN_SOP });
    const r = await run(far, '.');
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toContain(`${far}/.qmslint.json:3:5: rules.no-such-rule: unknown rule`);
    expect(line).not.toContain('did you mean');
  });

  it('says that a notice is not a rule', async () => {
    const dir = workspace({ '.qmslint.yaml': 'rules:\n  file-too-large: off\n', 's.md': CLEAN_SOP });
    const r = await run(dir, '.');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toContain('.qmslint.yaml:2:3: rules.file-too-large: file-too-large is a notice, not a rule, and cannot be configured');
  });

  it('leaves a config of known rules alone', async () => {
    const dir = workspace({ '.qmslint.yaml': 'rules:\n  coverage-gap: off\n  clause-unknown: warning\n', 's.md': CLEAN_SOP.replace('§4.2.4', '§4.21') });
    const r = await run(dir, '.', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['clause-unknown']);
  });
});

describe('an unknown rule in a suppression comment', () => {
  const messagesOf = async (text: string) => {
    const dir = workspace({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 's.md': text });
    const r = await run(dir, 's.md', '--format', 'json');
    expect(r.stderr).toBe('');
    return { code: r.code, messages: (JSON.parse(r.stdout) as JsonReport)[0].messages };
  };
  /** 1-based line and column of the first `name` after `marker` in `text`. */
  const at = (text: string, marker: string, name: string) => {
    const offset = text.indexOf(name, text.indexOf(marker));
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1, endColumn: before[before.length - 1].length + 1 + name.length };
  };

  const body = (extra: string) => CLEAN_SOP.replace('## Revision History', `${extra}\n\n## Revision History`);
  it.each([
    ['disable-next-line', body('<!-- qmslint-disable-next-line clause-unkown -->\nSee [the form](missing.md).')],
    ['disable-line', body('See [the form](missing.md). <!-- qmslint-disable-line clause-unkown -->')],
    ['disable-file', body('<!-- qmslint-disable-file clause-unkown -->')],
    ['disable', body('<!-- qmslint-disable clause-unkown -->\n\nx\n\n<!-- qmslint-enable clause-unknown -->')],
    ['enable', body('<!-- qmslint-disable clause-unknown -->\n\nx\n\n<!-- qmslint-enable clause-unkown -->')],
    ['disable-next-line', CLEAN_SOP.replace('owner: Quality Manager', '# qmslint-disable-next-line clause-unkown\nowner: Quality Manager')],
    ['disable-line', CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager # qmslint-disable-line clause-unkown')],
    ['disable-file', CLEAN_SOP.replace('owner: Quality Manager', '# qmslint-disable-file clause-unkown\nowner: Quality Manager')],
  ])('qmslint-%s: a warning at the name, with a guess', async (kind, text) => {
    const { code, messages } = await messagesOf(text);
    const notices = messages.filter((m) => m.ruleId === 'suppression-unknown-rule');
    expect(notices).toEqual([
      {
        ruleId: 'suppression-unknown-rule',
        severity: 1,
        message: `Unknown rule "clause-unkown" in qmslint-${kind}; did you mean clause-unknown?`,
        ...at(text, `qmslint-${kind} clause-unkown`, 'clause-unkown'),
        endLine: at(text, `qmslint-${kind} clause-unkown`, 'clause-unkown').line,
      },
    ]);
    expect(code).toBe(messages.some((m) => m.severity === 2) ? 1 : 0);
  });

  it('suppresses the valid name of a comment and reports the invalid one, without a guess when none is close', async () => {
    const text = body('<!-- qmslint-disable-next-line link-broken, no-such-rule -->\nSee [the form](missing.md).');
    const { messages } = await messagesOf(text);
    expect(messages.map((m) => m.ruleId)).toEqual(['suppression-unknown-rule']);
    expect(messages[0]).toMatchObject({ severity: 1, ...at(text, 'link-broken, ', 'no-such-rule') });
    expect(messages[0].message).toMatch(/^Unknown rule "no-such-rule" in qmslint-disable-next-line: it has no effect\./);
    // Without the comment the link is reported: the suppression above did work.
    const bare = await messagesOf(body('See [the form](missing.md).'));
    expect(bare.messages.map((m) => m.ruleId)).toEqual(['link-broken']);
  });

  it('a misspelt name alone no longer silences every rule', async () => {
    const { messages } = await messagesOf(body('<!-- qmslint-disable-next-line Link_Broken -->\nSee [the form](missing.md).'));
    expect(messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['suppression-unknown-rule', 'Unknown rule "Link_Broken" in qmslint-disable-next-line; did you mean link-broken?'],
      ['link-broken', expect.stringContaining('missing.md')],
    ]);
  });

  it('cannot be suppressed by the comment it is about, nor by another', async () => {
    const text = body('<!-- qmslint-disable-file -->\n\nx <!-- qmslint-disable-line no-such-rule suppression-unknown-rule -->');
    const { messages } = await messagesOf(text);
    expect(messages.map((m) => [m.ruleId, m.column])).toEqual([
      ['suppression-unknown-rule', at(text, 'x <!--', 'no-such-rule').column],
      ['suppression-unknown-rule', at(text, 'no-such-rule ', 'suppression-unknown-rule').column],
    ]);
    expect(messages[1].message).toBe('suppression-unknown-rule is a notice, not a rule, so qmslint-disable-line cannot suppress it.');
    expect(messages[1].detail).toBe('Remove the name.');
  });

  it('is found where it stands on a later line of a comment in a block quote', async () => {
    // The parser hands the comment over without the `> ` marks of its later lines.
    const text = body('> <!-- a note\n> > qmslint-disable-line Clause_Unknown -->');
    const { messages } = await messagesOf(text);
    expect(messages).toEqual([
      {
        ruleId: 'suppression-unknown-rule',
        severity: 1,
        message: 'Unknown rule "Clause_Unknown" in qmslint-disable-line; did you mean clause-unknown?',
        ...at(text, '> > qmslint', 'Clause_Unknown'),
        endLine: at(text, '> > qmslint', 'Clause_Unknown').line,
      },
    ]);
  });

  it('is not looked for inside code', async () => {
    const { messages } = await messagesOf(body('`<!-- qmslint-disable-line no-such-rule -->`\n\n```\n<!-- qmslint-disable-file no-such-rule -->\n```'));
    expect(messages).toEqual([]);
  });

  it('shows in every output format, as other findings do', async () => {
    const text = body('See [the form](missing.md). <!-- qmslint-disable-line link-brokn -->');
    const dir = workspace({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 's.md': text });
    const { line, column, endColumn } = at(text, 'qmslint-disable-line', 'link-brokn');
    const message = 'Unknown rule "link-brokn" in qmslint-disable-line; did you mean link-broken?';
    const out = async (format: string) => {
      const r = await run(dir, 's.md', '--format', format);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0); // warnings only
      return r.stdout;
    };

    expect(await out('stylish')).toMatch(new RegExp(`^\\s*${line}:${column}\\s+warning\\s+Unknown rule "link-brokn" .*did you mean link-broken\\?\\s+suppression-unknown-rule\\s*$`, 'm'));
    expect(await out('github')).toContain(`::warning file=s.md,line=${line},endLine=${line},col=${column},endColumn=${endColumn},title=suppression-unknown-rule::${message}`);
    const junit = await out('junit');
    expect(junit).toContain(`<testcase classname="suppression-unknown-rule" name="${line}:${column} suppression-unknown-rule" file="s.md">`);
    expect(junit).toContain(`s.md:${line}:${column}: ${message.replace(/"/g, '&quot;')} (suppression-unknown-rule)`);
    const json = (JSON.parse(await out('json')) as JsonReport)[0].messages;
    expect(json.filter((m) => m.ruleId === 'suppression-unknown-rule')).toEqual([{ ruleId: 'suppression-unknown-rule', severity: 1, message, line, column, endLine: line, endColumn }]);

    const sarif = JSON.parse(await out('sarif')).runs[0];
    const result = sarif.results.find((r: { ruleId: string }) => r.ruleId === 'suppression-unknown-rule');
    expect(result).toMatchObject({ level: 'warning', message: { text: message } });
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: line, startColumn: column, endLine: line, endColumn });
    const descriptor = sarif.tool.driver.rules[result.ruleIndex];
    expect(descriptor.id).toBe('suppression-unknown-rule');
    expect(descriptor.helpUri).toMatch(/docs\/rules\/suppression-unknown-rule\.md$/);
    expect(descriptor.properties.tags).toContain('notice');

    // With --max-warnings 0 it fails the run, as any warning does.
    expect((await run(dir, 's.md', '--max-warnings', '0')).code).toBe(1);
  });
});
