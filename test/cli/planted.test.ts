// The "done when" of the engine: in a workspace where each document carries one
// planted defect (its file name is the rule), the CLI reports exactly that rule
// on that document and nothing on the clean ones.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/rules';
import { runCli } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${repo}test/fixtures/planted`;

describe('planted defects, through the bundled CLI', () => {
  const r = runCli([dir, '--format', 'json', '--today', '2026-11-26']);
  const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
  const rulesIn = (name: string) => [...new Set(results.find((f) => f.filePath === `${dir}/${name}`)!.messages.map((m) => m.ruleId))];

  it('exits 1 because errors were planted', () => expect(r.status).toBe(1));

  it('plants a defect for every rule', () => {
    const planted = new Set(readdirSync(dir).map((f) => f.replace(/(-[ab])?\.md$/, '')));
    // A rule that reads git's approval evidence needs a repository with signed commits: test/cli/approvals.test.ts makes them.
    for (const rule of rules) if (rule.scope === 'document' && !rule.needs.evidence) expect(planted, rule.id).toContain(rule.id);
  });

  it.each(readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('clean')))('%s reports exactly its rule', (name) => {
    expect(rulesIn(name)).toEqual([name.replace(/(-[ab])?\.md$/, '')]);
  });

  it.each(readdirSync(dir).filter((f) => f.startsWith('clean')))('%s reports nothing', (name) => {
    expect(rulesIn(name)).toEqual([]);
  });

  it('reports the workspace-wide coverage gaps on the config file', () => {
    expect(rulesIn('.qmslint.yaml')).toEqual(['coverage-gap']);
  });
});
