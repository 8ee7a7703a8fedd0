// The CI integration files are documentation users copy: their qmslint
// command lines must parse with the CLI as it is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCliArgs } from '../../server/src/cli/args';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

/** Splits a shell command line into words, dropping quotes and expanding nothing. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

describe('CI integration files', () => {
  it('docs/ci.md shows only command lines the CLI accepts', () => {
    const lines = read('docs/ci.md')
      .split('\n')
      // A workflow expression (\${{ matrix.shard }}) stands for a value: 1 is one every option takes.
      .map((l) => /npx qmslint(.*?)(\|\||$)/.exec(l.replace(/\$\{\{[^}]*\}\}/g, '1'))?.[1])
      .filter((l): l is string => l !== undefined);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(() => parseCliArgs(words(line)), line).not.toThrow();
  });

  it('action.yml passes only options the CLI has', () => {
    const action = parse(read('action.yml'));
    expect(action.runs.using).toBe('composite');
    // The step that runs the CLI; the install step's flags are npm's.
    const script = action.runs.steps.find((s: { name?: string }) => s.name === 'Run qmslint').run as string;
    const flags = [...script.matchAll(/(--[a-z-]+)/g)].map((m) => m[1]);
    expect(flags).toEqual(expect.arrayContaining(['--format', '--base', '--max-warnings']));
    for (const flag of new Set(flags)) {
      const value = flag === '--max-warnings' ? '3' : flag === '--format' ? 'sarif' : 'x';
      expect(() => parseCliArgs([flag, value]), flag).not.toThrow();
    }
  });

  it('the pre-commit hook runs the bin with accepted arguments', () => {
    const [hook] = parse(read('.pre-commit-hooks.yaml'));
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.bin[hook.entry]).toBe('out/cli.js');
    // pre-commit runs `npm pack` in the hook's repository, and npm pack runs prepack, which builds the bin
    // (prepare would do it too, but npm warns about a tarball's prepare script on install).
    expect(pkg.scripts.prepack).toBe('node esbuild.mjs');
    expect(() => parseCliArgs(hook.args)).not.toThrow();
  });
});
