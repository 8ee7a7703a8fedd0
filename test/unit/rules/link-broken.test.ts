import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../../server/src/core/project';
import type { Finding } from '../../../server/src/core/types';
import { CLEAN_SOP, findings, lintFiles } from '../../helpers';
import { testRule } from '../../rule-tester';

const RULE = 'link-broken';

function doc(id: string, body: string): string {
  return `---\nid: ${id}\ntitle: Document ${id}\ntype: SOP\nstatus: effective\n---\n\n# Document ${id}\n\n${body}\n`;
}

const RECORDS = doc(
  'SOP-002',
  '## Purpose\n\nText.\n\n## Retention Periods\n\nText.\n\n## Notes\n\nFirst.\n\n## Notes\n\nSecond.\n\n## Résumé\n\nText.\n\n<a id="appendix-a"></a>\n\nAppendix.\n',
);

async function lintLinks(body: string, extra: Record<string, string> = {}): Promise<{ result: LintResult; found: Finding[]; text: (f: Finding) => string }> {
  const result = await lintFiles({ 'sops/sop-001.md': doc('SOP-001', body), 'sops/sop-002.md': RECORDS, ...extra });
  const found = findings(result, 'sops/sop-001.md', RULE);
  const text = (f: Finding) => result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
  return { result, found, text };
}

describe('link-broken', () => {
  it('accepts links to linted documents, other existing files, folders and encoded names', async () => {
    const { found } = await lintLinks(
      [
        'See [SOP-002](sop-002.md) and [again](./sop-002.md) and [the logo](../forms/logo.png).',
        'The [CAPA form](../forms/CAPA%20form.pdf) and [all forms](../forms/) and [with query](sop-002.md?plain=1).',
      ].join('\n\n'),
      { 'forms/logo.png': 'PNG', 'forms/CAPA form.pdf': '%PDF' },
    );
    expect(found).toEqual([]);
  });

  it('reports a link to a missing file at the whole link, with a close match', async () => {
    const { found, text } = await lintLinks('Auditors are qualified as in [SOP-004](sop-004-internal-audits.md).', {
      'sops/sop-004-internal-audit.md': doc('SOP-004', ''),
    });
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('warning');
    expect(text(found[0])).toBe('[SOP-004](sop-004-internal-audits.md)');
    expect(found[0].message).toBe(
      'Link target sop-004-internal-audits.md does not exist (ISO 13485:2016 4.2.4 d)).',
    );
  });

  it('suggests a document with the same name in another folder', async () => {
    const { found } = await lintLinks('See [WI-001](wi-001.md).', { 'work-instructions/wi-001.md': doc('WI-001', '') });
    expect(found[0].message).toBe('Link target wi-001.md does not exist (ISO 13485:2016 4.2.4 d)).');
    expect(found[0].detail).toContain('Did you mean ../work-instructions/wi-001.md?');
  });

  it('reports missing non-Markdown files and encoded names that do not exist', async () => {
    const { found, text } = await lintLinks('[logo](../forms/logo.jpg) and [form](../forms/CAPA%20form.docx)', { 'forms/logo.png': 'PNG' });
    expect(found.map(text)).toEqual(['[logo](../forms/logo.jpg)', '[form](../forms/CAPA%20form.docx)']);
    expect(found[0].message).toBe('Link target ../forms/logo.jpg does not exist (ISO 13485:2016 4.2.4 d)).');
  });

  it('reports reference-style definitions at the definition', async () => {
    const { found, text } = await lintLinks('See [the plan][plan].\n\n[plan]: ../plans/pln-001.md');
    expect(found.map(text)).toEqual(['[plan]: ../plans/pln-001.md']);
  });

  it('never checks external URLs, mailto: or site-absolute paths', async () => {
    const { found } = await lintLinks('[FDA](https://www.fda.gov/nowhere.md#x) [QA](mailto:qa@example.com) [root](/nowhere.md) [proto](//cdn.example.com/x.md)');
    expect(found).toEqual([]);
  });

  it('checks anchors in the same document', async () => {
    const { found, text } = await lintLinks('## Scope\n\nSee [scope](#scope), [title](#document-sop-001) and [scope again](#scpoe).\n');
    expect(found.map(text)).toEqual(['[scope again](#scpoe)']);
    expect(found[0].message).toBe('No heading in this document has the anchor #scpoe (ISO 13485:2016 4.2.4 d)).');
  });

  it('names no anchor when none is close', async () => {
    const { found } = await lintLinks('## Scope\n\nRecord it in the [change log](#change-log).\n');
    expect(found[0].message).toBe('No heading in this document has the anchor #change-log (ISO 13485:2016 4.2.4 d)).');
  });

  it('checks anchors in another linted document, with GitHub suffixes for repeated headings', async () => {
    const { found, text } = await lintLinks(
      [
        '[a](sop-002.md#purpose) [b](sop-002.md#retention-periods) [c](sop-002.md#notes) [d](sop-002.md#notes-1)',
        '[e](sop-002.md#r%C3%A9sum%C3%A9) [f](sop-002.md#appendix-a) [g](sop-002.md#Purpose)',
        '[h](sop-002.md#notes-2) [i](sop-002.md#retention)',
      ].join('\n\n'),
    );
    expect(found.map(text)).toEqual(['[h](sop-002.md#notes-2)', '[i](sop-002.md#retention)']);
    expect(found[0].line).toBe(14);
    expect(found[0].message).toBe('No heading in sop-002.md has the anchor #notes-2 (ISO 13485:2016 4.2.4 d)).');
    expect(found[1].message).toBe('No heading in sop-002.md has the anchor #retention (ISO 13485:2016 4.2.4 d)).');
    expect(found[1].detail).toContain('The closest is #retention-periods.');
  });

  it('gives a later heading the next free suffix when a heading already uses it', async () => {
    const body = '## Step\n\n## Step 1\n\n## Step\n\n[a](#step-1) [b](#step-2) [c](#step-3)';
    const { found, text } = await lintLinks(body);
    // Slugs: step, step-1, then the second "Step" takes step-2.
    expect(found.map(text)).toEqual(['[c](#step-3)']);
  });

  it('does not check anchors in files that are not linted Markdown', async () => {
    const { found } = await lintLinks('[logo](../forms/logo.png#top-left)', { 'forms/logo.png': 'PNG' });
    expect(found).toEqual([]);
  });

  it('ignores links in code', async () => {
    const { found } = await lintLinks('`[x](missing.md)`\n\n```\n[y](missing.md)\n```');
    expect(found).toEqual([]);
  });
});

/** CLEAN_SOP with one more sentence in its Purpose. */
const linking = (sentence: string) => CLEAN_SOP.replace('for all controlled documents.', `for all controlled documents. ${sentence}`);
/** The message's tail: the clause the rule rests on. */
const LINK_WHY = 'ISO 13485:2016 4.2.4 d) requires the relevant versions of documents to be available where they are used.';

testRule('link-broken', {
  valid: [{ text: linking('See [history](#revision-history) and [form](forms/f.docx).'), files: { 'forms/f.docx': 'x' } }],
  invalid: [
    {
      name: 'a file that does not exist (docs example)',
      text: linking('See [SOP-004](sop-004-internal-audits.md).'),
      findings: [{ message: 'Link target sop-004-internal-audits.md does not exist (ISO 13485:2016 4.2.4 d)).', detail: `Fix the path so readers reach the document where it is used. ${LINK_WHY}`, line: 21, column: 83, endColumn: 120, severity: 'warning' }],
    },
    {
      name: 'an anchor no heading has (docs example)',
      text: linking('Record it in the [revision history](#change-log).'),
      findings: [{ message: 'No heading in this document has the anchor #change-log (ISO 13485:2016 4.2.4 d)).', detail: `Fix the anchor to match a heading's slug, so readers reach the section meant. ${LINK_WHY}`, line: 21, column: 96, endColumn: 127 }],
    },
  ],
});
