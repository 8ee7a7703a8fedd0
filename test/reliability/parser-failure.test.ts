// A file the Markdown parser throws on (a stack overflow deep in micromark,
// which 20 000 nested emphasis markers cause after a minute and a half) costs
// that file one finding; the other files are linted as usual. The parser is
// made to throw here, so the test takes no time.
import { describe, expect, it, vi } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

vi.mock('../../server/src/core/document', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/src/core/document')>();
  return {
    ...original,
    buildDocument: (...args: Parameters<typeof original.buildDocument>) => {
      if (args[1].includes('OVERFLOW')) throw new RangeError('Maximum call stack size exceeded');
      if (args[1].includes('BROKEN')) throw new TypeError("Cannot read properties of undefined (reading 'offset')");
      return original.buildDocument(...args);
    },
  };
});

describe('a parser failure', () => {
  it('is one file-too-complex finding on that file, and the others are linted', async () => {
    const result = await lintFiles({ 'deep.md': `${CLEAN_SOP}\nOVERFLOW\n`, 'odd.md': `${CLEAN_SOP}\nBROKEN\n`, 'ok.md': CLEAN_SOP.replace('SOP-001', 'SOP-002') });
    const deep = findings(result, 'deep.md');
    expect(deep.map((f) => [f.ruleId, f.line, f.column])).toEqual([['file-too-complex', 1, 1]]);
    expect(deep[0].message).toMatch(/too deeply nested to parse \(Maximum call stack size exceeded\) and was not analysed/);
    expect(findings(result, 'odd.md')[0].message).toMatch(/could not be parsed \(Cannot read properties.*\).*report this as a qmslint bug/);
    expect(findings(result, 'ok.md').map((f) => f.ruleId)).not.toContain('file-too-complex');
  });
});
