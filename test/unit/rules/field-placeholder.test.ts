import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import { findPlaceholders, isPlaceholder } from '../../../server/src/core/placeholders';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'field-placeholder';

function slice(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

/** CLEAN_SOP as a draft: a placeholder in a required field of an effective document is field-missing's (see placeholder-fixes.test.ts). */
const DRAFT_SOP = CLEAN_SOP.replace('status: effective', 'status: draft');

function withBody(body: string): string {
  return CLEAN_SOP.replace('This procedure implements', `${body}\n\nThis procedure implements`);
}

async function found(text: string, files: Record<string, string> = {}) {
  const result = await lintFiles({ ...files, 'sop.md': text });
  const list = findings(result, 'sop.md', RULE);
  return { result, list, texts: list.map((f) => slice(result, f)) };
}

describe('field-placeholder', () => {
  it('reports nothing on a clean SOP', async () => {
    expect((await found(CLEAN_SOP)).list).toEqual([]);
  });

  it('reports an unfilled front matter value at the placeholder itself', async () => {
    const { result, list } = await found(DRAFT_SOP.replace('owner: Quality Manager', 'owner: <enter owner>'));
    expect(ruleIds(result, 'sop.md').filter((id) => id !== 'coverage-gap')).toEqual([RULE]);
    expect(list).toHaveLength(1);
    expect(list[0].severity).toBe('warning');
    expect(list[0].line).toBe(8);
    expect(slice(result, list[0])).toBe('<enter owner>');
    expect(list[0].message).toBe('Placeholder <enter owner> left unfilled in owner (ISO 13485:2016 4.2.4 a)).');
  });

  it('leaves a placeholder in a required field of an approved or effective document to field-missing, and reports the others', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager', 'owner: <enter owner>').replace('name: Omar Haddad', 'name: "[Name]"');
    const { result, texts } = await found(text);
    // An approver's name is not a required field: still a placeholder, here.
    expect(texts).toEqual(['[Name]']);
    expect(findings(result, 'sop.md', 'field-missing').map((f) => `${f.severity} ${slice(result, f)}`)).toEqual(['error <enter owner>']);
    // With field-missing off, the placeholder is reported here again, not lost.
    const off = await found(text, { '.qmslint.yaml': 'rules: {field-missing: off}\n' });
    expect(off.texts).toEqual(['<enter owner>', '[Name]']);
  });

  it('finds placeholders inside quoted values and approvals', async () => {
    const text = DRAFT_SOP.replace('title: Control of Documents', 'title: "Control of <Document Type>"').replace(
      'name: Omar Haddad',
      'name: \\<enter name\\>',
    );
    const { list, texts } = await found(text);
    expect(texts).toEqual(['<Document Type>', '\\<enter name\\>']);
    expect(list[1].message).toBe('Placeholder \\<enter name\\> left unfilled in approvals[2].name (ISO 13485:2016 4.2.4 a)).');
  });

  it('reports placeholders in the body, naming the section, but not in code', async () => {
    const body = [
      'Records are kept by [Name] for TBD years; the form is number XXX, effective YYYY-MM-DD.',
      'Owner: \\<enter the owner\'s name\\>. Approved <enter date>. Version xx.xx, [Insert scope here].',
      '',
      '`TBD in code` and',
      '',
      '```',
      'owner: <enter owner> TBD',
      '```',
    ].join('\n');
    const { list, texts } = await found(withBody(body));
    expect(texts).toEqual(['[Name]', 'TBD', 'XXX', 'YYYY-MM-DD', "\\<enter the owner's name\\>", '<enter date>', 'xx.xx', '[Insert scope here]']);
    expect(list[0].message).toBe('Placeholder [Name] left unfilled in section \'Purpose\' (ISO 13485:2016 4.2.4 a)).');
  });

  it('does not mistake HTML, links, comments, task lists or ordinary words for placeholders', async () => {
    const body = [
      'See <https://example.com/x> or <qa@example.com>, line<br>break, <span class="x">span</span>.',
      '<!-- TBD: internal note -->',
      '[SOP-002](sop-002.md), [the records procedure][records], [1], and the XXL sizes; TBDs.',
      '',
      '- [ ] open item',
      '- [x] done item',
      '',
      '<details><summary>More</summary>Text</details>',
      '',
      '[records]: ./sop-002.md',
    ].join('\n');
    const { texts } = await found(withBody(body));
    expect(texts).toEqual([]);
  });

  it('exempts templates (TPL) and types configured with placeholdersAllowed', async () => {
    const text = CLEAN_SOP.replace('owner: Quality Manager', 'owner: <enter owner>');
    expect((await found(text.replace('type: SOP', 'type: TPL'))).list).toEqual([]);
    const config = { '.qmslint.yaml': 'types: {SOP: {placeholdersAllowed: true}}\n' };
    expect((await found(text, config)).list).toEqual([]);
  });

  it('checks aliased keys under the name written', async () => {
    const config = { '.qmslint.yaml': 'fields: {id: document_id, revision: version}\n' };
    const text = DRAFT_SOP.replace('id: SOP-001', 'document_id: SOP-001').replace('revision: C', 'version: TBC');
    const { list } = await found(text, config);
    expect(list.map((f) => f.message)).toEqual(['Placeholder TBC left unfilled in version (ISO 13485:2016 4.2.4 a)).']);
  });

  it('ignores uncontrolled documents', async () => {
    const result = await lintFiles({ 'notes.md': '# Notes\n\nOwner: TBD\n' });
    expect(findings(result, undefined, RULE)).toEqual([]);
  });

  it('shares isPlaceholder with the rules that skip unfilled values', () => {
    for (const yes of ['<enter owner>', '\\<enter owner\\>', 'TBD', 'TBC', 'YYYY-MM-DD', 'DD.MM.YYYY', '[Name]', '[Insert title]', 'SOP-XXX', 'xx.xx', '<Company Name>'])
      expect([yes, isPlaceholder(yes)]).toEqual([yes, true]);
    for (const no of ['Quality Manager', 'SOP-001', '2026-03-01', 'C', '<br>', '<https://x.y>', '[SOP-002]', 'XL', 'Max', '[x]'])
      expect([no, isPlaceholder(no)]).toEqual([no, false]);
    expect(findPlaceholders('a TBD b <enter x>')).toEqual([
      { text: 'TBD', start: 2, end: 5 },
      { text: '<enter x>', start: 8, end: 17 },
    ]);
  });
});

describe('field-placeholder and numbering schemes', () => {
  it('takes SOP-XXX in running text for how documents are numbered, and in a field for a number left unfilled', async () => {
    const body = CLEAN_SOP.replace('for all controlled documents.', 'for procedures (SOP-XXX), audit reports (AUD-RPT-xxx), needs (UN-{CODE}-XXX), hazards (HAZ-XX-XXX) and XXX.');
    expect(findings(await lintFiles({ 'sop.md': body }), 'sop.md', 'field-placeholder').map((f) => f.message.split(' ')[1])).toEqual(['XXX']);
    const field = DRAFT_SOP.replace('id: SOP-001', 'id: SOP-XXX');
    expect(findings(await lintFiles({ 'sop.md': field }), 'sop.md', 'field-placeholder')).toHaveLength(1);
    // In an effective document the number left unfilled is a missing id: field-missing's error, once.
    const effective = await lintFiles({ 'sop.md': CLEAN_SOP.replace('id: SOP-001', 'id: SOP-XXX') });
    expect(findings(effective, 'sop.md', 'field-placeholder')).toEqual([]);
    expect(findings(effective, 'sop.md', 'field-missing').map((f) => f.severity)).toEqual(['error']);
  });
});

/** The message's tail: the clause the rule rests on. */
const PLACEHOLDER_WHY = 'Replace it before approval. ISO 13485:2016 4.2.4 a) requires documents to be reviewed for adequacy and approved before issue.';

testRule('field-placeholder', {
  valid: [{ text: CLEAN_SOP }],
  invalid: [
    {
      name: 'a template prompt in a field',
      text: CLEAN_SOP.replace('status: effective', 'status: draft').replace('owner: Quality Manager', 'owner: <enter owner>'),
      findings: [{ message: 'Placeholder <enter owner> left unfilled in owner (ISO 13485:2016 4.2.4 a)).', detail: `<enter owner> is left unfilled in owner. ${PLACEHOLDER_WHY}`, line: 8, column: 8, endLine: 8, endColumn: 21, severity: 'warning' }],
    },
    {
      name: 'TBD in the body (docs example)',
      text: CLEAN_SOP.replace('for all controlled documents.', 'for TBD years.'),
      findings: [{ message: "Placeholder TBD left unfilled in section 'Purpose' (ISO 13485:2016 4.2.4 a)).", detail: `TBD is left unfilled in section 'Purpose'. ${PLACEHOLDER_WHY}`, line: 21, column: 53, endColumn: 56 }],
    },
  ],
});
