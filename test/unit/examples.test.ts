// The example QMS is the product's first impression: its planted defects must
// be found exactly, and its clean documents must stay clean.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/core/project';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { TODAY } from '../helpers';

const root = fileURLToPath(new URL('../../examples', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = `${dir}/${name}`;
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

/** The answer key in examples/README.md: | file | line | rule | what | */
function plantedDefects(): { file: string; line: number; rule: string }[] {
  const readme = readFileSync(`${root}/README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('## Planted defects'));
  return [...section.matchAll(/^\| ((?:sops|forms|manual|work-instructions)\/[^ |]+) \| (\d+) \| ([a-z-]+) \|/gm)].map((m) => ({
    file: m[1],
    line: Number(m[2]),
    rule: m[3],
  }));
}

describe('examples/', async () => {
  const result = await lint({ workspace: new DiskWorkspace(), files: markdownFiles(root), root, today: TODAY });
  const rel = (p: string) => p.slice(root.length + 1);

  it('has an answer key', () => {
    expect(plantedDefects().length).toBeGreaterThanOrEqual(6);
  });

  it.each(plantedDefects().map((d) => [`${d.file}:${d.line} ${d.rule}`, d] as const))('finds %s', (_, d) => {
    const found = result.files.find((f) => rel(f.path) === d.file)!.findings;
    expect(found.filter((f) => f.ruleId === d.rule).map((f) => f.line)).toContain(d.line);
  });

  it('reports nothing else on the documents with planted defects', () => {
    const planted = plantedDefects();
    for (const file of new Set(planted.map((d) => d.file))) {
      const expected = planted.filter((d) => d.file === file).map((d) => `${d.rule}@${d.line}`).sort();
      const got = result.files.find((f) => rel(f.path) === file)!.findings.map((f) => `${f.ruleId}@${f.line}`).sort();
      expect(got).toEqual(expected);
    }
  });

  it('reports nothing on the clean documents', () => {
    const planted = new Set(plantedDefects().map((d) => d.file));
    for (const file of result.files) {
      const name = rel(file.path);
      if (planted.has(name) || name.startsWith('imported/') || name.endsWith('.qmslint.yaml')) continue;
      expect(file.findings.map((f) => `${name}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([]);
    }
  });

  it('extracts citations from the imported document without front matter', () => {
    const doc = result.files.find((f) => rel(f.path).startsWith('imported/'))!.document!;
    expect(doc.citations.map((c) => c.clause)).toEqual(expect.arrayContaining(['7.4.1', '7.4.2', '7.4.3']));
    expect(result.files.find((f) => f.document === doc)!.findings.map((f) => f.ruleId)).toContain('front-matter-missing');
  });
});
