// The VS Code extension's package, checked without an editor (vitest): the
// manifest against the code and the rules, the snippets and grammars as
// files, the requests the extension makes of the bundled server, and every
// new-document template linted by the real server. The editor itself is
// exercised by the suite in test/e2e/suite (npm run test:e2e).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentSnippet, yamlScalar } from '../../client/src/templates';
import { CANONICAL_FIELDS } from '../../server/src/core/config';
import { nextFreeId } from '../../server/src/core/features/skeleton';
import { rules } from '../../server/src/core/rules';
import { skeletonKind } from '../../server/src/shared/skeleton';
import type { NewDocumentResponse } from '../../server/src/protocol/new-document';
import type { StandardsResponse } from '../../server/src/protocol/standards';
import { packageVsix } from '../../scripts/package-vsix.mjs';
import { REPO, tempCopy, TestClient, uriOf } from '../lsp/client';

const read = (p: string) => readFileSync(path.join(REPO, p), 'utf8');
const manifest = JSON.parse(read('package.json'));
type Snippets = Record<string, { prefix?: string | string[]; description?: string; body: string | string[] }>;
const snippets = JSON.parse(read('snippets/markdown.code-snippets')) as Snippets;
const extensionSource = ['extension.ts', 'commands.ts', 'coverage-view.ts', 'status-bar.ts'].map((f) => read(`client/src/${f}`)).join('\n');

/** A snippet as VS Code inserts it when the user tabs through without typing: every field keeps its default. */
export function expandSnippet(body: string): string {
  // Escaped characters stand aside while tab stops expand.
  const escaped: string[] = [];
  let out = body.replace(/\\([$}\\])/g, (_, c: string) => `\u0000${escaped.push(c) - 1}\u0000`);
  const defaults = new Map<string, string>();
  out = out.replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, value: string) => {
    defaults.set(n, value);
    return value;
  });
  out = out.replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, (_, n: string, first: string) => {
    defaults.set(n, first);
    return first;
  });
  out = out.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => defaults.get(a ?? b!) ?? '');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => escaped[Number(i)]);
}

describe('manifest', () => {
  it('declares every command it registers, and registers every command it declares, all in category QMS', () => {
    const declared = (manifest.contributes.commands as { command: string; category: string }[]).map((c) => c.command).sort();
    const registered = [...extensionSource.matchAll(/register\('([\w.]+)'/g)].map((m) => m[1]);
    registered.push('qmslint.showDocumentProblems', 'qmslint.applyBumpRevision');
    expect([...new Set(registered)].sort()).toEqual(declared);
    for (const c of manifest.contributes.commands) expect(c.category).toBe('QMS');
    for (const title of ['New Controlled Document...', 'Bump Revision', 'Show Clause Coverage', 'Export Coverage Matrix...', 'Select Standard...', 'Lint Workspace', 'Restart Server']) {
      expect(manifest.contributes.commands.map((c: { title: string }) => c.title)).toContain(title);
    }
  });

  it('menus name declared commands and the view', () => {
    const declared = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const [where, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
      for (const e of entries) expect(declared.has(e.command), `${where}: ${e.command}`).toBe(true);
    }
    const views = Object.values(manifest.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);
    expect(views).toEqual(['qmslint.coverage']);
    for (const w of manifest.contributes.viewsWelcome) expect(views).toContain(w.view);
  });

  it('accepts VS Code 1.91 and later, and types against 1.91 (vsce refuses newer types than the engine)', () => {
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.devDependencies['@types/vscode']).toBe('1.91.0');
    expect(manifest.main).toBe('./out/extension.js');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:markdown', 'workspaceContains:**/.qmslint.yaml', 'workspaceContains:**/.qmslint.json']));
  });

  it('offers the settings the issue names, and rule overrides by known rule id', () => {
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(['qmslint.author', 'qmslint.documents', 'qmslint.enable', 'qmslint.rules', 'qmslint.standard', 'qmslint.trace.server']);
    expect([...props['qmslint.rules'].propertyNames.enum].sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('points at files that exist and that .vscodeignore keeps', () => {
    const c = manifest.contributes;
    const files = [
      manifest.icon,
      ...c.viewsContainers.activitybar.map((v: { icon: string }) => v.icon),
      ...c.snippets.map((s: { path: string }) => s.path),
      ...c.grammars.map((g: { path: string }) => g.path),
      ...c.jsonValidation.map((v: { url: string }) => v.url),
      ...c.yamlValidation.map((v: { url: string }) => v.url),
      ...c.walkthroughs.flatMap((w: { steps: { media: { markdown?: string; image?: string } }[] }) => w.steps.map((s) => s.media.markdown ?? s.media.image)),
    ].map((f: string) => f.replace(/^\.\//, ''));
    const kept = read('.vscodeignore')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => new RegExp(`^${l.slice(1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
    for (const f of files) {
      expect(existsSync(path.join(REPO, f)), f).toBe(true);
      expect(kept.some((k) => k.test(f)), `${f} is kept in the .vsix`).toBe(true);
    }
  });

  // VS Code 1.139 (workbench gettingStartedService, registerDoneListeners) knows these kinds of
  // completion event and logs "Unknown completionEvent" for any other, and the step then never completes.
  const COMPLETION_EVENTS = ['onLink', 'onEvent', 'onView', 'onSettingChanged', 'onContext', 'onStepSelected', 'stepSelected', 'onCommand', 'onExtensionInstalled', 'extensionInstalled'];

  it('completes each walkthrough step on an event VS Code knows; the configuration step on the key the extension sets', () => {
    const steps: { id: string; completionEvents: string[] }[] = manifest.contributes.walkthroughs.flatMap((w: { steps: unknown[] }) => w.steps);
    for (const step of steps) {
      expect(step.completionEvents.length, step.id).toBeGreaterThan(0);
      for (const event of step.completionEvents) expect(COMPLETION_EVENTS, `${step.id}: ${event}`).toContain(event.split(':')[0]);
    }
    const config = steps.find((s) => s.id === 'createConfig')!;
    expect(config.completionEvents).toEqual(['onContext:qmslint.hasConfig', 'onCommand:qmslint.createConfig']);
    expect(read('client/src/config-context.ts')).toContain("HAS_CONFIG_CONTEXT = 'qmslint.hasConfig'");
    expect(read('client/src/extension.ts')).toContain('watchConfigContext()');
  });

  it("keeps the walkthrough's code samples narrow enough for its media column", () => {
    for (const file of ['media/walkthrough/config.md', 'media/walkthrough/first-sop.md']) {
      const blocks = [...read(file).matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
      expect(blocks.length, file).toBeGreaterThan(0);
      // About 50 characters fit beside the step list in a 1440 px window before the line is cut.
      for (const line of blocks.flatMap((b) => b.split('\n'))) expect(line.length, `${file}: ${line}`).toBeLessThanOrEqual(50);
    }
  });
});

describe('snippets and grammars', () => {
  it('has the snippets the issue lists, each with a qms- prefix', () => {
    expect(Object.keys(snippets)).toEqual(
      expect.arrayContaining(['Revision history table', 'Revision row', 'Approval block', 'Clause citation', 'Disable a rule on the next line']),
    );
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      expect(prefixes[0], name).toMatch(/^qms-/);
      expect(s.description, name).toBeTruthy();
    }
  });

  it('holds no document skeleton and no document id: a fixed id collides (skeletons are completion items with the next free id)', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      expect(body, name).not.toMatch(/^-{3}$|^id:|\b[A-Z]{2,}-\d+\b/m);
    }
  });

  it('offers exactly the rule ids in the suppression snippets', () => {
    const ids = rules.map((r) => r.id).sort();
    for (const [name, s] of Object.entries(snippets).filter(([n]) => n.startsWith('Disable'))) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      const choice = /\$\{1\|([^|]*)\|\}/.exec(body);
      expect(choice?.[1].split(',').sort(), name).toEqual(ids);
    }
  });

  it('highlights the front-matter keys qmslint knows', () => {
    const grammar = JSON.parse(read('syntaxes/qmslint-frontmatter.injection.tmLanguage.json'));
    const keys = /^\\G\(([^)]*)\)/.exec(grammar.repository['known-key'].match)![1].split('|');
    expect(keys.sort()).toEqual([...CANONICAL_FIELDS].sort());
  });

  it('grammars are injected into Markdown and their patterns compile', () => {
    for (const g of manifest.contributes.grammars) {
      const grammar = JSON.parse(read(g.path));
      expect(grammar.scopeName).toBe(g.scopeName);
      expect(grammar.injectionSelector).toMatch(/^L:/);
      const patterns: string[] = [];
      JSON.stringify(grammar, (key, value) => (key === 'match' && typeof value === 'string' ? (patterns.push(value), value) : value));
      // JavaScript's regex syntax covers what these patterns use from Oniguruma's, but \G (where the scan started).
      for (const p of patterns) expect(() => new RegExp(p.replace(/\\G/g, '^'), 'u'), p).not.toThrow();
    }
  });
});

describe('yamlScalar', () => {
  it('leaves ordinary titles plain and quotes the ones YAML would misread', () => {
    expect(yamlScalar('Control of Documents')).toBe('Control of Documents');
    expect(yamlScalar('CAPA (Corrective Action)')).toBe('CAPA (Corrective Action)');
    for (const t of ['Design: Control', '2016', '- list', '[draft]', 'Audit #1 ok #2', 'trailing ']) {
      expect(yamlScalar(t), t).toBe(JSON.stringify(t));
    }
    // As qmslint's fixes write front-matter values (one yamlScalar, server/src/shared/yaml-scalar.ts):
    // YAML 1.2 reads `No` as a string, and a value with double quotes and no single one goes in single quotes.
    expect(yamlScalar('No')).toBe('No');
    expect(yamlScalar('"quoted"')).toBe(`'"quoted"'`);
  });
});

describe('nextFreeId', () => {
  it('continues the prefix and padding of the type, and never reuses an id', () => {
    expect(nextFreeId('SOP', ['SOP-001', 'SOP-004'], ['SOP-001', 'SOP-004', 'WI-001'])).toBe('SOP-005');
    expect(nextFreeId('FRM', [], ['SOP-001'])).toBe('FRM-001');
    expect(nextFreeId('SOP', ['QP-12', 'QP-7'], ['QP-12', 'QP-7'])).toBe('QP-13');
    expect(nextFreeId('WI', ['WI-0099'], ['WI-0099'])).toBe('WI-0100');
    // A document of another type holding the next number still blocks it.
    expect(nextFreeId('SOP', ['SOP-001'], ['SOP-001', 'SOP-002'])).toBe('SOP-003');
  });
});

describe('the requests the extension makes of the bundled server', () => {
  let client: TestClient;
  let root: string;

  beforeAll(async () => {
    root = tempCopy('test/e2e/fixture');
    client = await TestClient.start([root]);
  });
  afterAll(() => client.stop());

  it('qmslint/standards lists the catalogs and the configured one', async () => {
    const answer = await client.request<StandardsResponse>('qmslint/standards', { uri: uriOf(root) });
    expect(answer.configured).toBe('iso13485:2016');
    expect(answer.standards.map((s) => s.id)).toEqual(expect.arrayContaining(['iso13485:2016', 'iso9001:2015', '21cfr820']));
    expect(answer.standards.every((s) => s.builtin && s.clauses > 0)).toBe(true);
  });

  it('qmslint/coverageExport answers with the CLI formats', async () => {
    const csv = await client.request<{ text: string }>('qmslint/coverageExport', { uri: uriOf(root), format: 'csv' });
    expect(csv.text).toMatch(/^Standard,Group,Clause,/);
    expect(csv.text).toContain('sops/sop-001-control-of-documents.md');
    await expect(client.request('qmslint/coverageExport', { uri: uriOf(root), format: 'pdf' })).rejects.toThrow(/unknown format/);
  });

  it('qmslint/newDocument gives each type its next id and folder; every template lints clean there', async () => {
    const info = await client.request<NewDocumentResponse>('qmslint/newDocument', { uri: uriOf(root) });
    expect(info).toMatchObject({ today: '2026-11-26', standard: 'iso13485:2016', standardTitle: 'ISO 13485:2016', clause: '4.1.6', historyHeading: 'Revision History' });
    const byType = new Map(info.types.map((t) => [t.type, t]));
    expect([...byType.keys()]).toEqual(expect.arrayContaining(['SOP', 'WI', 'FRM', 'REC', 'POL', 'MAN', 'PLN', 'TPL']));
    expect(byType.get('SOP')).toMatchObject({ nextId: 'SOP-005', count: 4, directory: uriOf(path.join(root, 'sops')) });
    expect(byType.get('WI')).toMatchObject({ nextId: 'WI-002', directory: uriOf(path.join(root, 'work-instructions')) });
    expect(byType.get('FRM')).toMatchObject({ nextId: 'FRM-001', count: 0, directory: uriOf(root) });

    for (const type of info.types) {
      // A title with what snippets and YAML treat specially.
      const title = `New ${type.type}: $1 $& {x} "quoted" #2`;
      const text = expandSnippet(documentSnippet(info, type, title));
      expect(text, type.type).toContain(`id: ${type.nextId}\n`);
      expect(text, type.type).toContain(`type: ${type.type}\n`);
      // Double quotes and no single one: single-quoted, as the fixes write such a value.
      expect(text, type.type).toContain(`title: '${title}'\n`);
      expect(text, type.type).toContain(`\n# ${title}\n`);
      const file = path.join(root, `new-${type.type.toLowerCase()}.md`);
      writeFileSync(file, text);
      await client.open(file, text);
      expect(await client.pull(file), `${type.type} from the ${skeletonKind(type.type)} skeleton:\n${text}`).toEqual([]);
      await client.close(file);
    }
  });
});

describe('the README', () => {
  it('gives the size of the .vsix that npm run package builds (within 15%)', () => {
    const stated = /qmslint\.vsix \([^)]*about (\d+) KB\)/.exec(read('README.md'));
    expect(stated, 'the README says how large qmslint.vsix is').not.toBeNull();
    const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-vsix-'));
    try {
      const { bytes } = packageVsix(path.join(dir, 'qmslint.vsix'), { quiet: true, stage: path.join(dir, 'stage') });
      const kb = bytes / 1024;
      expect(Math.abs(kb - Number(stated![1])) / kb, `the README says about ${stated![1]} KB, the .vsix is ${Math.round(kb)} KB`).toBeLessThan(0.15);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Issue 16, point 3: every diagnostic's code links to its rule page; the .vsix ships the pages
// (and the two pages they link to), the server bundled in it links to them, and VS Code opens
// a page of the installed extension in its Markdown preview (configurationDefaults).
describe('the rule pages in the .vsix', () => {
  let dir: string;
  let unpacked: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qmslint-vsix-docs-'));
    const { file } = packageVsix(path.join(dir, 'qmslint.vsix'), { quiet: true, stage: path.join(dir, 'stage') });
    execFileSync('unzip', ['-q', file, '-d', path.join(dir, 'x')]);
    unpacked = path.join(dir, 'x', 'extension');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the page of every rule, the index, and every page they link to', () => {
    const pages = rules.map((r) => `${r.id}.md`).concat('README.md');
    for (const page of pages) expect(existsSync(path.join(unpacked, 'docs/rules', page)), `docs/rules/${page} in the .vsix`).toBe(true);
    for (const page of pages) {
      // Relative links outside code: the page a user follows from the preview must be there too.
      const prose = readFileSync(path.join(unpacked, 'docs/rules', page), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const [, target] of prose.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        expect(existsSync(path.join(unpacked, 'docs/rules', target)), `${page} links to ${target}, which the .vsix must hold`).toBe(true);
      }
    }
  });

  it("has the bundled server link each diagnostic's code to the page inside the installed extension", async () => {
    const root = tempCopy('test/e2e/fixture');
    const client = await TestClient.start([root], { server: path.join(unpacked, 'out/server.js') });
    try {
      const report = await client.pullWorkspace();
      const hrefs = report.items.flatMap((i) => (i.kind === 'full' ? i.items.map((d) => ({ code: d.code, href: d.codeDescription?.href })) : []));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const { code, href } of hrefs) expect(href, String(code)).toBe(uriOf(path.join(unpacked, 'docs/rules', `${code}.md`)));
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("opens the installed extension's pages in the Markdown preview, and no one else's", () => {
    const associations = manifest.contributes.configurationDefaults['workbench.editorAssociations'] as Record<string, string>;
    // VS Code installs an extension in <extensions>/<publisher>.<name>-<version>[-<platform>].
    expect(associations).toEqual({ [`**/${manifest.publisher}.${manifest.name}-*/docs/**/*.md`]: 'vscode.markdown.preview.editor' });
  });
});
