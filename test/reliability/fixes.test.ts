// Regressions in how fixes compose, found by the `fixes` fuzz class.
import { describe, expect, it } from 'vitest';
import { fixDocuments } from '../../server/src/core/fix-files';
import { applyEdits, composeEdits } from '../../server/src/core/fixes';
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
