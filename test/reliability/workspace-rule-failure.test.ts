// Issue 14, point 7: a workspace rule (scope 'workspace', run once over the
// whole index) that throws costs findings, never the run: every document gets an
// error saying the rule failed, and the other rules' findings stay, as when a
// document rule throws. The throwing rule is fault injection: it is put into the
// rule list the engine reads for the test's duration and taken out after.
import { afterEach, describe, expect, it } from 'vitest';
import { lint, Project } from '../../server/src/core/project';
import type { WorkspaceRule } from '../../server/src/core/rule';
import { rules } from '../../server/src/core/rules';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

const THROWS: WorkspaceRule = {
  id: 'test-workspace-throws',
  description: 'Throws, to test that a failing workspace rule costs findings, not the run.',
  rationale: [],
  // A warning rule: its failure is an error all the same (the documents were not checked by it).
  severity: 'warning',
  scope: 'workspace',
  fixable: false,
  needs: { index: true },
  check({ index }, report) {
    // What it reported before it threw stands.
    report(index.documents[0].path, { message: 'Reported before the failure.', range: { start: 0, end: 0 } });
    throw new Error('boom');
  },
};

afterEach(() => {
  const i = rules.indexOf(THROWS);
  if (i >= 0) rules.splice(i, 1);
});

const files = {
  '/ws/.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
  '/ws/a.md': CLEAN_SOP,
  // A revision that disagrees with its history: one revision-mismatch finding, from a document rule.
  '/ws/b.md': CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('revision: C', 'revision: B'),
};

const FAILED = 'Rule test-workspace-throws failed on the workspace: boom. Please report this as a qmslint bug.';

describe('a workspace rule that throws', () => {
  it('gives every document an error and keeps the other findings', async () => {
    rules.push(THROWS);
    const result = await lint({ workspace: new MemoryWorkspace(files), files: ['/ws/a.md', '/ws/b.md'], root: '/ws', today: TODAY });
    const of = (file: string) => result.files.find((f) => f.path === file)!.findings.map((f) => [f.ruleId, f.severity, f.message]);
    expect(of('/ws/a.md')).toEqual([
      ['test-workspace-throws', 'warning', 'Reported before the failure.'],
      ['test-workspace-throws', 'error', FAILED],
    ]);
    expect(of('/ws/b.md').map(([ruleId, severity]) => [ruleId, severity])).toEqual([
      ['test-workspace-throws', 'error'],
      ['revision-mismatch', 'error'],
    ]);
    // The failure is typed, so doors tell it apart without reading the message; the rule's own report is not one.
    const marks = result.files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId, x.failure]));
    expect(marks).toEqual([
      ['/ws/a.md', 'test-workspace-throws', undefined],
      ['/ws/a.md', 'test-workspace-throws', 'workspace'],
      ['/ws/b.md', 'test-workspace-throws', 'workspace'],
      ['/ws/b.md', 'revision-mismatch', undefined],
    ]);
  });

  it('does the same for one document pulled with the workspace rules (the editor), with the cache', async () => {
    rules.push(THROWS);
    const workspace = new MemoryWorkspace(files);
    const project = new Project({ workspace, files: ['/ws/a.md', '/ws/b.md'], root: '/ws', today: TODAY });
    for (let run = 0; run < 2; run++) {
      // The second run reuses the workspace reports the first left in the project.
      const result = (await project.findings('/ws/b.md'))!;
      expect(result.path).toBe('/ws/b.md');
      expect(result.findings.filter((f) => f.ruleId === THROWS.id).map((f) => [f.severity, f.message])).toEqual([['error', FAILED]]);
    }
  });
});
