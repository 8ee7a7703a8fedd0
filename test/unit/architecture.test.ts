// The floors of the house and which way their imports may go (issue 15):
//
//   client/src          the VS Code extension
//   server/src/protocol what client and server say to each other: request and notification types, plain data
//   server/src/shared   tiny pure helpers both sides use
//   server/src/cli      door: the qmslint command
//   server/src/lsp      door: the language server
//   server/src/host     what both doors share: file discovery, the disk workspace, the worker pool
//   server/src/core     the engine: text in, data out
//
// Core imports no other floor, host imports no door, and neither door imports
// the other; server/src has no import circle. Core touches no disk and starts
// no process: it imports none of Node's file system or child process modules
// (it reads through the Workspace interface the host implements). The client
// imports nothing from server/src but protocol and shared, which import no
// other floor (so the extension's bundle holds no server code). The graph is read with the
// TypeScript compiler's own import scanner (type-only imports count: they tie
// files together as much as the others), and relative specifiers are resolved
// to files the way the bundler does (file.ts, then folder/index.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ROOTS = ['server/src', 'client/src'];

/** Repository-relative POSIX path of a source file -> the files it imports (sorted). */
type Graph = Map<string, string[]>;

/** Repository-relative POSIX path of a source file -> the packages and Node modules it imports, as written (sorted). */
type Outside = Map<string, string[]>;

const isFile = (repoPath: string): boolean => {
  try {
    return statSync(path.join(REPO, repoPath)).isFile();
  } catch {
    return false;
  }
};

function sourceFiles(root: string): string[] {
  return (readdirSync(path.join(REPO, root), { recursive: true }) as string[])
    .map((f) => path.posix.join(root, f.split(path.sep).join('/')))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
}

/** The file a relative specifier names; a specifier that names no file is an error, so the graph cannot quietly lose edges. */
function resolveSpecifier(from: string, specifier: string): string {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  const found = [base, `${base}.ts`, `${base}/index.ts`].find(isFile);
  if (!found) throw new Error(`${from}: cannot resolve the import '${specifier}'`);
  return found;
}

const isRelative = (specifier: string): boolean => specifier.startsWith('./') || specifier.startsWith('../');

/** The import graph between the house's files, and what each file imports from outside it (packages, node: modules). */
function importGraph(): { graph: Graph; outside: Outside } {
  const graph: Graph = new Map();
  const outside: Outside = new Map();
  for (const file of ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(path.join(REPO, file), 'utf8');
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    const imported = specifiers.filter(isRelative).map((specifier) => resolveSpecifier(file, specifier));
    graph.set(file, [...new Set(imported)].sort());
    outside.set(file, [...new Set(specifiers.filter((specifier) => !isRelative(specifier)))].sort());
  }
  return { graph, outside };
}

const inFolder = (file: string, folder: string): boolean => file.startsWith(`${folder}/`);

/** Every import from a file in `from` of a file in one of `forbidden`, as "a -> b". */
function crossings(graph: Graph, from: string, forbidden: string[]): string[] {
  const out: string[] = [];
  for (const [file, imported] of graph) {
    if (!inFolder(file, from)) continue;
    for (const target of imported) if (forbidden.some((f) => inFolder(target, f))) out.push(`${file} -> ${target}`);
  }
  return out;
}

/** Node's modules that touch the disk or start processes, by the names an import may give them. */
const SYSTEM_MODULES = ['fs', 'fs/promises', 'child_process'];

/** Every import from a file in `from` of one of SYSTEM_MODULES (with or without `node:`), as "a -> node:fs". */
function systemImports(outside: Outside, from: string): string[] {
  const out: string[] = [];
  for (const [file, specifiers] of outside) {
    if (!inFolder(file, from)) continue;
    for (const specifier of specifiers) if (SYSTEM_MODULES.includes(specifier.replace(/^node:/, ''))) out.push(`${file} -> ${specifier}`);
  }
  return out;
}

/**
 * Each import circle, as the chain of files around it ("a -> b -> a"). The
 * strongly connected components (Tarjan) are the tangles; in each, the
 * shortest circle through its first file, then through each file no circle
 * so far passes, so every file of a tangle is named in a chain.
 */
function importCircles(graph: Graph): string[] {
  const circles: string[] = [];
  for (const component of components(graph)) {
    if (component.length === 1 && !graph.get(component[0])!.includes(component[0])) continue;
    const members = new Set(component);
    const named = new Set<string>();
    for (const file of component) {
      if (named.has(file)) continue;
      const chain = shortestCircle(graph, file, members);
      chain.forEach((f) => named.add(f));
      circles.push([...chain, file].join(' -> '));
    }
  }
  return circles.sort();
}

/** The strongly connected components of the graph, each sorted (Tarjan's algorithm). */
function components(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** The files of a shortest circle from `start` back to it inside `members` (breadth first), `start` first. */
function shortestCircle(graph: Graph, start: string, members: Set<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i])!) {
      if (next === start) {
        const chain = [start];
        for (let at = queue[i]; at !== start; at = cameFrom.get(at)!) chain.splice(1, 0, at);
        return chain;
      }
      if (members.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  throw new Error(`${start} is on no circle`);
}

/** Every import from a file in `from` of a file in `under` but outside each of `allowed`, as "a -> b". */
function importsOutside(graph: Graph, from: string, under: string, allowed: string[]): string[] {
  const out: string[] = [];
  for (const [file, imported] of graph) {
    if (!inFolder(file, from)) continue;
    for (const target of imported) if (inFolder(target, under) && !allowed.some((a) => inFolder(target, a))) out.push(`${file} -> ${target}`);
  }
  return out.sort();
}

/** Every package or Node module a file in `from` imports that is not in `allowed`, as "a -> package". */
function packagesOutside(outside: Outside, from: string, allowed: string[]): string[] {
  const out: string[] = [];
  for (const [file, specifiers] of outside) {
    if (!inFolder(file, from)) continue;
    for (const specifier of specifiers) if (!allowed.includes(specifier)) out.push(`${file} -> ${specifier}`);
  }
  return out.sort();
}

const RULES = 'server/src/core/rules';

/**
 * Imports that tie rules together: a rule file (a file directly in core/rules/ other than
 * index.ts) importing another one, or a shared helper (core/rules/shared/) importing a rule.
 * What several rules use lives in core/rules/shared/, so each rule can be read, changed and
 * tested alone.
 */
function ruleToRuleImports(graph: Graph): string[] {
  const isRule = (file: string) => path.posix.dirname(file) === RULES && file !== `${RULES}/index.ts`;
  const out: string[] = [];
  for (const [file, imported] of graph) {
    if (!isRule(file) && !inFolder(file, `${RULES}/shared`)) continue;
    for (const target of imported) if (isRule(target)) out.push(`${file} -> ${target}`);
  }
  return out.sort();
}

describe('the import graph', () => {
  const { graph, outside } = importGraph();
  const server = new Map([...graph].filter(([file]) => inFolder(file, 'server/src')));

  it('is read from the sources, with edges (an empty graph would pass everything)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].reduce((n, imported) => n + imported.length, 0)).toBeGreaterThan(300);
    expect(graph.get('server/src/cli/main.ts')).toContain('server/src/host/worker-pool.ts');
    expect(graph.get('server/src/core/coverage-report/markdown.ts')).toContain('server/src/core/visible.ts');
    // A type-only import and a folder's index.ts are edges too.
    expect(graph.get('server/src/cli/formatters/sarif.ts')).toContain('server/src/cli/formatters/context.ts');
    expect(graph.get('server/src/lsp/editor-requests.ts')).toContain('server/src/core/coverage-report/index.ts');
    // What comes from outside is read too: the host's disk workspace opens files.
    expect(outside.get('server/src/host/disk-workspace.ts')).toContain('node:fs/promises');
    expect(systemImports(outside, 'server/src/host')).toContain('server/src/host/read-file.ts -> node:fs/promises');
  });

  it('core imports nothing from host, cli or lsp', () => {
    expect(crossings(graph, 'server/src/core', ['server/src/host', 'server/src/cli', 'server/src/lsp'])).toEqual([]);
  });

  it('core imports no file system or child process module: it reads through the Workspace interface', () => {
    expect(systemImports(outside, 'server/src/core')).toEqual([]);
  });

  it('host imports nothing from cli or lsp', () => {
    expect(crossings(graph, 'server/src/host', ['server/src/cli', 'server/src/lsp'])).toEqual([]);
  });

  it('the language server imports nothing from the CLI', () => {
    expect(crossings(graph, 'server/src/lsp', ['server/src/cli'])).toEqual([]);
  });

  it('the CLI imports nothing from the language server', () => {
    expect(crossings(graph, 'server/src/cli', ['server/src/lsp'])).toEqual([]);
  });

  it('the extension imports nothing from server/src but the protocol and the shared helpers', () => {
    expect(importsOutside(graph, 'client/src', 'server/src', ['server/src/protocol', 'server/src/shared'])).toEqual([]);
    // It does use them (an empty check would pass anything).
    expect(graph.get('client/src/coverage-view.ts')).toContain('server/src/protocol/coverage.ts');
  });

  it('protocol and shared import no other floor, and no package but the LSP protocol types', () => {
    expect(importsOutside(graph, 'server/src/protocol', 'server/src', ['server/src/protocol'])).toEqual([]);
    expect(importsOutside(graph, 'server/src/shared', 'server/src', ['server/src/shared'])).toEqual([]);
    expect(packagesOutside(outside, 'server/src/protocol', ['vscode-languageserver-protocol'])).toEqual([]);
    expect(packagesOutside(outside, 'server/src/shared', [])).toEqual([]);
  });

  it('server/src has no import circle', () => {
    expect(importCircles(server)).toEqual([]);
  });

  it('no rule imports another rule: what rules share is in core/rules/shared/', () => {
    expect(ruleToRuleImports(graph)).toEqual([]);
    // Every file beside index.ts in core/rules/ is a rule that index.ts registers (a helper there would be mistaken for one).
    const ruleFiles = [...graph.keys()].filter((f) => path.posix.dirname(f) === RULES && f !== `${RULES}/index.ts`);
    expect(ruleFiles.length).toBeGreaterThan(20);
    expect(ruleFiles.filter((f) => !graph.get(`${RULES}/index.ts`)!.includes(f))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find a circle and name its files in order, and report each circle once', () => {
    const graph: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCircles(graph)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts', 'e.ts -> e.ts']);
    // Two circles through one file: each file is named in a chain.
    const tangle: Graph = new Map([
      ['doc.ts', ['ids.ts', 'lines.ts']],
      ['ids.ts', ['doc.ts']],
      ['lines.ts', ['doc.ts']],
    ]);
    expect(importCircles(tangle)).toEqual(['doc.ts -> ids.ts -> doc.ts', 'lines.ts -> doc.ts -> lines.ts']);
    expect(importCircles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('find a rule importing a rule, and a shared helper importing a rule', () => {
    const graph: Graph = new Map([
      [`${RULES}/a.ts`, [`${RULES}/b.ts`, `${RULES}/shared/x.ts`, 'server/src/core/document.ts']],
      [`${RULES}/b.ts`, [`${RULES}/shared/x.ts`]],
      [`${RULES}/index.ts`, [`${RULES}/a.ts`, `${RULES}/b.ts`]],
      [`${RULES}/shared/x.ts`, [`${RULES}/shared/y.ts`]],
      [`${RULES}/shared/y.ts`, [`${RULES}/a.ts`]],
    ]);
    expect(ruleToRuleImports(graph)).toEqual([`${RULES}/a.ts -> ${RULES}/b.ts`, `${RULES}/shared/y.ts -> ${RULES}/a.ts`]);
  });

  it('find an import across floors', () => {
    const graph: Graph = new Map([['server/src/core/x.ts', ['server/src/cli/y.ts', 'server/src/core/z.ts']]]);
    expect(crossings(graph, 'server/src/core', ['server/src/cli'])).toEqual(['server/src/core/x.ts -> server/src/cli/y.ts']);
  });

  it('find an import from the extension of server code other than the protocol and the shared helpers', () => {
    const graph: Graph = new Map([
      ['client/src/a.ts', ['client/src/b.ts', 'server/src/protocol/coverage.ts', 'server/src/shared/yaml-scalar.ts', 'server/src/core/standards/label.ts']],
      ['client/src/b.ts', ['server/src/lsp/custom.ts', 'server/src/protocolish/x.ts']],
      ['server/src/lsp/custom.ts', ['server/src/core/coverage.ts']],
    ]);
    expect(importsOutside(graph, 'client/src', 'server/src', ['server/src/protocol', 'server/src/shared'])).toEqual([
      'client/src/a.ts -> server/src/core/standards/label.ts',
      'client/src/b.ts -> server/src/lsp/custom.ts',
      'client/src/b.ts -> server/src/protocolish/x.ts',
    ]);
  });

  it('find a package the protocol imports beyond the ones it may', () => {
    const outside: Outside = new Map([
      ['server/src/protocol/a.ts', ['vscode-languageserver-protocol', 'vscode-languageserver/node']],
      ['server/src/protocol/b.ts', ['node:path']],
      ['server/src/lsp/c.ts', ['node:fs']],
    ]);
    expect(packagesOutside(outside, 'server/src/protocol', ['vscode-languageserver-protocol'])).toEqual([
      'server/src/protocol/a.ts -> vscode-languageserver/node',
      'server/src/protocol/b.ts -> node:path',
    ]);
  });

  it('find a file system or child process import in a folder, written either way', () => {
    const outside: Outside = new Map([
      ['server/src/core/a.ts', ['node:fs', 'node:path', 'yaml']],
      ['server/src/core/b.ts', ['fs/promises']],
      ['server/src/core/c.ts', ['node:child_process']],
      ['server/src/core/d.ts', ['node:fs/promises']],
      ['server/src/host/e.ts', ['node:fs']],
    ]);
    expect(systemImports(outside, 'server/src/core')).toEqual([
      'server/src/core/a.ts -> node:fs',
      'server/src/core/b.ts -> fs/promises',
      'server/src/core/c.ts -> node:child_process',
      'server/src/core/d.ts -> node:fs/promises',
    ]);
  });
});
