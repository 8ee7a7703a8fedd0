// clause-edition's edition transition tables through the bundled CLI (issue 13): --fix changes
// "ISO 13485:2003 4.2.3" to "ISO 13485:2016 4.2.4" only when every cited clause maps to one
// clause of the same meaning, a second run changes nothing, and a document citing the withdrawn
// edition covers no clause of the current one.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, TODAY, tempWorkspace } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const PURPOSE = 'for all controlled documents.\n';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/**
 * A workspace with one SOP whose purpose is followed by `body`. `bare`: no front matter clauses
 * and a purpose that cites nothing, so only `body` can cover a clause.
 */
function workspace(body: string, bare = false): string {
  let text = CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${body}\n`);
  if (bare) text = text.replace('clauses: ["4.2.4"]', 'clauses: []').replace('This procedure implements ISO 13485:2016 §4.2.4 for', 'This procedure is for');
  expect(text.includes('ISO 13485:2016 §4.2.4')).toBe(!bare);
  const dir = tempWorkspace({ 'sop-001.md': text }, 'qmslint-transition-');
  temps.push(dir);
  return dir;
}

interface Message {
  ruleId: string;
  message: string;
  detail?: string;
  fix?: { title: string };
  suggestions?: { title: string }[];
}

function editionFindings(stdout: string): Message[] {
  return (JSON.parse(stdout) as { messages: Message[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'clause-edition');
}

const lint = (dir: string, ...args: string[]) => runCli(['.', '--format', 'json', '--today', TODAY, ...args], { cwd: dir });
const read = (dir: string) => readFileSync(join(dir, 'sop-001.md'), 'utf8');

describe('edition transition fixes in the CLI', () => {
  it('--fix rewrites the year and each clause number, and a second run changes nothing', () => {
    const dir = workspace('Documents follow ISO 13485:2003 4.2.3, process validation ISO 13485:2003 7.5.2.1 and internal audits ISO 13485:2003 8.2.2.');
    const before = editionFindings(lint(dir).stdout);
    expect(before.map((m) => m.fix?.title)).toEqual(Array(3).fill('Change to ISO 13485:2016 and its clause numbers'));

    const r = lint(dir, '--fix');
    expect(r.stderr).toBe('qmslint: fixed 3 problems in 1 file\n');
    expect(editionFindings(r.stdout)).toEqual([]);
    const after = read(dir);
    expect(after).toContain('Documents follow ISO 13485:2016 4.2.4, process validation ISO 13485:2016 7.5.6 and internal audits ISO 13485:2016 8.2.4.');

    const again = lint(dir, '--fix');
    expect(again.stderr).toBe('qmslint: fixed 0 problems in 0 files\n');
    expect(editionFindings(again.stdout)).toEqual([]);
    expect(read(dir)).toBe(after);
  });

  it('offers no fix for a clause that split (2003 7.5.2), and says where it went', () => {
    const dir = workspace('Process validation follows ISO 13485:2003 7.5.2.');
    const text = read(dir);
    const r = lint(dir, '--fix');
    expect(read(dir)).toBe(text);
    const [m] = editionFindings(r.stdout);
    expect(m.detail).toContain('Its clause 7.5.2 is 7.5.6 and 7.5.7 in 2016: check which applies.');
    expect(m.fix).toBeUndefined();
    // Changing the year alone would change what 7.5.2 means: no suggestion either.
    expect(m.suggestions).toBeUndefined();
  });

  it('offers no fix for ISO 9001:2008 4.2.3 (7.5.2 and 7.5.3 in 2015)', () => {
    const dir = workspace('Documents are controlled per ISO 9001:2008 4.2.3.');
    const text = read(dir);
    const r = lint(dir, '--fix');
    expect(read(dir)).toBe(text);
    const [m] = editionFindings(r.stdout);
    expect(m.detail).toContain('Its clause 4.2.3 is 7.5.2 and 7.5.3 in 2015: check which applies.');
    expect(m.fix).toBeUndefined();
  });
});

describe('coverage of a document citing a withdrawn edition', () => {
  const BODY = [
    'Documents follow ISO 13485:2003 4.2.3; records ISO 13485:2003 4.2.4; design planning clause 7.3.1 of ISO 13485:2003.',
    '| ISO 13485:2003 | Topic |\n|---|---|\n| 8.2.2 | Audit |',
    'ISO 13485:2003 requires process validation; see section 7.5.2.',
    'Files are kept as clause 4.2.1 requires.',
  ].join('\n\n');

  type Coverage = { standards: { standard: string; clauses: { clause: { id: string }; documents: unknown[] }[] }[] };
  const citedClauses = (dir: string) => {
    const r = runCli(['coverage', '--format', 'json', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toBe('');
    const [s] = (JSON.parse(r.stdout) as Coverage).standards;
    expect(s.standard).toBe('iso13485:2016');
    return s.clauses.filter((c) => c.documents.length).map((c) => c.clause.id);
  };

  it('counts no ISO 13485:2016 clause for citations of ISO 13485:2003, however written', () => {
    expect(citedClauses(workspace(BODY, true))).toEqual([]);
  });

  it('counts the same citations when they name 2016 (the check can fail)', () => {
    const cited = citedClauses(workspace(BODY.replaceAll('2003', '2016'), true));
    for (const id of ['4.2.1', '4.2.3', '4.2.4', '7.3.1', '7.5.2', '8.2.2']) expect(cited, id).toContain(id);
  });
});
