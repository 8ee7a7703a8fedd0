// Issue 13, point 3: --fix never turns a failing run into a passing one by inserting a
// placeholder. A required field filled with a prompt in an approved or effective document is an
// error (field-missing's, once), and no fix writes a prompt into such a document; drafts still
// get one to fill in. Through the real engine, fixed as --fix does (fixText: pass after pass).
import { describe, expect, it } from 'vitest';
import { fixText } from '../../../server/src/core/fixpoint';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';

const NO_OWNER = CLEAN_SOP.replace('owner: Quality Manager\n', '');
const PROMPT_OWNER = CLEAN_SOP.replace('owner: Quality Manager', 'owner: <enter owner>');
const WITHOUT_HISTORY = CLEAN_SOP.slice(0, CLEAN_SOP.indexOf('## Revision History'));

const asStatus = (text: string, status: string) => text.replace('status: effective', `status: ${status}`);

/** The findings of one document, coverage aside (a one-document workspace covers few clauses). */
async function lintOne(text: string, name = 'sop.md', files: Record<string, string> = {}): Promise<Finding[]> {
  return findings(await lintFiles({ ...files, [name]: text }), name).filter((f) => f.ruleId !== 'coverage-gap');
}

/** What --fix writes: fixes applied and the text linted again until nothing more applies. */
async function fixAll(text: string, name = 'sop.md', files: Record<string, string> = {}) {
  const run = await fixText(text, (t) => lintOne(t, name, files));
  return { ...run, left: await lintOne(run.text, name, files) };
}

const errors = (list: Finding[]) => list.filter((f) => f.severity === 'error');

describe('placeholders and --fix in approved and effective documents', () => {
  it.each(['effective', 'approved'])('a %s SOP missing owner: an error with no fix, and --fix leaves it failing', async (status) => {
    const text = asStatus(NO_OWNER, status);
    const [f, ...rest] = await lintOne(text);
    expect(rest).toEqual([]);
    expect([f.ruleId, f.severity, f.fix]).toEqual(['field-missing', 'error', undefined]);
    expect(f.message).toBe('Missing owner (your configuration requires it).');
    expect(f.detail).toContain('Add owner: to the front matter with the person responsible for the document');
    const run = await fixAll(text);
    expect(run.text).toBe(text);
    expect(run.text).not.toContain('<enter');
    expect(errors(run.left).map((x) => x.ruleId)).toEqual(['field-missing']);
  });

  it('a draft SOP missing owner: the fix inserts the placeholder, which field-placeholder then reports', async () => {
    const text = asStatus(NO_OWNER, 'draft');
    const [f] = await lintOne(text);
    expect([f.ruleId, f.severity, f.fix?.title]).toEqual(['field-missing', 'error', 'Add owner']);
    const run = await fixAll(text);
    expect(run.text).toContain('\nowner: <enter owner>\n---\n');
    expect(run.left.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['field-placeholder warning']);
  });

  it('an effective SOP with owner: <enter owner>: one error, from field-missing, on the value', async () => {
    const result = await lintFiles({ 'sop.md': PROMPT_OWNER });
    const list = findings(result, 'sop.md').filter((f) => f.ruleId !== 'coverage-gap');
    expect(list.map((f) => `${f.ruleId} ${f.severity} ${f.line}`)).toEqual(['field-missing error 8']);
    const [f] = list;
    expect(PROMPT_OWNER.slice(f.range.start, f.range.end)).toBe('<enter owner>');
    expect(f.message).toBe(
      'Field owner still holds a placeholder (your configuration requires it).',
    );
    expect(f.fix).toBeUndefined();
    expect((await fixAll(PROMPT_OWNER)).text).toBe(PROMPT_OWNER);
  });

  it('the same prompt in a draft stays a field-placeholder warning', async () => {
    const list = await lintOne(asStatus(PROMPT_OWNER, 'draft'));
    expect(list.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['field-placeholder warning']);
  });

  it('any placeholder in a required field counts, quoted, partial or a template value; one finding per field', async () => {
    const text = CLEAN_SOP.replace('title: Control of Documents', 'title: "Control of [Company Name] Documents TBD"').replace(
      'effective_date: 2026-03-01',
      'effective_date: "{{ release.date }}"',
    );
    const list = await lintOne(text);
    expect(list.map((f) => `${f.ruleId} ${f.severity} ${f.message.split(': ')[0]}`)).toEqual([
      'field-missing error Field title still holds a placeholder (ISO 13485:2016 4.2.4 e)).',
      'field-missing error Field effective_date still holds a placeholder (your configuration requires it).',
    ]);
  });

  it('replaces a prompt with the value the document states, which is no placeholder', async () => {
    const text = CLEAN_SOP.replace('title: Control of Documents', 'title: <Document Title>');
    const [f] = await lintOne(text);
    expect([f.ruleId, f.severity, f.fix?.title]).toEqual(['field-missing', 'error', 'Set title to Control of Documents']);
    const run = await fixAll(text);
    expect(run.text).toBe(CLEAN_SOP);
    expect(run.left).toEqual([]);
  });

  it('an empty owner in an effective document: no placeholder, the message says what to fill in', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager', 'owner:');
    const [f] = await lintOne(text);
    expect([f.ruleId, f.severity, f.fix]).toEqual(['field-missing', 'error', undefined]);
    expect(f.message).toBe('Field owner is empty (your configuration requires it).');
    expect(f.detail).toContain('Fill in the person responsible for the document (no placeholder is inserted into a document that is effective)');
    expect((await fixAll(text)).text).toBe(text);
  });

  it('templates (TPL) keep their placeholders, effective or not', async () => {
    const text = PROMPT_OWNER.replace('type: SOP', 'type: TPL');
    expect((await lintOne(text)).filter((f) => f.ruleId === 'field-missing' || f.ruleId === 'field-placeholder')).toEqual([]);
  });
});

describe('front-matter-missing and revision-history-missing', () => {
  it('a document without front matter whose status is unknown gets a draft block with placeholders', async () => {
    const text = '# SOP-007 Management Review\n\nText.\n';
    const run = await fixAll(text, 'sop-007.md');
    expect(run.text).toContain('status: draft\n');
    expect(run.text).toContain('owner: <enter owner>\n');
  });

  it('a document whose metadata says it is effective gets front matter without placeholders, and still fails', async () => {
    const text = '# SOP-007 Management Review\n\n| | |\n|---|---|\n| **Status** | Effective |\n| **Revision** | B |\n\nText.\n';
    const [f] = (await lintOne(text, 'sop-007.md')).filter((x) => x.ruleId === 'front-matter-missing');
    expect(f.message).toBe('No front matter, but its title starts with the document number SOP-007 (ISO 13485:2016 4.2.4 e)).');
    expect(f.detail).toContain('The document says it is effective but not its effective_date, owner: fill them in, no placeholder is inserted.');
    const run = await fixAll(text, 'sop-007.md');
    expect(run.text.startsWith('---\nid: SOP-007\ntitle: Management Review\ntype: SOP\nrevision: B\nstatus: effective\n---\n')).toBe(true);
    expect(run.text).not.toContain('<enter');
    const left = errors(run.left).map((x) => `${x.ruleId} ${x.message}`);
    expect(left).toEqual(expect.arrayContaining(['field-missing Missing effective_date (your configuration requires it).', 'field-missing Missing owner (your configuration requires it).']));
    expect(run.left.filter((x) => x.fix)).toEqual([]);
  });

  it('an effective document without history whose change is not known gets no row with a placeholder', async () => {
    const [f] = (await lintOne(WITHOUT_HISTORY)).filter((x) => x.ruleId === 'revision-history-missing');
    expect(f.fix).toBeUndefined();
    expect((await fixAll(WITHOUT_HISTORY)).text).toBe(WITHOUT_HISTORY);
    // A draft gets the row, with the description to fill in.
    const draft = asStatus(WITHOUT_HISTORY, 'draft');
    expect((await fixAll(draft)).text).toContain('| C | 2026-02-10 | Dana Whitfield | <enter description of change> |\n');
  });
});

describe('--fix applied twice', () => {
  it.each([
    ['an effective SOP missing owner', NO_OWNER],
    ['a draft SOP missing owner', asStatus(NO_OWNER, 'draft')],
    ['an effective SOP with a prompt for owner', PROMPT_OWNER],
    ['an effective SOP without history', WITHOUT_HISTORY],
  ])('changes nothing the second time: %s', async (_, text) => {
    const once = await fixAll(text);
    expect(once.settled).toBe(true);
    const twice = await fixAll(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.applied).toEqual([]);
  });
});
