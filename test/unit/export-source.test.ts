// Export Coverage Matrix says what it was made from (issue 16, point 9): the files as saved, and how
// many editors with unsaved changes that left out, in the report's header and the message.
import { describe, expect, it } from 'vitest';
import { savedFilesNote, withSourceLine } from '../../server/src/shared/export-source';

describe('what an export was made from', () => {
  it('counts the unsaved editors left out', () => {
    expect(savedFilesNote(0)).toBe('from saved files');
    expect(savedFilesNote(1)).toBe('from saved files; 1 unsaved editor was not included');
    expect(savedFilesNote(3)).toBe('from saved files; 3 unsaved editors were not included');
  });

  it('puts the line under the Markdown title, and in the HTML header', () => {
    const md = '<!-- qmslint-disable-file -->\n# Clause coverage: ISO 13485:2016\n\n- **4 of 91 clauses covered**\n';
    expect(withSourceLine(md, 'markdown', savedFilesNote(2))).toBe(
      '<!-- qmslint-disable-file -->\n# Clause coverage: ISO 13485:2016\n\n_Made from saved files; 2 unsaved editors were not included._\n\n- **4 of 91 clauses covered**\n',
    );
    const html = '<header>\n<h1>Clause coverage report</h1>\n<p class="meta">ISO 13485:2016.</p>\n</header>\n<main>';
    expect(withSourceLine(html, 'html', savedFilesNote(0))).toBe('<header>\n<h1>Clause coverage report</h1>\n<p class="meta">ISO 13485:2016.</p>\n<p class="meta">Made from saved files.</p>\n</header>\n<main>');
  });

  it('leaves a CSV file as the CLI writes it: a line above its header row would break an import', () => {
    const csv = 'Standard,Group,Clause\nISO 13485:2016,4,4.2.4\n';
    expect(withSourceLine(csv, 'csv', savedFilesNote(1))).toBe(csv);
  });
});
