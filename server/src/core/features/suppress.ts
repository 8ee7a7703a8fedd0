// The edits behind "disable this rule on this line" and "in this file", in the
// comment syntax core/suppressions.ts reads:
//   body, one line:    `... <!-- qmslint-disable-line rule -->` at the end of the line
//                      (inside the last cell of a table row, so the table stays whole;
//                      a comment line above would split a paragraph or end a table);
//   front matter:      `# qmslint-disable-next-line rule` on its own line above;
//   the whole file:    `<!-- qmslint-disable-file rule -->` just after the front matter.
// An existing directive of the same kind on that line gets the rule added to its list.
import type { ControlledDocument } from '../document';
import { walk } from '../mdast';
import { directiveNames } from '../suppressions';
import { detectEol } from '../text';
import type { Fix, TextEdit } from '../types';

/** `fileOffset` addresses the file text (BOM included), as a Finding's range does. Undefined where no comment can go (the `---` lines). */
export function disableOnLineFix(doc: ControlledDocument, ruleId: string, fileOffset: number): Fix | undefined {
  const { text, lines, frontMatter: fm, bomLength } = doc.parsed;
  const offset = Math.max(0, fileOffset - bomLength);
  const line = lines.position(offset).line;
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const title = `Disable ${ruleId} on this line`;
  let edit: TextEdit | undefined;
  if (fm && offset >= fm.range.start && offset <= fm.range.end) {
    const closingStart = text.lastIndexOf('\n', fm.range.end - 1) + 1;
    if (start <= fm.range.start || start >= closingStart) return undefined;
    const prev = line > 1 ? text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1)) : '';
    const existing = /^(\s*#\s*qmslint-disable-next-line\b)(.*)$/.exec(prev);
    if (existing && lines.lineStart(line - 1) >= fm.contentStart) {
      if (listed(existing[2], ruleId)) return undefined;
      edit = appendRule(lines.lineStart(line - 1) + existing[1].length, existing[2], ruleId);
    } else {
      const indent = /^[ \t]*/.exec(text.slice(start, end))![0];
      edit = { start, end: start, text: `${indent}# qmslint-disable-next-line ${ruleId}${detectEol(text)}` };
    }
  } else {
    const lineText = text.slice(start, end);
    const existing = /(<!--\s*qmslint-disable-line\b)([^<>\n\r\u2028\u2029]*?)-->/.exec(lineText);
    if (existing) {
      if (listed(existing[2], ruleId)) return undefined;
      edit = appendRule(start + existing.index + existing[1].length, existing[2], ruleId);
    } else {
      const comment = `<!-- qmslint-disable-line ${ruleId} -->`;
      const trimmedEnd = start + lineText.trimEnd().length;
      if (inTableRow(doc, offset) && text[trimmedEnd - 1] === '|' && text[trimmedEnd - 2] !== '\\') {
        // `| a | b |` -> `| a | b <!-- ... --> |`: the comment stays inside the last cell.
        const pipe = trimmedEnd - 1;
        const before = text.slice(start, pipe).trimEnd().length + start;
        edit = { start: before, end: before, text: ` ${comment}` };
      } else {
        edit = { start: trimmedEnd, end: trimmedEnd, text: trimmedEnd === start ? comment : ` ${comment}` };
      }
    }
  }
  return { title, edits: [shift(edit, bomLength)] };
}

export function disableInFileFix(doc: ControlledDocument, ruleId: string): Fix | undefined {
  const { text, frontMatter: fm, bomLength } = doc.parsed;
  const title = `Disable ${ruleId} in this file`;
  const bodyStart = fm ? fm.range.end : 0;
  const re = /(<!--\s*qmslint-disable-file\b)([^<>\n\r\u2028\u2029]*?)-->/g;
  re.lastIndex = bodyStart;
  const existing = re.exec(text);
  if (existing) {
    if (listed(existing[2], ruleId)) return undefined;
    return { title, edits: [shift(appendRule(existing.index + existing[1].length, existing[2], ruleId), bomLength)] };
  }
  const eol = detectEol(text);
  const comment = `<!-- qmslint-disable-file ${ruleId} -->`;
  const edit: TextEdit = fm ? { start: fm.range.end, end: fm.range.end, text: `${eol}${comment}` } : { start: 0, end: 0, text: `${comment}${eol}` };
  return { title, edits: [shift(edit, bomLength)] };
}

/** Whether a directive's rule list (text after the directive name) already covers the rule; an empty list covers all. */
function listed(list: string, ruleId: string): boolean {
  const names = directiveNames(list).map((n) => n.name);
  return names.length === 0 || names.includes(ruleId);
}

/** ", rule" after the last name of a directive's list, which starts at `listStart`. */
function appendRule(listStart: number, list: string, ruleId: string): TextEdit {
  const at = listStart + list.trimEnd().length;
  return { start: at, end: at, text: `, ${ruleId}` };
}

function inTableRow(doc: ControlledDocument, offset: number): boolean {
  let found = false;
  walk(doc.parsed.tree, (node) => {
    if (found) return false;
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? 0;
    if (offset < s || offset > e) return false;
    if (node.type === 'tableRow') found = true;
  });
  return found;
}

function shift(e: TextEdit, by: number): TextEdit {
  return by ? { ...e, start: e.start + by, end: e.end + by } : e;
}
