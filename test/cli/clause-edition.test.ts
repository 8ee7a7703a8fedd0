// clause-edition through the bundled CLI: one finding per designation, the edition offered as
// a suggestion in the JSON output, and --fix changing publishers only, never an edition.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, TODAY, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const PURPOSE = 'for all controlled documents.\n';
const BODY = [
  'The ISMS follows ISO 27001:2023.',
  'The risk file follows ISO 14971:2919.',
  'Health software follows ISO 82304:2016.',
  'Usability follows IEC 62366-1:2015+A1:2020 and the QMS EN ISO 13485:2016+A11:2021.',
  'Design planning follows ISO 13485:2016 7.3.2.',
].join('\n\n');

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function workspace(): string {
  const dir = tempWorkspace({ 'sop-001.md': CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${BODY}\n`) }, 'qmslint-edition-');
  temps.push(dir);
  return dir;
}

interface Message {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endColumn: number;
  fix?: { title: string };
  suggestions?: { title: string }[];
}

function editionFindings(stdout: string): Message[] {
  const report = JSON.parse(stdout) as { messages: Message[] }[];
  return report.flatMap((f) => f.messages).filter((m) => m.ruleId === 'clause-edition');
}

describe('clause-edition in the CLI', () => {
  it('reports one finding per defective designation, and nothing for correct ones', () => {
    const dir = workspace();
    const r = runCli(['.', '--format', 'json', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toBe('');
    const found = editionFindings(r.stdout);
    expect(found.map((m) => m.message)).toEqual([
      'ISO 27001:2023: wrong publisher and no such edition (ISO 13485:2016 4.2.4 f)).',
      'ISO 14971 has no 2919 edition (ISO 13485:2016 4.2.4 f)).',
      'ISO 82304:2016: 82304 is published by IEC as IEC 82304-1 (ISO 13485:2016 4.2.4 f)).',
    ]);
    // The designation as a whole, "ISO 27001:2023", for the finding that says both.
    const line = CLEAN_SOP.replace(PURPOSE, `${PURPOSE}\n${BODY}\n`).split('\n')[found[0].line - 1];
    expect(line.slice(found[0].column - 1, found[0].endColumn - 1)).toBe('ISO 27001:2023');
    // Publisher: a fix. Editions and part numbers: suggestions only.
    expect(found.map((m) => [m.fix !== undefined, m.suggestions?.map((s) => s.title)])).toEqual([
      [true, ['Change to ISO/IEC 27001:2022']],
      [false, ['Change edition to 2019']],
      [false, ['Change to IEC 82304-1']],
    ]);
  });

  it('--fix changes the publisher and leaves every edition as written', () => {
    const dir = workspace();
    const r = runCli(['.', '--fix', '--format', 'json', '--today', TODAY], { cwd: dir });
    expect(r.stderr).toBe('qmslint: fixed 1 problem in 1 file\n');
    const text = readFileSync(join(dir, 'sop-001.md'), 'utf8');
    expect(text).toContain(BODY.replace('ISO 27001:2023', 'ISO/IEC 27001:2023'));
    // What remains is the edition, now on its own, and the two suggestions-only findings.
    expect(editionFindings(r.stdout).map((m) => m.message)).toEqual([
      'ISO/IEC 27001 has no 2023 edition (ISO 13485:2016 4.2.4 f)).',
      'ISO 14971 has no 2919 edition (ISO 13485:2016 4.2.4 f)).',
      'ISO 82304:2016: 82304 is published by IEC as IEC 82304-1 (ISO 13485:2016 4.2.4 f)).',
    ]);
  });
});
