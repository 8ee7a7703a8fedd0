// Regressions in how fixes compose, found by the `fixes` fuzz class.
import { describe, expect, it } from 'vitest';
import { fixDocuments } from '../../server/src/core/fix-files';
import { applyEdits, composeEdits } from '../../server/src/core/fixes';
import { parseMarkdown } from '../../server/src/core/parse';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { TODAY } from '../helpers';

describe('composed edits', () => {
  it('keep the order of insertions at one offset (they came out reversed: the net edits did not give the fixed text)', () => {
    const original = 'ab';
    const next = [
      { start: 1, end: 1, text: '1' },
      { start: 1, end: 1, text: '2' },
      { start: 1, end: 1, text: '3' },
    ];
    expect(applyEdits(original, composeEdits(original, [], next))).toBe(applyEdits(original, next));
    const net = composeEdits(original, [], [{ start: 1, end: 1, text: 'XY' }]);
    // Pass two inserts right after pass one's insertion, at the end of it.
    const second = [
      { start: 3, end: 3, text: '1' },
      { start: 3, end: 3, text: '2' },
    ];
    expect(applyEdits(original, composeEdits(original, net, second))).toBe(applyEdits(applyEdits(original, net), second));
  });

  it('give the text --fix writes for a document missing several fields in two passes', async () => {
    const text = '\ufeff---\r\nid: SOP-010\r\ntitle: BOM and CRLF\r\n---\r\n\r\n# BOM and CRLF\r\n---\r\n\r\n# BOM and CRLF\r\n\r\n';
    const run = await fixDocuments({ workspace: new MemoryWorkspace({ '/ws/doc.md': text }), files: ['/ws/doc.md'], root: '/ws', today: TODAY });
    const fixed = run.files.get('/ws/doc.md')!;
    expect(fixed.applied.length).toBeGreaterThan(3);
    expect(applyEdits(text, fixed.edits)).toBe(fixed.fixed);
  });
});

// Found by the fixes fuzz class (seed 413919215): a document with two byte order
// marks that ends inside an open code block never settled under --fix.
describe('--fix settles', () => {
  async function fixTwice(text: string) {
    const first = await fixDocuments({ workspace: new MemoryWorkspace({ '/ws/doc.md': text }), files: ['/ws/doc.md'], root: '/ws', today: TODAY });
    const once = first.files.get('/ws/doc.md')?.fixed ?? text;
    const second = await fixDocuments({ workspace: new MemoryWorkspace({ '/ws/doc.md': once }), files: ['/ws/doc.md'], root: '/ws', today: TODAY });
    return { once, twice: second.files.get('/ws/doc.md')?.fixed ?? once };
  }

  it('after a second byte order mark (the parser skips it and counted every offset one short)', async () => {
    const parsed = parseMarkdown('\ufeff\ufeff# Title\n\nText.\n');
    const [heading, paragraph] = parsed.tree.children.map((n) => parsed.text.slice(n.position!.start.offset, n.position!.end.offset));
    expect([heading, paragraph]).toEqual(['# Title', 'Text.']);
    expect(parsed.tree.children[0].position!.start.column).toBe(2);
    const { once, twice } = await fixTwice('\ufeff\ufeff---\nid: SOP-010\ntitlee: Two marks\n---\n\n# Two marks\n\nText.\n');
    // The missing fields went into the front matter, before its closing line.
    expect(once).toMatch(/^\ufeff\ufeff---\nid: SOP-010\ntitlee: Two marks\ntitle: Two marks\n[^]*\n---\n\n# Two marks\n/);
    expect(twice).toBe(once);
  });

  it('in a document that ends inside an open code block: no history section appended into the code', async () => {
    const text = '---\nid: SOP-010\ntitle: Open fence\n---\n\n# Open fence\n\n```\ncode\n';
    const { once, twice } = await fixTwice(text);
    expect(once).not.toContain('## Revision History');
    expect(twice).toBe(once);
  });

  it('in a document that ends with a closed code block: the history section is added once', async () => {
    const { once, twice } = await fixTwice('---\nid: SOP-010\ntitle: Closed fence\n---\n\n# Closed fence\n\n```\ncode\n```\n');
    expect(once.match(/## Revision History/g)).toHaveLength(1);
    expect(twice).toBe(once);
  });
});
