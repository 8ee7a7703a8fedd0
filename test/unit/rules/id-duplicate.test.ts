import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { applyEdits } from '../../../server/src/core/fixes';
import { ruleById } from '../../../server/src/core/rules';
import { runRule, testRule } from '../../rule-tester';

const RULE = 'id-duplicate';

function withId(id: string, title = 'Control of Documents'): string {
  return CLEAN_SOP.replace('id: SOP-001', `id: ${id}`).replace('title: Control of Documents', `title: ${title}`);
}

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

describe('id-duplicate', () => {
  it('reports nothing when every id is unique', async () => {
    const result = await lintFiles({
      'sops/sop-001.md': CLEAN_SOP,
      'sops/sop-002.md': withId('SOP-002'),
      'notes.md': '# Notes\n\nNo front matter, no id.\n',
    });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('reports both documents that share an id, at the id value, naming the other file relatively', async () => {
    const result = await lintFiles({
      'sops/sop-004.md': withId('SOP-004', 'Internal Audit'),
      'archive/sop-004-old.md': withId('SOP-004', 'Internal Audit (old)'),
    });
    const [current] = findings(result, 'sops/sop-004.md', RULE);
    const [old] = findings(result, 'archive/sop-004-old.md', RULE);
    expect(current.severity).toBe('error');
    expect(slice(result, current)).toBe('SOP-004');
    expect(slice(result, old)).toBe('SOP-004');
    expect(current.line).toBe(2);
    expect(current.message).toBe(
      'SOP-004 is also the id of ../archive/sop-004-old.md (ISO 13485:2016 4.2.4 e)).',
    );
    expect(old.message).toContain('SOP-004 is also the id of ../sops/sop-004.md (ISO 13485:2016 4.2.4 e)).');
    expect(findings(result, undefined, RULE)).toHaveLength(2);
  });

  it('names a file in the same folder by its name alone, and lists every other holder', async () => {
    const result = await lintFiles({
      'sops/a.md': withId('SOP-009'),
      'sops/b.md': withId('SOP-009'),
      'forms/c.md': withId('SOP-009'),
    });
    expect(findings(result, undefined, RULE)).toHaveLength(3);
    expect(findings(result, 'sops/a.md', RULE)[0].message).toContain('SOP-009 is also the id of ../forms/c.md and b.md (ISO 13485:2016 4.2.4 e)).');
    expect(findings(result, 'forms/c.md', RULE)[0].message).toContain('SOP-009 is also the id of ../sops/a.md and ../sops/b.md (ISO 13485:2016 4.2.4 e)).');
  });

  it('covers a quoted id and a file with a BOM', async () => {
    const result = await lintFiles({
      'a.md': '\uFEFF' + CLEAN_SOP.replace('id: SOP-001', 'id: "SOP-001"'),
      'b.md': CLEAN_SOP,
    });
    const [a] = findings(result, 'a.md', RULE);
    expect(slice(result, a)).toBe('"SOP-001"');
    expect(slice(result, findings(result, 'b.md', RULE)[0])).toBe('SOP-001');
  });

  it('treats SOP-01 and SOP-001 as different ids', async () => {
    const result = await lintFiles({ 'a.md': withId('SOP-01'), 'b.md': withId('SOP-001') });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });
});

testRule('id-duplicate', {
  valid: [{ text: CLEAN_SOP, files: { 'sop-2.md': CLEAN_SOP.replace('SOP-001', 'SOP-002') } }],
  invalid: [
    {
      name: 'a copied document keeps the id (docs example)',
      path: 'sops/sop-004-internal-audit.md',
      text: '---\nid: SOP-004\ntitle: Internal Audit\n---\n',
      files: { 'sops/sop-008-supplier-audit.md': '---\nid: SOP-004\ntitle: Supplier Audit\n---\n' },
      findings: [
        {
          message:
            'SOP-004 is also the id of sop-008-supplier-audit.md (ISO 13485:2016 4.2.4 e)).',
          path: 'sops/sop-004-internal-audit.md',
          line: 2,
          column: 5,
          endColumn: 12,
          severity: 'error',
        },
      ],
    },
    {
      name: 'three documents with one id: one finding naming the other two',
      text: CLEAN_SOP,
      files: { 'b.md': CLEAN_SOP, 'c.md': CLEAN_SOP },
      findings: [{ includes: 'SOP-001 is also the id of b.md and c.md', line: 2, column: 5 }],
    },
  ],
});

describe('id-duplicate suggestion', () => {
  const rule = ruleById(RULE)!;

  it('suggests the next free id of the prefix, padded like the others, and never fixes', async () => {
    const text = withId('SOP-004');
    const files = { 'a.md': withId('SOP-004'), 'b.md': withId('SOP-011'), 'c.md': withId('WI-020'), 'd.md': withId('"SOP-0012"') };
    const found = await runRule(rule, { text, files });
    expect(found).toHaveLength(1);
    expect(found[0].fix).toBeUndefined();
    expect(found[0].suggestions!.map((s) => s.title)).toEqual(['Renumber this document to SOP-0013']);
    const renumbered = applyEdits(text, found[0].suggestions![0].edits);
    expect(renumbered).toBe(withId('SOP-0013'));
    expect(await runRule(rule, { text: renumbered, files })).toEqual([]);
  });

  it('keeps quotes, skips an id a document declares elsewhere, and offers nothing the id pattern would reject', async () => {
    const text = withId('"SOP-004"');
    const files = { 'a.md': withId('SOP-004'), 'sop-005-purchasing.md': '# Purchasing\n' };
    const [f] = await runRule(rule, { text, files });
    expect(applyEdits(text, f.suggestions![0].edits)).toBe(withId('"SOP-006"'));

    const config = 'idPattern: "^SOP-00[1-4]$"\n';
    const [none] = await runRule(rule, { text: withId('SOP-004'), files: { 'a.md': withId('SOP-004') }, config });
    expect(none.suggestions).toBeUndefined();
  });
});
