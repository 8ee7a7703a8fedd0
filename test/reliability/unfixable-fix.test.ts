// Issue 15, point 3: `fixable` is enforced. A rule not marked fixable that returns a fix is a
// bug in the rule: the engine turns it into a typed rule failure (an error saying so, on the file
// it was checking), and the fix is never offered or applied. The misbehaving rules are fault
// injection: put into the rule list the engine reads for the test's duration and taken out after.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalAnalyser } from '../../server/src/core/analysis';
import { lint } from '../../server/src/core/project';
import { defineRule } from '../../server/src/core/rule';
import { rules } from '../../server/src/core/rules';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

const FIX = { title: 'Rewrite the title', edits: [{ start: 0, end: 3, text: '+++' }] };

const DOCUMENT_RULE = defineRule({
  meta: { id: 'test-unfixable-document', description: 'Returns a fix without being fixable.', rationale: [], severity: 'warning', scope: 'document', fixable: false, needs: {} },
  check(_ctx, report) {
    report({ message: 'A finding without a fix stands.', range: { start: 0, end: 0 } });
    report({ message: 'A finding with a fix.', range: { start: 0, end: 3 }, fix: FIX });
  },
});

const WORKSPACE_RULE = defineRule({
  meta: { id: 'test-unfixable-workspace', description: 'Returns a fix without being fixable.', rationale: [], severity: 'warning', scope: 'workspace', fixable: false, needs: { index: true } },
  check({ index }, report) {
    report(index.documents[0].path, { message: 'A finding with a fix.', range: { start: 0, end: 3 }, fix: FIX });
  },
});

// A fixable rule's fix is its own business: the same check, marked fixable, keeps it.
const FIXABLE_RULE = { ...DOCUMENT_RULE, id: 'test-fixable-document', fixable: true };

afterEach(() => {
  for (const r of [DOCUMENT_RULE, WORKSPACE_RULE, FIXABLE_RULE]) {
    const i = rules.indexOf(r);
    if (i >= 0) rules.splice(i, 1);
  }
});

const files = { '/ws/.qmslint.yaml': 'rules:\n  coverage-gap: off\n', '/ws/a.md': CLEAN_SOP };
const run = (analysed: boolean) =>
  lint({ workspace: new MemoryWorkspace(files), files: ['/ws/a.md'], root: '/ws', today: TODAY, ...(analysed ? { analyser: new LocalAnalyser() } : {}) });

describe('a rule not marked fixable that returns a fix', () => {
  it.each([
    ['in the engine', false],
    ['in the document analyser (workers, the cache)', true],
  ])('is a rule failure, not a fix, %s', async (_where, analysed) => {
    rules.push(DOCUMENT_RULE);
    const found = (await run(analysed)).files[0].findings.filter((f) => f.ruleId === DOCUMENT_RULE.id);
    expect(found.map((f) => [f.severity, f.message, f.failure, f.fix])).toEqual([
      ['warning', 'A finding without a fix stands.', undefined, undefined],
      [
        'error',
        'Rule test-unfixable-document failed on this file: it returned a fix without being marked fixable. Please report this as a qmslint bug.',
        'document',
        undefined,
      ],
    ]);
  });

  it('is a rule failure on the workspace for a workspace rule', async () => {
    rules.push(WORKSPACE_RULE);
    const found = (await run(false)).files[0].findings.filter((f) => f.ruleId === WORKSPACE_RULE.id);
    expect(found.map((f) => [f.severity, f.message, f.failure, f.fix])).toEqual([
      [
        'error',
        'Rule test-unfixable-workspace failed on the workspace: it returned a fix without being marked fixable. Please report this as a qmslint bug.',
        'workspace',
        undefined,
      ],
    ]);
  });

  it('keeps its fix when the rule is marked fixable', async () => {
    rules.push(FIXABLE_RULE);
    const found = (await run(false)).files[0].findings.filter((f) => f.ruleId === FIXABLE_RULE.id);
    expect(found.map((f) => [f.message, f.failure, f.fix?.title])).toEqual([
      ['A finding without a fix stands.', undefined, undefined],
      ['A finding with a fix.', undefined, 'Rewrite the title'],
    ]);
  });
});
