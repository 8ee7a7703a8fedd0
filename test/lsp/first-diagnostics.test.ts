// A document open from the start gets its first diagnostics while the folder's first lint still
// runs in worker threads (issue 17, point 4): from its text alone, so without what only the index
// can tell (an unresolved reference, a broken link), which would be false before the index exists.
// When the lint ends, the server asks the client to pull again, and the complete findings are those
// of a server that was never in a hurry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.mjs';
import { Project } from '../../server/src/core/project';
import { rules } from '../../server/src/core/rules';
import { discoverFiles } from '../../server/src/host/discover';
import { DiskWorkspace } from '../../server/src/host/disk-workspace';
import { REPO, TestClient, TODAY, uriOf } from './client';

const dir = mkdtempSync(path.join(tmpdir(), 'qmslint-first-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = path.join(dir, 'ws');
// More documents than the server analyses on its own thread: the first lint runs in threads.
writeCorpus(root, { docs: 48, seed: 5 });

/** The rules that need the workspace index and fire on the planted documents. */
const INDEX_RULES = ['doc-reference-unresolved', 'link-broken'];

const approvals = (date: string) =>
  ['approvals:', `  - {role: author, name: Dana Whitfield, date: ${date}-01}`, `  - {role: reviewer, name: Omar Haddad, date: ${date}-02}`, `  - {role: approver, name: Lena Brandt, date: ${date}-03}`].join('\n');

// Findings of every kind: a placeholder (the document alone), a review overdue (today's date), a
// finding suppressed by a comment, and two that only the index can tell (SOP-999, the missing manual).
const planted = path.join(root, 'sops/sop-900-planted-defects.md');
writeFileSync(
  planted,
  `---
id: SOP-900
title: Planted Defects
type: SOP
revision: B
status: effective
effective_date: YYYY-MM-DD
owner: Quality Manager
clauses: ["7.4.1"]
${approvals('2021-03')}
next_review: 2025-01-15
references: [SOP-001, SOP-999]
---

# Planted Defects

## 1. Purpose

This procedure implements ISO 13485:2016, para. 7.4.1. It applies together with
[the manual](../manual/qm-999-missing.md).

<!-- qmslint-disable-next-line clause-unknown -- planted: suppressed in either answer -->
It also cites ISO 13485:2016 §4.21.

## 2. Revision History

| Revision | Date | Author | Description |
|---|---|---|---|
| A | 2020-01-10 | Dana Whitfield | Initial release. |
| B | 2021-03-01 | Omar Haddad | Scope widened. |
`,
);
// Clean but for a reference to a document that does not exist: only the index can tell.
const onlyIndex = path.join(root, 'sops/sop-901-only-index.md');
writeFileSync(
  onlyIndex,
  `---
id: SOP-901
title: Only Index Findings
type: SOP
revision: A
status: effective
effective_date: 2026-02-10
owner: Quality Manager
clauses: ["7.4.1"]
${approvals('2026-02')}
next_review: 2028-02-10
references: [SOP-001, SOP-998]
---

# Only Index Findings

## 1. Purpose

This procedure implements ISO 13485:2016, para. 7.4.1.

## 2. Revision History

| Revision | Date | Author | Description |
|---|---|---|---|
| A | 2026-02-01 | Dana Whitfield | Initial release. |
`,
);

const codes = (items: Diagnostic[]) => items.map((d) => String(d.code));

/** What a server that lints the folder on one thread (never answering early) reports on the two documents. */
async function lintedUnhurried(): Promise<Diagnostic[][]> {
  const client = await TestClient.start([root], { jobs: 1 });
  try {
    await client.open(planted);
    await client.open(onlyIndex);
    return [await client.pull(planted), await client.pull(onlyIndex)];
  } finally {
    await client.stop();
  }
}
let unhurriedOnce: Promise<Diagnostic[][]> | undefined;
const unhurried = () => (unhurriedOnce ??= lintedUnhurried());

describe('a document open from the start, while the first lint runs in threads', () => {
  it('gets the findings of its text first, then, after a refresh, the complete ones', async () => {
    const expected = await unhurried();
    expect(codes(expected[0])).toEqual(expect.arrayContaining(['field-missing', 'review-overdue', ...INDEX_RULES]));
    expect(codes(expected[1])).toEqual(['doc-reference-unresolved']);

    const client = await TestClient.start([root], { jobs: 2 });
    try {
      const refreshed = client.nextRefresh();
      await client.open(planted);
      await client.open(onlyIndex);
      // Both asked at once, right after the documents opened: the first lint has only just started.
      const first = await Promise.all([client.pull(planted), client.pull(onlyIndex)]);
      // Said before the index exists: the placeholder, the overdue review, not the suppressed finding, nothing the index tells.
      expect(codes(first[0])).toEqual(expect.arrayContaining(['field-missing', 'review-overdue']));
      expect(codes(first[0]).filter((c) => INDEX_RULES.includes(c) || c === 'clause-unknown')).toEqual([]);
      // Less, never wrong: each early finding is one of the complete answer, exactly.
      expect(expected[0]).toEqual(expect.arrayContaining(first[0]));
      expect(first[1]).toEqual([]);

      await refreshed;
      expect([await client.pull(planted), await client.pull(onlyIndex)]).toEqual(expected);
      expect(client.stderr.join('\n')).toMatch(/analysed in worker threads/);
    } finally {
      await client.stop();
    }
  });

  it('a client that takes pushed diagnostics gets them twice: early, then complete', async () => {
    const expected = await unhurried();
    const client = await TestClient.start([root], { jobs: 2, pullDiagnostics: false });
    try {
      const early = client.nextPublish(planted);
      await client.open(planted);
      expect(codes(await early).filter((c) => INDEX_RULES.includes(c))).toEqual([]);
      // The complete ones are pushed when the lint ends (perhaps already received).
      while ((client.published.get(uriOf(planted)) ?? []).length < 2) await client.nextPublish(planted);
      expect(client.published.get(uriOf(planted))![1]).toEqual(expected[0]);
    } finally {
      await client.stop();
    }
  });
});

describe('a document checked alone (Project.documentOnly)', () => {
  /** The rules whose findings the text alone cannot tell: the workspace and change rules, the document rules that need the index. */
  const needIndex = new Set(rules.filter((r) => r.scope !== 'document' || r.needs.index).map((r) => r.id));

  it.each(['examples', 'test/fixtures/planted', 'test/fixtures/corpus', root])('reports exactly the complete findings that need no index, in %s', async (folder) => {
    const dir = path.resolve(REPO, folder);
    const files = await discoverFiles([dir], dir);
    const project = new Project({ workspace: new DiskWorkspace(), files, root: dir, today: TODAY, editing: true });
    const complete = new Map((await project.findingsAll()).files.map((f) => [f.path, f.findings] as const));
    let findings = 0;
    for (const file of files) {
      const early = await project.documentOnly(file);
      expect(early?.findings).toEqual(complete.get(file)?.filter((f) => !needIndex.has(f.ruleId)));
      findings += early?.findings.length ?? 0;
    }
    expect(findings).toBeGreaterThan(0);
  });
});
