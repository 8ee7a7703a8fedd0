import { fullMessage } from '../../server/src/core/findings';
// Change control in the core: what counts as a content change, the lifecycle
// table, and the four change rules, run through the real engine with a base
// version in memory (the CLI tests do the same through real git).
import { describe, expect, it } from 'vitest';
import { compareContent, contentChanged, transitionAllowed } from '../../server/src/core/changes';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/project';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

const CHANGE_RULES = ['change-without-revision', 'change-without-history', 'change-approvals-carried', 'status-regression'];

function doc(text: string) {
  return buildDocument('/ws/sop.md', text, defaultConfig('/ws'), false);
}

/** Lints `head` as /ws/sop.md against `base` (null: new document); returns the change findings. */
async function changeFindings(base: string | null, head: string, config?: string) {
  const files: Record<string, string> = { '/ws/sop.md': head };
  if (config) files['/ws/.qmslint.yaml'] = config;
  const result = await lint({
    workspace: new MemoryWorkspace(files),
    files: ['/ws/sop.md'],
    root: '/ws',
    today: TODAY,
    base: new Map([['/ws/sop.md', base === null ? null : { path: '/ws/sop.md', text: base }]]),
  });
  const file = result.files[0];
  return file.findings
    .filter((f) => CHANGE_RULES.includes(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, text: file.text.slice(f.range.start, f.range.end), message: f.message, ...(f.detail ? { detail: f.detail } : {}) }));
}

const EDITED = CLEAN_SOP.replace('for all controlled documents.', 'for all controlled documents and records.');

/** CLEAN_SOP raised to revision D the right way: history row, fresh approvals. */
function revisionD(text: string, opts: { date?: string; approvals?: boolean } = {}) {
  let out = text
    .replace('revision: C', 'revision: D')
    .replace(/(\| C \| 2026-02-10 \| Dana Whitfield \| Periodic review updates \|\n)/, `$1| D | ${opts.date ?? '2026-10-01'} | Dana Whitfield | Records added to the scope |\n`);
  if (opts.approvals !== false) out = out.replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1').replace('effective_date: 2026-03-01', 'effective_date: 2026-10-20');
  return out;
}

describe('what counts as a content change', () => {
  it('ignores paperwork fields, the history section and white space', () => {
    const paperwork = revisionD(CLEAN_SOP).replace('status: effective', 'status: approved').replace('next_review: 2028-03-01', 'next_review: 2029-03-01');
    expect(contentChanged(doc(CLEAN_SOP), doc(paperwork))).toBe(false);
    const reflowed = CLEAN_SOP.replace('This procedure implements ISO 13485:2016 §4.2.4 for all', 'This procedure implements   ISO 13485:2016 §4.2.4\nfor all  ')
      .replace('## Purpose\n', '## Purpose\n\n\n')
      .replace('|---|---|---|---|', '| --- | --- | --- | --- |');
    expect(contentChanged(doc(CLEAN_SOP), doc(reflowed))).toBe(false);
    expect(contentChanged(doc(CLEAN_SOP), doc(reflowed), { ignoreWhitespace: false })).toBe(true);
    expect(contentChanged(doc(CLEAN_SOP), doc(CLEAN_SOP.replace(/\n/g, '\r\n')), { ignoreWhitespace: false })).toBe(false);
  });

  it('counts body edits, with the line of the first one, and front matter content fields', () => {
    const diff = compareContent(doc(CLEAN_SOP), doc(EDITED));
    expect(diff).toMatchObject({ changed: true, body: true, fields: [] });
    expect(doc(EDITED).parsed.lines.position(diff.bodyOffset!).line).toBe(21);
    expect(compareContent(doc(CLEAN_SOP), doc(CLEAN_SOP.replace('owner: Quality Manager', 'owner: Head of QA')))).toMatchObject({ changed: true, body: false, fields: ['owner'] });
    // YAML written differently is the same data.
    expect(contentChanged(doc(CLEAN_SOP), doc(CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses:\n  - "4.2.4"')))).toBe(false);
  });

  it('has a lifecycle table: back or out of obsolete only with a new revision', () => {
    expect(transitionAllowed('draft', 'effective', false)).toBe(true);
    expect(transitionAllowed('in-review', 'draft', false)).toBe(true);
    expect(transitionAllowed('approved', 'effective', false)).toBe(true);
    expect(transitionAllowed('effective', 'obsolete', false)).toBe(true);
    expect(transitionAllowed('effective', 'draft', false)).toBe(false);
    expect(transitionAllowed('effective', 'approved', false)).toBe(false);
    expect(transitionAllowed('obsolete', 'effective', false)).toBe(false);
    expect(transitionAllowed('effective', 'draft', true)).toBe(true);
    expect(transitionAllowed('obsolete', 'draft', true)).toBe(true);
  });
});

describe('change rules', () => {
  it('are silent for an unchanged document, a correct new revision and a new document', async () => {
    expect(await changeFindings(CLEAN_SOP, CLEAN_SOP)).toEqual([]);
    expect(await changeFindings(CLEAN_SOP, revisionD(EDITED))).toEqual([]);
    expect(await changeFindings(null, EDITED)).toEqual([]);
  });

  it('change-without-revision: on the revision value, naming the clause and the next revision', async () => {
    const [f, ...rest] = await changeFindings(CLEAN_SOP, EDITED);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'change-without-revision', severity: 'error', line: 5, text: 'C' });
    expect(f.message).toBe('Content changed since the base, but the revision is still C (ISO 13485:2016 4.2.4 c)).');
    expect(f.detail).toBe(
      'The body from line 21 changed. ISO 13485:2016 4.2.4 c) requires changes and the current revision status to be identified. ' +
        'Bump the revision (C -> D) and add a history row, and have revision D reviewed and approved (ISO 13485:2016 4.2.4 b)).',
    );
    expect((await changeFindings(CLEAN_SOP, revisionD(EDITED).replace('revision: D', 'revision: B')))[0]).toMatchObject({ ruleId: 'change-without-revision', text: 'B' });
  });

  it('change-without-revision: white space counts only with {whitespace: true}', async () => {
    const reflowed = CLEAN_SOP.replace('§4.2.4 for all', '§4.2.4\nfor all');
    expect(await changeFindings(CLEAN_SOP, reflowed)).toEqual([]);
    const on = await changeFindings(CLEAN_SOP, reflowed, 'rules:\n  change-without-revision: [warning, {whitespace: true}]\n');
    expect(on.map((f) => [f.ruleId, f.severity])).toEqual([['change-without-revision', 'warning']]);
  });

  it('change-without-history: no row, a row already there, a row dated before the previous one', async () => {
    const noRow = EDITED.replace('revision: C', 'revision: D').replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1');
    expect(await changeFindings(CLEAN_SOP, noRow)).toMatchObject([{ ruleId: 'change-without-history', text: 'D', line: 5 }]);
    const early = await changeFindings(CLEAN_SOP, revisionD(EDITED, { date: '2026-01-05' }));
    expect(early).toMatchObject([{ ruleId: 'change-without-history', text: '2026-01-05' }]);
    expect(fullMessage(early[0])).toContain('Revision D is dated 2026-01-05, the previous newest row (C) 2026-02-10');
    // The base listed D already while its front matter still said C.
    const withRowAtBase = revisionD(CLEAN_SOP, { approvals: false }).replace('revision: D', 'revision: C');
    expect(await changeFindings(withRowAtBase, revisionD(EDITED))).toMatchObject([{ ruleId: 'change-without-history', text: expect.stringMatching(/^\| D \|/) }]);
  });

  it('change-approvals-carried: a new revision, approved or effective, with the old approvals', async () => {
    const carried = await changeFindings(CLEAN_SOP, revisionD(EDITED, { approvals: false }));
    expect(carried).toMatchObject([{ ruleId: 'change-approvals-carried', severity: 'warning', text: 'approvals' }]);
    expect(fullMessage(carried[0])).toContain('with the approvals of revision C');
    const draft = revisionD(EDITED, { approvals: false }).replace('status: effective', 'status: draft');
    expect(await changeFindings(CLEAN_SOP, draft)).toEqual([]);
  });

  it('status-regression: effective back to draft or approved, and out of obsolete, within one revision', async () => {
    expect(await changeFindings(CLEAN_SOP, CLEAN_SOP.replace('status: effective', 'status: draft'))).toMatchObject([{ ruleId: 'status-regression', text: 'draft' }]);
    expect(await changeFindings(CLEAN_SOP, CLEAN_SOP.replace('status: effective', 'status: approved'))).toMatchObject([{ ruleId: 'status-regression', text: 'approved' }]);
    const obsolete = CLEAN_SOP.replace('status: effective', 'status: obsolete');
    const back = await changeFindings(obsolete, CLEAN_SOP);
    expect(back).toMatchObject([{ ruleId: 'status-regression', text: 'effective' }]);
    expect(fullMessage(back[0])).toContain('issue it as revision D');
    expect(await changeFindings(CLEAN_SOP, obsolete)).toEqual([]);
    // A new revision may start again as a draft.
    expect(await changeFindings(CLEAN_SOP, revisionD(EDITED).replace('status: effective', 'status: draft'))).toEqual([]);
  });
});
