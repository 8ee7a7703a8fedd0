// What an exported coverage report was made from: the files as saved (the editor's Export Coverage
// Matrix leaves open editors' unsaved changes out, as the CLI does), said in the report and the message.

/** "from saved files", and how many unsaved editors that leaves out. */
export function savedFilesNote(n: number): string {
  return n ? `from saved files; ${n} unsaved editor${n === 1 ? ' was' : 's were'} not included` : 'from saved files';
}

/**
 * The report with a line that says what it was made from, under its title: Markdown and HTML have
 * one; a CSV file has no place for it (a line there would break a spreadsheet's import), so only the message says it.
 */
export function withSourceLine(text: string, format: string, source: string): string {
  const line = `Made ${source}.`;
  if (format === 'markdown') {
    const title = text.indexOf('\n# ');
    const end = title < 0 ? -1 : text.indexOf('\n', title + 1);
    return end < 0 ? `${line}\n\n${text}` : `${text.slice(0, end + 1)}\n_${line}_\n${text.slice(end + 1)}`;
  }
  if (format === 'html') {
    const header = text.indexOf('</header>');
    return header < 0 ? text : `${text.slice(0, header)}<p class="meta">${line}</p>\n${text.slice(header)}`;
  }
  return text;
}
