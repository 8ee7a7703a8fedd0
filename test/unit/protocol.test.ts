// The protocol module (server/src/protocol) copies the shapes of core's data as plain
// interfaces, so the extension imports no server code. These checks hold the copies to core:
// the type-level ones fail `npm run typecheck` when core and the wire drift apart, the others
// hold the method names unique and documented in docs/lsp.md.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-protocol';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as core from '../../server/src/core/coverage';
import type { DocumentInfo } from '../../server/src/core/features/document-info';
import type * as wire from '../../server/src/protocol/coverage';
import type { DocumentInfoResponse } from '../../server/src/protocol/document-info';
import { REPO } from '../lsp/client';

describe('the wire types are core data as plain data', () => {
  it('coverage: states, summary, incorporated standards and how a document covers are core\'s', () => {
    expectTypeOf<wire.CoverageState>().toEqualTypeOf<core.CoverageState>();
    expectTypeOf<wire.CoverageSummary>().toEqualTypeOf<core.CoverageSummary>();
    expectTypeOf<wire.IncorporatedStandard>().toEqualTypeOf<core.IncorporatedStandard>();
    expectTypeOf<wire.OwnDocument>().toEqualTypeOf<core.OwnDocument>();
    expectTypeOf<wire.CoveringDocument['via']>().toEqualTypeOf<core.CoveringDocument['via']>();
    expectTypeOf<wire.CoveringDocument['from']>().toEqualTypeOf<core.CoveringDocument['from']>();
  });

  it('document info: core\'s model with LSP ranges, the document as a URI', () => {
    type Model = Omit<DocumentInfo<Range>, 'path' | 'referencedBy'>;
    type Wire = Omit<DocumentInfoResponse, 'uri' | 'referencedBy'>;
    // Every field core gives is on the wire, and fits it; the wire has no field core lacks.
    expectTypeOf<Model>().toExtend<Wire>();
    expectTypeOf<keyof Model>().toEqualTypeOf<keyof Wire>();
  });
});

describe('the methods', () => {
  const dir = path.join(REPO, 'server/src/protocol');
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const methods = sources.flatMap((s) => [...s.matchAll(/new (?:Request|Notification)Type<[^;]*\('([^']+)'\)/g)].map((m) => m[1]));

  it('are each declared once, all qmslint/ ones', () => {
    expect(methods.length).toBeGreaterThanOrEqual(6);
    expect(new Set(methods).size).toBe(methods.length);
    for (const m of methods) expect(m).toMatch(/^qmslint\/\w+$/);
    expect(methods).toContain('qmslint/coverageChanged');
  });

  it('are each described in docs/lsp.md', () => {
    const docs = readFileSync(path.join(REPO, 'docs/lsp.md'), 'utf8');
    expect(methods.filter((m) => !docs.includes(`\`${m}\``))).toEqual([]);
  });
});
