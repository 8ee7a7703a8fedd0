import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'doc-reference-unresolved';

/** A small controlled document; only the fields these tests need. */
function doc(id: string, { references, supersededBy, body = '' }: { references?: string; supersededBy?: string; body?: string } = {}): string {
  const fm = [`id: ${id}`, `title: Document ${id}`, 'type: SOP', 'status: effective'];
  if (references) fm.push(`references: ${references}`);
  if (supersededBy) fm.push(`superseded_by: ${supersededBy}`);
  return `---\n${fm.join('\n')}\n---\n\n# Document ${id}\n\n${body}\n`;
}

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

describe('doc-reference-unresolved', () => {
  it('accepts references to documents that exist', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '[SOP-002, WI-001]', body: 'Records are kept per SOP-002 and WI-001.' }),
      'sop-002.md': doc('SOP-002'),
      'wi-001.md': doc('WI-001'),
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('reports an unknown id in references at the list item', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '[SOP-002, SOP-099]' }),
      'sop-002.md': doc('SOP-002'),
    });
    const found = findings(result, 'sop-001.md', RULE);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(slice(result, found[0])).toBe('SOP-099');
    expect(found[0].message).toBe(
      'SOP-099 in references is not the id of any linted document (ISO 13485:2016 4.2.4 d)).',
    );
  });

  it('reports unknown ids in block lists and in superseded_by', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '\n  - SOP-002\n  - "SOP-077"', supersededBy: 'SOP-088' }),
      'sop-002.md': doc('SOP-002'),
    });
    const found = findings(result, 'sop-001.md', RULE);
    expect(found.map((f) => slice(result, f))).toEqual(['"SOP-077"', 'SOP-088']);
    expect(found[1].message).toMatch(/^SOP-088 in superseded_by is not/);
  });

  it('reports an unknown id in the body at the mention', async () => {
    const body = 'Rate the risk using the risk matrix in SOP-099 before closing.';
    const result = await lintFiles({ 'sop-001.md': doc('SOP-001', { body }), 'sop-002.md': doc('SOP-002') });
    const [f] = findings(result, 'sop-001.md', RULE);
    expect(slice(result, f)).toBe('SOP-099');
    expect(f.line).toBe(10);
    expect(f.message).toBe('SOP-099 is not the id of any linted document (ISO 13485:2016 4.2.4 d)).');
  });

  it('never treats COVID-19, ISO-13485 or UTF-8 as document references', async () => {
    const body = 'During COVID-19 audits were remote. See ISO-13485 and IEC-62304; files are UTF-8 and SHA-256 hashed.';
    const result = await lintFiles({ 'sop-001.md': doc('SOP-001', { body }) });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('counts a body mention whose prefix is a document type even when no such document exists yet', async () => {
    const result = await lintFiles({ 'sop-001.md': doc('SOP-001', { body: 'Use the form FRM-012 and the plan PLN-3.' }) });
    expect(findings(result, 'sop-001.md', RULE).map((f) => slice(result, f))).toEqual(['FRM-012', 'PLN-3']);
  });

  it('counts a body mention whose prefix is an id prefix in use', async () => {
    const result = await lintFiles({
      'qm-001.md': doc('QM-001'),
      'sop-001.md': doc('SOP-001', { body: 'See QM-002 and ABC-7.' }),
    });
    expect(findings(result, 'sop-001.md', RULE).map((f) => slice(result, f))).toEqual(['QM-002']);
  });

  it('does not report a document mentioning itself', async () => {
    const result = await lintFiles({ 'sop-001.md': doc('SOP-001', { references: '[SOP-001]', body: 'SOP-001 applies to all sites.' }) });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('does not report the own number of a document without front matter', async () => {
    const imported = '# Purchasing\n\n| | |\n|---|---|\n| **Document Number** | SOP-006 |\n| **Revision** | 3 |\n\nSOP-006 covers purchasing.\n';
    const result = await lintFiles({ 'imported/sop-006.md': imported, 'sop-001.md': doc('SOP-001') });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('checks Markdown files that are not controlled documents', async () => {
    const result = await lintFiles({ 'README.md': '# Index\n\nStart with SOP-001, then SOP-002.\n', 'sop-001.md': doc('SOP-001') });
    const found = findings(result, 'README.md', RULE);
    expect(found.map((f) => slice(result, f))).toEqual(['SOP-002']);
  });

  it('suggests the one existing id a character away', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '[SOP-04]', body: 'See SOP-005.' }),
      'sop-004.md': doc('SOP-004'),
      'sop-006.md': doc('SOP-006'),
    });
    const [fm, body] = findings(result, 'sop-001.md', RULE);
    expect(fm.message).toBe(
      'SOP-04 in references is not the id of any linted document (ISO 13485:2016 4.2.4 d)).',
    );
    // SOP-004 and SOP-006 are both one digit away: no guess.
    expect(body.message).not.toContain('did you mean');
  });

  it('ignores ids in code', async () => {
    const body = 'The id pattern matches `SOP-123`.\n\n```\nreferences: [SOP-999]\n```';
    const result = await lintFiles({ 'sop-001.md': doc('SOP-001', { body }) });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

describe('doc-reference-unresolved and numbers given outside front matter', () => {
  it('takes a number in a file name, a first heading, a metadata line or doc_id for a document that exists', async () => {
    const files = {
      'sop.md': CLEAN_SOP.replace('for all controlled documents.', 'with SOP-101, SOP-102, SOP-103, SOP-104 and SOP-105.'),
      'SOP-101--Design_Control.md': '# Design Control\n\nText.\n',
      'design.md': '# NewCorp\n## SOP-102\n\nText.\n',
      'purchasing.md': '# Purchasing\n\n> **Document Number**: SOP-103\n\nText.\n',
      'records.md': '---\ndoc_id: SOP-104\ntitle: Records\n---\n# Records\n',
    };
    const found = findings(await lintFiles(files), 'sop.md', 'doc-reference-unresolved');
    expect(found.map((f) => `${f.severity} ${f.message.split(' ')[0]}`)).toEqual(['error SOP-105']);
  });

  it('takes the number in a controlled document\'s own metadata table for its own, not for a reference', async () => {
    const sop = CLEAN_SOP.replace('# Control of Documents\n', '# Control of Documents\n\n| | |\n|---|---|\n| **Document Number** | SOP-307 |\n');
    expect(findings(await lintFiles({ 'sop.md': sop }), 'sop.md', 'doc-reference-unresolved')).toEqual([]);
  });

  it('is a warning in a file that is no controlled document', async () => {
    const found = findings(await lintFiles({ 'README.md': '# Readme\n\nWrite SOP-777 next.\n' }), 'README.md', 'doc-reference-unresolved');
    expect(found.map((f) => f.severity)).toEqual(['warning']);
  });
});

/** The message's tail: the clause the rule rests on. */
const UNRESOLVED_WHY = 'Correct the id, or add the document so readers can find it. ISO 13485:2016 4.2.4 d) requires the relevant versions of documents to be available where they are used.';
const SOP_002 = CLEAN_SOP.replace('SOP-001', 'SOP-002');

testRule('doc-reference-unresolved', {
  valid: [{ text: CLEAN_SOP.replace('for all controlled documents.', 'for all controlled documents. See SOP-002.'), files: { 'sop-2.md': SOP_002 } }],
  invalid: [
    {
      name: 'an id in the text (docs example)',
      text: CLEAN_SOP.replace('for all controlled documents.', 'for all controlled documents. Rate the risk using SOP-099.'),
      findings: [{ message: 'SOP-099 is not the id of any linted document (ISO 13485:2016 4.2.4 d)).', detail: UNRESOLVED_WHY, line: 21, column: 99, endColumn: 106, severity: 'error' }],
    },
    {
      name: 'an id in `references` (docs example)',
      text: CLEAN_SOP.replace('owner: Quality Manager', 'owner: Quality Manager\nreferences: [SOP-002, SOP-004]'),
      files: { 'sop-2.md': SOP_002 },
      findings: [{ message: 'SOP-004 in references is not the id of any linted document (ISO 13485:2016 4.2.4 d)).', detail: UNRESOLVED_WHY, line: 9, column: 23, endColumn: 30 }],
    },
  ],
});
