// Every regular expression the engine uses, for the ReDoS test: the literals
// are read from the TypeScript syntax tree of server/src (so none is missed
// and none is guessed from text), the ones built with `new RegExp(...)` are
// caught while they are built, by a constructor that records them, and named
// by the source line that built them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SRC = path.join(REPO, 'server/src');

export interface RegexUse {
  source: string;
  flags: string;
  /** server/src-relative file and 1-based line. */
  site: string;
}

/**
 * Every .ts file under server/src that git tracks (a file someone is still
 * writing, not yet added, is not part of the engine) and that is still there
 * (one moved or deleted in the working tree is not either); every one outside git.
 */
export function sourceFiles(): string[] {
  const tracked = spawnSync('git', ['ls-files', '-z', 'server/src'], { cwd: REPO, encoding: 'utf8' });
  const names =
    tracked.status === 0 && tracked.stdout
      ? tracked.stdout.split('\0').filter(Boolean).map((f) => path.relative('server/src', f))
      : (readdirSync(SRC, { recursive: true }) as string[]);
  return names
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(SRC, f))
    .filter((f) => existsSync(f))
    .sort();
}

export interface Inventory {
  literals: RegexUse[];
  /** Sites of `new RegExp(...)` and `RegExp(...)`: file:line. */
  constructions: string[];
}

export function inventory(): Inventory {
  const literals: RegexUse[] = [];
  const constructions: string[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const site = (node: ts.Node) => `${path.relative(SRC, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const slash = literal.lastIndexOf('/');
        literals.push({ source: literal.slice(1, slash), flags: literal.slice(slash + 1), site: site(node) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        constructions.push(site(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, constructions };
}

/**
 * Replaces the global RegExp with one that records what is built and where
 * (the first stack frame in server/src). Modules imported afterwards build
 * their patterns through it. Returns the records and a function that restores
 * the real RegExp.
 */
export function recordConstructions(): { built: RegexUse[]; restore(): void } {
  const Real = globalThis.RegExp;
  const built: RegexUse[] = [];
  const srcPrefix = SRC.split(path.sep).join('/') + '/';
  const where = (): string => {
    const stack = new Error().stack ?? '';
    for (const line of stack.split('\n')) {
      const m = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):\d+\)?$/.exec(line.trim());
      if (!m) continue;
      const file = m[1].replace(/^file:\/\//, '');
      if (file.endsWith('/regex-inventory.ts')) continue;
      // The caller: the engine's own code, or a library it imports (not ours to check).
      return file.startsWith(srcPrefix) ? `${file.slice(srcPrefix.length)}:${m[2]}` : '(outside server/src)';
    }
    return '(outside server/src)';
  };
  const record = (r: RegExp) => {
    const site = where();
    if (site !== '(outside server/src)') built.push({ source: r.source, flags: r.flags, site });
    return r;
  };
  globalThis.RegExp = new Proxy(Real, {
    construct: (target, args, newTarget) => record(Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget)),
    apply: (target, _this, args) => record(Reflect.apply(target, undefined, args) as RegExp),
  });
  return {
    built,
    restore: () => {
      globalThis.RegExp = Real;
    },
  };
}
