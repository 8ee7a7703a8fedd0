// Each rule declares what it reads besides its document (`needs`), and the project schedules rules
// by it: a document rule that needs neither the workspace index nor today's date runs where the
// document is analysed (a worker thread, the --cache), the others on the main thread. This test
// runs every document rule over every fixture and example with an index and a date that record
// being read, and holds the declarations to what it sees, so a declaration cannot drift from the
// check it describes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument, type ControlledDocument } from '../../server/src/core/document';
import { documentContext } from '../../server/src/core/document-context';
import type { WorkspaceIndex } from '../../server/src/core/index-workspace';
import type { DocumentContext } from '../../server/src/core/rule';
import type { Config } from '../../server/src/core/config';
import { rules } from '../../server/src/core/rules';
import { Catalog } from '../../server/src/core/standards/catalog';

const REPO = path.resolve(__dirname, '../..');

function markdownUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return markdownUnder(file);
    return name.endsWith('.md') ? [file] : [];
  });
}

/** A document context whose index and date note, in `touched`, that they were read, and stop the rule. */
function recordingContext(doc: ControlledDocument, config: Config, catalog: Catalog): { ctx: DocumentContext; touched: Set<'index' | 'today'> } {
  const touched = new Set<'index' | 'today'>();
  const stop = (what: 'index' | 'today') => (): never => {
    touched.add(what);
    throw new Error(`read ${what}`);
  };
  const index = new Proxy({} as WorkspaceIndex, { get: stop('index'), has: stop('index'), ownKeys: stop('index') });
  const ctx = documentContext(doc, config, catalog, index, '');
  Object.defineProperty(ctx, 'today', { get: stop('today'), enumerable: true });
  return { ctx, touched };
}

/** For each document rule, what it read on at least one fixture. */
function observedNeeds(): Map<string, Set<string>> {
  const seen = new Map(rules.map((r) => [r.id, new Set<string>()]));
  const files = [...markdownUnder(path.join(REPO, 'test/fixtures')), ...markdownUnder(path.join(REPO, 'examples'))];
  const catalog = Catalog.builtin();
  for (const file of files) {
    const config = defaultConfig(path.dirname(file));
    let doc;
    try {
      doc = buildDocument(file, readFileSync(file, 'utf8'), config, false);
    } catch {
      continue; // a file the parser cannot take runs no rule
    }
    const { ctx, touched } = recordingContext(doc, config, catalog);
    for (const rule of rules) {
      if (rule.scope !== 'document') continue;
      touched.clear();
      try {
        rule.check(ctx, () => {});
      } catch {
        // stopped (or failed): what it touched is recorded either way
      }
      for (const t of touched) seen.get(rule.id)!.add(t);
    }
  }
  return seen;
}

describe('declared rule needs', () => {
  const seen = observedNeeds();

  it.each(rules.filter((r) => r.scope === 'document').map((r) => [r.id, r] as const))('%s declares the index and the date exactly when it reads them', (id, rule) => {
    expect({ index: !!rule.needs.index, today: !!rule.needs.today }, id).toEqual({ index: seen.get(id)!.has('index'), today: seen.get(id)!.has('today') });
  });

  it('declares the base for exactly the change rules, and the index for every workspace rule', () => {
    for (const rule of rules) {
      expect(!!rule.needs.base, rule.id).toBe(rule.scope === 'change');
      if (rule.scope === 'workspace') expect(rule.needs.index, rule.id).toBe(true);
    }
  });

  it('sees some rule read each of the index and the date, so it can fail', () => {
    const all = new Set([...seen.values()].flatMap((s) => [...s]));
    expect([...all].sort()).toEqual(['index', 'today']);
  });
});
