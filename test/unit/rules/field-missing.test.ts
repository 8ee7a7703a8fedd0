import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import { applyEdits, applyFindingFixes } from '../../../server/src/core/fixes';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'field-missing';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

function documentRuleIds(result: LintResult, file: string): string[] {
  return ruleIds(result, file).filter((id) => id !== 'coverage-gap');
}

async function fixAndRelint(file: string, text: string, f: Finding, extra: Record<string, string> = {}) {
  const fixed = applyEdits(text, f.fix!.edits);
  const again = await lintFiles({ ...extra, [file]: fixed });
  return { fixed, again, left: findings(again, file, RULE) };
}

/** CLEAN_SOP as a draft: only drafts get a placeholder (see placeholder-fixes.test.ts for approved and effective documents). */
const DRAFT_SOP = CLEAN_SOP.replace('status: effective', 'status: draft');

describe('field-missing', () => {
  it('reports nothing on a complete SOP', async () => {
    const result = await lintFiles({ 'sop.md': CLEAN_SOP });
    expect(findings(result, 'sop.md', RULE)).toEqual([]);
  });

  it('reports a revision only the history states as a warning on the opening --- and fills it from the newest row', async () => {
    const text = CLEAN_SOP.replace('revision: C\n', '');
    const result = await lintFiles({ 'sop.md': text });
    expect(documentRuleIds(result, 'sop.md')).toEqual([RULE]);
    const [f] = findings(result, 'sop.md', RULE);
    // The revision status is identified (in the history), only not where tools read it.
    expect(f.severity).toBe('warning');
    expect(slice(result, f)).toBe('---');
    expect(f.line).toBe(1);
    expect(f.message).toBe('Front matter lacks revision, which the text states (ISO 13485:2016 4.2.4 c)).');
    const { fixed, left, again } = await fixAndRelint('sop.md', text, f);
    expect(fixed).toBe(CLEAN_SOP.replace('revision: C\n', '').replace('next_review: 2028-03-01\n---', 'next_review: 2028-03-01\nrevision: C\n---'));
    expect(left).toEqual([]);
    expect(documentRuleIds(again, 'sop.md')).toEqual([]);
    expect(applyFindingFixes(fixed, left).text).toBe(fixed);
  });

  it('inserts a placeholder in a draft when the value cannot be derived', async () => {
    const text = DRAFT_SOP.replace('owner: Quality Manager\n', '');
    const result = await lintFiles({ 'sop.md': text });
    const [f] = findings(result, 'sop.md', RULE);
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'Missing owner (your configuration requires it).',
    );
    const { fixed, left, again } = await fixAndRelint('sop.md', text, f);
    expect(fixed).toContain('next_review: 2028-03-01\nowner: <enter owner>\n---\n');
    expect(left).toEqual([]);
    expect(findings(again, 'sop.md', 'field-placeholder')).toHaveLength(1);
  });

  it('derives the title from the H1 and the type from the id', async () => {
    const text = CLEAN_SOP.replace('title: Control of Documents\n', '').replace('type: SOP\n', '');
    const result = await lintFiles({ 'sop.md': text });
    const found = findings(result, 'sop.md', RULE);
    expect(found.map((f) => `${f.severity} ${f.message.split(' but ')[0]}`)).toEqual([
      'warning Front matter lacks title, which the text states (ISO 13485:2016 4.2.4 e)).',
      'warning Front matter lacks type, which the text states (your configuration requires it).',
    ]);
    // Two insertions at one place are applied one per pass, as the CLI does.
    let current = text;
    for (let pass = 0; pass < 3; pass++) {
      const r = await lintFiles({ 'sop.md': current });
      current = applyFindingFixes(current, findings(r, 'sop.md', RULE)).text;
    }
    expect(current).toContain('next_review: 2028-03-01\ntitle: Control of Documents\ntype: SOP\n---\n');
    expect(findings(await lintFiles({ 'sop.md': current }), 'sop.md', RULE)).toEqual([]);
  });

  it('inserts no placeholder in an effective document, and says what to fill in', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager\n', '');
    const [f] = findings(await lintFiles({ 'sop.md': text }), 'sop.md', RULE);
    expect(f.severity).toBe('error');
    expect(f.fix).toBeUndefined();
    expect(f.message).toBe(
      'Missing owner (your configuration requires it).',
    );
  });

  it('reports an empty value on its key and fills it in', async () => {
    for (const [written, expected] of [
      ['owner:', 'owner: <enter owner>'],
      ['owner: ""', 'owner: <enter owner>'],
      ['owner: ~', 'owner: <enter owner>'],
      ['owner:   # to be decided', 'owner: <enter owner> # to be decided'],
    ]) {
      const text = DRAFT_SOP.replace('owner: Quality Manager', written);
      const result = await lintFiles({ 'sop.md': text });
      const [f] = findings(result, 'sop.md', RULE);
      expect(slice(result, f)).toBe('owner');
      expect(f.message).toContain('Field owner is empty (your configuration requires it).');
      const { fixed, left } = await fixAndRelint('sop.md', text, f);
      expect(fixed).toContain(`\n${expected}\n`);
      expect(left).toEqual([]);
    }
  });

  it('applies type-specific fields only to those types', async () => {
    // REC needs no revision (ISO 13485:2016 pack); an SOP does.
    const rec = CLEAN_SOP.replace('type: SOP', 'type: REC').replace('revision: C\n', '');
    expect(findings(await lintFiles({ 'rec.md': rec }), 'rec.md', RULE)).toEqual([]);
    // Without a type, only the fields every type needs are expected (and type itself).
    const untyped = CLEAN_SOP.replace('type: SOP\n', '').replace('revision: C\n', '');
    expect(findings(await lintFiles({ 'x.md': untyped }), 'x.md', RULE).map((f) => f.message.split(' but ')[0])).toEqual(['Front matter lacks type, which the text states (your configuration requires it).']);
  });

  it('accepts aliased keys and inserts the alias the configuration uses', async () => {
    const config = { '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n' };
    const aliased = CLEAN_SOP.replace('id: SOP-001', 'document_id: SOP-001').replace('revision: C', 'version: C');
    expect(findings(await lintFiles({ ...config, 'sop.md': aliased }), 'sop.md', RULE)).toEqual([]);

    const text = aliased.replace('version: C\n', '');
    const result = await lintFiles({ ...config, 'sop.md': text });
    const [f] = findings(result, 'sop.md', RULE);
    expect(f.message).toContain('Front matter lacks version, which the text states (ISO 13485:2016 4.2.4 c)).');
    const { fixed, left } = await fixAndRelint('sop.md', text, f, config);
    expect(fixed).toContain('\nversion: C\n---\n');
    expect(left).toEqual([]);
  });

  it('takes a value the document states in bold-key lines under its title', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager\n', '').replace('# Control of Documents\n', '# Control of Documents\n\n> **Document Type**: Standard Operating Procedure\n> **Owner**: Dana Whitfield\n');
    const result = await lintFiles({ 'sop.md': text });
    const [f, ...rest] = findings(result, 'sop.md', RULE);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('Front matter lacks owner, which the text states (your configuration requires it).');
    const { fixed, left } = await fixAndRelint('sop.md', text, f);
    expect(fixed).toContain('\nowner: Dana Whitfield\n---\n');
    expect(left).toEqual([]);
  });

  it('keeps CRLF line endings', async () => {
    const text = DRAFT_SOP.replace('owner: Quality Manager\n', '').replace(/\n/g, '\r\n');
    const result = await lintFiles({ 'sop.md': text });
    const [f] = findings(result, 'sop.md', RULE);
    const fixed = applyEdits(text, f.fix!.edits);
    expect(fixed).toContain('next_review: 2028-03-01\r\nowner: <enter owner>\r\n---\r\n');
  });

  it('leaves uncontrolled files, files without front matter and broken YAML to other rules', async () => {
    const result = await lintFiles({
      'notes.md': '# Notes\n',
      'broken.md': CLEAN_SOP.replace('owner: Quality Manager', 'owner: [unclosed'),
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('field-missing', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'a revision only the history states: a warning, filled from the newest row',
      text: CLEAN_SOP.replace('revision: C\n', ''),
      findings: [
        {
          message:
            'Front matter lacks revision, which the text states (ISO 13485:2016 4.2.4 c)).',
          line: 1,
          column: 1,
          endColumn: 4,
          severity: 'warning',
        },
      ],
      output: CLEAN_SOP.replace('revision: C\n', '').replace('next_review: 2028-03-01\n', 'next_review: 2028-03-01\nrevision: C\n'),
    },
    {
      name: 'a draft without owner gets a placeholder',
      text: CLEAN_SOP.replace('status: effective', 'status: draft').replace('owner: Quality Manager\n', ''),
      findings: [
        {
          message: 'Missing owner (your configuration requires it).',
          detail: 'Your configuration requires owner (who answers for reviewing and updating the document). Add owner: to the front matter with the person responsible for the document.',
          line: 1,
          column: 1,
          severity: 'error',
        },
      ],
      output: CLEAN_SOP.replace('status: effective', 'status: draft').replace('owner: Quality Manager\n', '').replace('next_review: 2028-03-01\n', 'next_review: 2028-03-01\nowner: <enter owner>\n'),
    },
    {
      name: 'a title only the heading states',
      text: CLEAN_SOP.replace('title: Control of Documents\n', ''),
      findings: [{ message: 'Front matter lacks title, which the text states (ISO 13485:2016 4.2.4 e)).', includes: 'The document states Control of Documents, but reviews and tools read the front matter.', severity: 'warning' }],
      output: CLEAN_SOP.replace('title: Control of Documents\n', '').replace('next_review: 2028-03-01\n', 'next_review: 2028-03-01\ntitle: Control of Documents\n'),
    },
  ],
});
