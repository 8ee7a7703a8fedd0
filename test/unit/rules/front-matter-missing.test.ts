import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import { applyEdits, applyFindingFixes } from '../../../server/src/core/fixes';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'front-matter-missing';
const CONTROLLED = { '.qmslint.yaml': 'documents: ["sops/**/*.md"]\n' };

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

/** Document rules only: coverage-gap is about the workspace, not this file. */
function documentRuleIds(result: LintResult, file: string): string[] {
  return ruleIds(result, file).filter((id) => id !== 'coverage-gap');
}

const IMPORTED = `# Purchasing and Supplier Control

| | |
|---|---|
| **Document Number** | SOP-006 |
| **Revision** | 3 |
| **Process Owner** | Supply Chain Manager |
| **Effective Date** | 2025-09-15 |

| ISO 13485:2016 Section | Document Section |
|---|---|
| 7.4.1 | (All) |
| 7.4.2 | 5.5 |

## Purpose

Buying things that conform.
`;

const BODY = CLEAN_SOP.slice(CLEAN_SOP.indexOf('# Control of Documents'));

describe('front-matter-missing', () => {
  it('reports nothing on a document with front matter', async () => {
    const result = await lintFiles({ ...CONTROLLED, 'sops/sop-001.md': CLEAN_SOP });
    expect(findings(result, 'sops/sop-001.md', RULE)).toEqual([]);
  });

  it('reports nothing on an uncontrolled note that does not look like a controlled document', async () => {
    const result = await lintFiles({ 'notes/meeting-notes-2024.md': '# Notes on SOP-001 changes\n\nWe talked.\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('reports a controlled document (by glob) without front matter on its first line', async () => {
    const result = await lintFiles({ ...CONTROLLED, 'sops/sop-001.md': BODY });
    const [f] = findings(result, 'sops/sop-001.md', RULE);
    expect(f.severity).toBe('error');
    expect(f.line).toBe(1);
    expect(slice(result, f)).toBe('# Control of Documents');
    expect(f.message).toBe(
      'No front matter, but it is matched by documents in the configuration (ISO 13485:2016 4.2.4 e)).',
    );
    expect(documentRuleIds(result, 'sops/sop-001.md')).toContain(RULE);
  });

  it('reports an unconfigured document whose metadata table gives it a number', async () => {
    const result = await lintFiles({ 'imported/purchasing.md': IMPORTED });
    const [f] = findings(result, 'imported/purchasing.md', RULE);
    expect(f.message).toContain('its metadata table gives it the number SOP-006');
    expect(slice(result, f)).toBe('# Purchasing and Supplier Control');
  });

  it('reports an unconfigured document whose H1 or file name starts with a typed id', async () => {
    const result = await lintFiles({
      'a.md': '# WI-012 Label Inspection\n\nSteps.\n',
      'sop-007-management-review.md': '# Management Review\n\nText.\n',
    });
    expect(findings(result, 'a.md', RULE)[0].message).toContain('its title starts with the document number WI-012');
    expect(findings(result, 'sop-007-management-review.md', RULE)[0].message).toContain('its file name carries the document number SOP-007');
  });

  it('fills the inserted front matter from the metadata table, the H1 and the mapping table', async () => {
    const result = await lintFiles({ 'imported/purchasing.md': IMPORTED });
    const [f] = findings(result, 'imported/purchasing.md', RULE);
    expect(f.fix!.title).toBe('Add front matter for SOP-006');
    const fixed = applyEdits(IMPORTED, f.fix!.edits);
    expect(fixed).toBe(
      `---
id: SOP-006
title: Purchasing and Supplier Control
type: SOP
revision: "3"
status: draft
effective_date: 2025-09-15
owner: Supply Chain Manager
clauses: ["7.4.1", "7.4.2"]
---

${IMPORTED}`,
    );
    const again = await lintFiles({ 'imported/purchasing.md': fixed });
    expect(findings(again, 'imported/purchasing.md', RULE)).toEqual([]);
    expect(applyFindingFixes(fixed, findings(again, 'imported/purchasing.md', RULE)).text).toBe(fixed);
  });

  it('takes the id from the file name and leaves placeholders for what the document does not say', async () => {
    const text = '# Management Review\r\n\r\nText.\r\n';
    const result = await lintFiles({ 'sop-007-management-review.md': text });
    const [f] = findings(result, 'sop-007-management-review.md', RULE);
    const fixed = applyEdits(text, f.fix!.edits);
    expect(fixed).toBe(
      '---\r\nid: SOP-007\r\ntitle: Management Review\r\ntype: SOP\r\nrevision: <enter revision>\r\nstatus: draft\r\n' +
        'effective_date: <enter effective date>\r\nowner: <enter owner>\r\n---\r\n\r\n# Management Review\r\n\r\nText.\r\n',
    );
    const again = await lintFiles({ 'sop-007-management-review.md': fixed });
    expect(findings(again, 'sop-007-management-review.md', RULE)).toEqual([]);
    // The placeholders are reported as unfilled, which is what they are.
    expect(findings(again, 'sop-007-management-review.md', 'field-placeholder').map((p) => p.message)).toEqual([
      'Placeholder <enter revision> left unfilled in revision (ISO 13485:2016 4.2.4 a)).',
      'Placeholder <enter effective date> left unfilled in effective_date (ISO 13485:2016 4.2.4 a)).',
      'Placeholder <enter owner> left unfilled in owner (ISO 13485:2016 4.2.4 a)).',
    ]);
  });

  it('splits the id off the H1 for the title, and uses aliased keys', async () => {
    const text = '# WI-012: Label Inspection\n\nSteps.\n';
    const result = await lintFiles({ '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n', 'wi.md': text });
    const [f] = findings(result, 'wi.md', RULE);
    const fixed = applyEdits(text, f.fix!.edits);
    expect(fixed.split('\n').slice(0, 9)).toEqual([
      '---',
      'document_id: WI-012',
      'title: Label Inspection',
      'type: WI',
      'version: <enter version>',
      'status: draft',
      'effective_date: <enter effective date>',
      'owner: <enter owner>',
      '---',
    ]);
    const again = await lintFiles({ '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n', 'wi.md': fixed });
    expect(findings(again, 'wi.md', RULE)).toEqual([]);
    expect(findings(again, 'wi.md', 'field-missing')).toEqual([]);
  });

  it('quotes values that YAML would misread', async () => {
    const text = '| | |\n|---|---|\n| **Document Number** | SOP-010 |\n| **Owner** | QA: Documents |\n\nBody.\n';
    const result = await lintFiles({ 'x.md': text });
    const fixed = applyEdits(text, findings(result, 'x.md', RULE)[0].fix!.edits);
    expect(fixed).toContain('\nowner: "QA: Documents"\n');
    expect(fixed).toContain('\ntitle: <enter title>\n');
    const again = await lintFiles({ 'x.md': fixed });
    expect(again.files[0].document!.fields.get('owner')!.value).toBe('QA: Documents');
  });

  it('puts the block after a BOM', async () => {
    const text = '\uFEFF# SOP-003 CAPA\n';
    const result = await lintFiles({ 'capa.md': text });
    const [f] = findings(result, 'capa.md', RULE);
    expect(slice(result, f)).toBe('# SOP-003 CAPA');
    const fixed = applyEdits(text, f.fix!.edits);
    expect(fixed.startsWith('\uFEFF---\nid: SOP-003\ntitle: CAPA\ntype: SOP\n')).toBe(true);
  });
});

testRule('front-matter-missing', {
  valid: [{ text: CLEAN_SOP }, { name: 'a note with no id is not a controlled document', text: '# Notes\n\nJust notes.\n' }],
  invalid: [
    {
      name: 'a metadata table gives the number (docs example)',
      text: '# Purchasing and Supplier Control\n\n| | |\n|---|---|\n| **Document Number** | SOP-006 |\n| **Revision** | 3 |\n| **Process Owner** | Supply Chain Manager |\n',
      findings: [{ includes: 'No front matter, but its metadata table gives it the number SOP-006', line: 1, column: 1, endLine: 1, endColumn: 34, severity: 'error' }],
      output:
        '---\nid: SOP-006\ntitle: Purchasing and Supplier Control\ntype: SOP\nrevision: "3"\nstatus: draft\neffective_date: <enter effective date>\nowner: Supply Chain Manager\n---\n\n# Purchasing and Supplier Control\n\n| | |\n|---|---|\n| **Document Number** | SOP-006 |\n| **Revision** | 3 |\n| **Process Owner** | Supply Chain Manager |\n',
    },
    {
      name: 'controlled by a documents glob',
      path: 'sops/sop-1.md',
      config: 'documents: ["sops/**"]\n',
      text: '# Control of Documents\n\nText.\n',
      findings: [{ message: 'No front matter, but it is matched by documents in the configuration (ISO 13485:2016 4.2.4 e)).', path: 'sops/sop-1.md', line: 1, column: 1, severity: 'error' }],
      output: '---\nid: SOP-1\ntitle: Control of Documents\ntype: SOP\nrevision: <enter revision>\nstatus: draft\neffective_date: <enter effective date>\nowner: <enter owner>\n---\n\n# Control of Documents\n\nText.\n',
    },
  ],
});
