// Hover on a cited clause says how it is covered: partly (only subclauses cited), and when a
// citation of the clause above is listed but does not count (issue 13, point 11).
import { describe, expect, it } from 'vitest';
import { hoverAt } from '../../server/src/core/features/hover';
import { CLEAN_SOP, lintFiles } from '../helpers';

describe('hover on a clause: partial coverage and parent citations', () => {
  it('says "Partly covered" for 4.2 when only 4.2.4 is cited, and why a citation of 7.5 does not cover 7.5.7', async () => {
    const production = CLEAN_SOP.replace('clauses: ["4.2.4"]', 'clauses: ["7.5"]').replace('§4.2.4', '§7.5');
    const documents = CLEAN_SOP.replace('SOP-001', 'SOP-002').replace(/Control of Documents/g, 'Document Control');
    // The hovered citations stand in an obsolete document, which covers nothing itself.
    const old = CLEAN_SOP.replace('SOP-001', 'SOP-900').replace('status: effective', 'status: obsolete').replace('ISO 13485:2016 §4.2.4', 'ISO 13485:2016 §7.5.7, §4.2 and §7.5.2');
    const result = await lintFiles({ '.qmslint.yaml': 'rules: {coverage-gap: off}\n', 'a.md': production, 'b.md': documents, 'old.md': old });
    const doc = result.index.byPath.get('/ws/old.md')!;
    const ctx = { doc, index: result.index, catalog: result.catalog, defaultStandard: 'iso13485:2016', root: '/ws' };
    const at = (needle: string) => hoverAt(ctx, doc.parsed.text.indexOf(needle) + 2)!.markdown;
    expect(at('§7.5.7')).toContain('Not covered by any document: SOP-001 Control of Documents (effective, cites 7.5 only: 7.5.7 requires its own procedure).');
    expect(at('§4.2 ')).toContain('Partly covered: approved or effective documents cite only its subclauses: SOP-002 Document Control (effective, via subclause 4.2.4).');
    expect(at('§7.5.2')).toContain('Covered: SOP-001 Control of Documents (effective, via parent 7.5).');
  });
});
