// The CLI on workspaces built for each case in a temporary folder: file
// discovery, user standard packs, and hostile input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acmePack, CLEAN_SOP, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'qmslint-');

function run(cwd: string, ...args: string[]) {
  const r = runCli([...args, '--today', '2026-11-26'], { cwd });
  const json = r.stdout.startsWith('[') ? (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; detail?: string; line: number }[] }[]) : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json, files: json.map((f) => f.filePath.slice(cwd.length + 1)).sort() };
}

const quiet = 'rules:\n  coverage-gap: off\n';

describe('file discovery', () => {
  it('lints Markdown under the current folder, skipping .gitignored files and node_modules', () => {
    const dir = workspace({
      '.qmslint.yaml': quiet,
      '.gitignore': 'build/\nscratch.md\n',
      'sops/sop-001.md': CLEAN_SOP,
      'build/copy.md': CLEAN_SOP,
      'scratch.md': '# x\n',
      'node_modules/pkg/README.md': '# x\n',
      'notes.txt': 'not markdown',
    });
    expect(run(dir, '--format', 'json').files).toEqual(['sops/sop-001.md']);
  });

  it('takes globs, and files named explicitly', () => {
    const dir = workspace({ '.qmslint.yaml': quiet, 'a/one.md': CLEAN_SOP, 'b/two.md': CLEAN_SOP.replace('SOP-001', 'SOP-002'), 'c/three.markdown': '# x\n' });
    expect(run(dir, 'a/**/*.md', '--format', 'json').files).toEqual(['a/one.md']);
    expect(run(dir, 'b/two.md', 'c/three.markdown', '--format', 'json').files).toEqual(['b/two.md', 'c/three.markdown']);
  });
});

describe('options', () => {
  it('--config replaces the nearest config and --standard the configured standard', () => {
    const sop = CLEAN_SOP.replace('ISO 13485:2016 §4.2.4 for all controlled documents.', 'ISO 9001 and ISO 13485 for all controlled documents. It meets §4.21.');
    const dir = workspace({ '.qmslint.yaml': 'rules:\n  clause-unknown: off\n  coverage-gap: off\n', 'other.yaml': quiet, 's.md': sop });
    expect(run(dir, '--format', 'json').json[0].messages).toEqual([]);
    expect(run(dir, '--format', 'json', '--config', 'other.yaml').json[0].messages.map((m) => m.ruleId)).toEqual(['clause-unknown']);
    const iso9001 = run(dir, '--format', 'json', '--config', 'other.yaml', '--standard', 'iso9001:2015');
    // A citation that names no standard, in a document that names both, is read against the one in force.
    expect(iso9001.json[0].messages.find((m) => m.ruleId === 'clause-unknown')?.message).toContain('ISO 9001:2015 has no clause 4.21');
  });
});

describe('user standard packs', () => {
  const pack = acmePack(`  - {id: "1.1", title: Document control, parent: "1", documentedProcedure: true}
  - {id: "1.2", title: Training, parent: "1", documentedProcedure: true}
`);

  it('checks documents against a pack named in the config', () => {
    const dir = workspace({
      '.qmslint.yaml': 'standard: acme-qms:2026\npacks: [standards/acme.yaml]\n',
      'standards/acme.yaml': pack,
      's.md': CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses: ["1.1", "1.9"]').replace('ISO 13485:2016 §4.2.4', '§1.1'),
    });
    const r = run(dir, '--format', 'json');
    const messages = r.json.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(dir.length + 1)} ${m.ruleId} ${m.message}${m.detail ? ` ${m.detail}` : ''}`));
    expect(messages).toContainEqual(expect.stringMatching(/^s\.md clause-reference-missing Declared clause 1\.9 does not exist in ACME QMS 2026/));
    expect(messages).toContainEqual(expect.stringMatching(/^\.qmslint\.yaml coverage-gap ACME QMS 2026: 1 of 2 required clauses not covered\. 1 of 2 clauses .* Cited by no document: 1\.2 Training\./));
    expect(messages.filter((m) => m.includes('coverage-gap'))).toHaveLength(1);
  });

  it('refuses a pack outside the workspace and an invalid pack, naming the file', () => {
    const outside = workspace({ '.qmslint.yaml': 'packs: [../elsewhere.yaml]\n', 's.md': CLEAN_SOP });
    const r = run(outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.qmslint\.yaml: packs: \.\.\/elsewhere\.yaml is outside the workspace/);
    const invalid = workspace({ '.qmslint.yaml': 'packs: [p.yaml]\n', 'p.yaml': 'id: x\nclauses: nope\n', 's.md': CLEAN_SOP });
    const r2 = run(invalid);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('p.yaml');
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('hostile input', () => {
  it('reports a YAML alias bomb instead of expanding it', () => {
    const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    bomb.push('id: SOP-001', '---', '', '# Bomb', '');
    const dir = workspace({ '.qmslint.yaml': quiet, 'bomb.md': bomb.join('\n') });
    const r = run(dir, '--format', 'json');
    expect(r.json[0].messages).toContainEqual(expect.objectContaining({ ruleId: 'front-matter-syntax', line: 2 }));
  });

  it('reads invalid UTF-8 and reports on the file without crashing', () => {
    const bytes = Buffer.concat([Buffer.from(CLEAN_SOP.replace('Quality Manager', 'Qualit')), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\n')]);
    const dir = workspace({ '.qmslint.yaml': quiet, 'latin.md': bytes });
    const r = run(dir, '--format', 'json');
    expect([0, 1]).toContain(r.code);
    expect(r.json[0].filePath).toMatch(/latin\.md$/);
    expect(r.stderr).toBe('');
  });

  it('gives an oversized file one finding instead of analysis', () => {
    const dir = workspace({ '.qmslint.yaml': quiet, 'big.md': '# Big\n\n' + 'word '.repeat(300000) });
    const r = run(dir, '--format', 'json', '--max-file-size', '1');
    expect(r.json[0].messages.map((m) => m.ruleId)).toEqual(['file-too-large']);
    expect(readFileSync(join(dir, 'big.md'), 'utf8').length).toBeGreaterThan(1024 * 1024);
  });
});
