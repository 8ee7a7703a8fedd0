import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'doc-reference-obsolete';

interface Opts {
  status?: string;
  references?: string;
  supersededBy?: string;
  body?: string;
}

function doc(id: string, { status = 'effective', references, supersededBy, body = '' }: Opts = {}): string {
  const fm = [`id: ${id}`, `title: Document ${id}`, 'type: SOP', `status: ${status}`];
  if (references) fm.push(`references: ${references}`);
  if (supersededBy) fm.push(`superseded_by: ${supersededBy}`);
  return `---\n${fm.join('\n')}\n---\n\n# Document ${id}\n\n${body}\n`;
}

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

describe('doc-reference-obsolete', () => {
  it('accepts references to documents in effect', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '[SOP-002]', body: 'Follow SOP-002.' }),
      'sop-002.md': doc('SOP-002'),
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('reports every mention of an obsolete document and names its successor', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '[SOP-002]', body: 'Raise the request on SOP-002.' }),
      'sop-002.md': doc('SOP-002', { status: 'obsolete', supersededBy: 'SOP-008' }),
      'sop-008.md': doc('SOP-008'),
    });
    const found = findings(result, 'sop-001.md', RULE);
    expect(found.map((f) => slice(result, f))).toEqual(['SOP-002', 'SOP-002']);
    expect(found[0].severity).toBe('warning');
    expect(found[0].line).toBe(6);
    expect(found[1].line).toBe(11);
    expect(found[0].message).toBe(
      'SOP-002 is obsolete (ISO 13485:2016 4.2.4 h)).',
    );
  });

  it('says so when the obsolete document names no successor', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { body: 'See SOP-002.' }),
      'sop-002.md': doc('SOP-002', { status: 'obsolete' }),
    });
    const [f] = findings(result, 'sop-001.md', RULE);
    expect(f.message).toBe(
      'SOP-002 is obsolete (ISO 13485:2016 4.2.4 h)).',
    );
  });

  it('follows a chain of successors to the document in effect', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { references: '[SOP-002]' }),
      'sop-002.md': doc('SOP-002', { status: 'obsolete', supersededBy: 'SOP-003' }),
      'sop-003.md': doc('SOP-003', { status: 'obsolete', supersededBy: 'SOP-004' }),
      'sop-004.md': doc('SOP-004'),
    });
    const [f] = findings(result, 'sop-001.md', RULE);
    expect(f.message).toBe('SOP-002 is obsolete (ISO 13485:2016 4.2.4 h)).');
    expect(f.detail).toMatch(/^It is superseded by SOP-003, then by SOP-004\. Cite SOP-004 instead/);
  });

  it('reports an obsolete successor in superseded_by, even from an obsolete document', async () => {
    const result = await lintFiles({
      'sop-002.md': doc('SOP-002', { status: 'obsolete', supersededBy: 'SOP-003' }),
      'sop-003.md': doc('SOP-003', { status: 'obsolete', supersededBy: 'SOP-004' }),
      'sop-004.md': doc('SOP-004'),
    });
    const [f] = findings(result, 'sop-002.md', RULE);
    expect(slice(result, f)).toBe('SOP-003');
    expect(f.message).toBe(
      'The successor SOP-003 is itself obsolete (ISO 13485:2016 4.2.4 h)).',
    );
    expect(findings(result, 'sop-003.md', RULE)).toEqual([]);
  });

  it('lets an obsolete document cite other obsolete documents', async () => {
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { status: 'obsolete', references: '[SOP-002]', body: 'Use SOP-002.' }),
      'sop-002.md': doc('SOP-002', { status: 'obsolete' }),
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('ignores mentions in the revision history and mentions of the document itself', async () => {
    const body = 'SOP-001 is withdrawn.\n\n## Revision History\n\n| Revision | Date | Author | Description |\n|---|---|---|---|\n| A | 2026-01-01 | Dana | Replaces SOP-002 |\n';
    const result = await lintFiles({
      'sop-001.md': doc('SOP-001', { status: 'obsolete', body }),
      'sop-003.md': doc('SOP-003', { body }),
      'sop-002.md': doc('SOP-002', { status: 'obsolete' }),
    });
    const found = findings(result, undefined, RULE);
    // SOP-003 mentions the obsolete SOP-001 in its body, not in its history.
    expect(found.map((f) => `${f.path}:${slice(result, f)}:${f.line}`)).toEqual(['/ws/sop-003.md:SOP-001:10']);
  });

  it('leaves unknown ids to doc-reference-unresolved', async () => {
    const result = await lintFiles({ 'sop-001.md': doc('SOP-001', { references: '[SOP-099]' }) });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

/** CLEAN_SOP made into form `id` with status `status` (and more front matter lines). */
const form = (id: string, status: string) => CLEAN_SOP.replace('SOP-001', id).replace('type: SOP', 'type: Form').replace('status: effective', `status: ${status}`);
/** CLEAN_SOP with one more sentence in its Purpose. */
const citing = (sentence: string) => CLEAN_SOP.replace('for all controlled documents.', `for all controlled documents. ${sentence}`);

testRule('doc-reference-obsolete', {
  valid: [{ text: citing('Use [FRM-004](frm-004.md).'), files: { 'frm-004.md': form('FRM-004', 'effective') } }],
  invalid: [
    {
      name: 'a link to a superseded form (docs example)',
      text: citing('Use [FRM-001](frm-001.md).'),
      files: { 'frm-001.md': form('FRM-001', 'obsolete\nsuperseded_by: FRM-004') },
      findings: [
        {
          message:
            'FRM-001 is obsolete (ISO 13485:2016 4.2.4 h)).',
          line: 21,
          column: 84,
          endColumn: 91,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a mention of an obsolete form nothing supersedes',
      text: citing('Use FRM-001.'),
      files: { 'frm-001.md': form('FRM-001', 'obsolete') },
      findings: [{ message: 'FRM-001 is obsolete (ISO 13485:2016 4.2.4 h)).', line: 21, column: 83, endColumn: 90 }],
    },
  ],
});
