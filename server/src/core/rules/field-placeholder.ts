import type { Nodes } from 'mdast';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ControlledDocument, DocHeading } from '../document';
import { rangeOf, walk } from '../mdast';
import { findPlaceholders, type PlaceholderMatch } from '../placeholders';
import { perRun } from '../run-memo';
import type { DocumentRule } from '../rule';
import type { Report } from '../types';

const rule: DocumentRule = {
  id: 'field-placeholder',
  description: 'Template placeholders (<enter ...>, TBD, YYYY-MM-DD, [Name], XXX) must be filled in before approval.',
  rationale: ['ISO 13485:2016 4.2.4 a)'],
  severity: 'warning',
  scope: 'document',
  fixable: false,
  check({ doc, typeProfile }, report) {
    if (!doc.controlled || typeProfile?.placeholdersAllowed) return;
    scanFrontMatter(doc, report);
    scanBody(doc, report);
  },
};

function scanFrontMatter(doc: ControlledDocument, report: (r: Report) => void): void {
  const fm = doc.parsed.frontMatter;
  if (!fm || !isMap(fm.yaml.contents)) return;
  const text = doc.parsed.text;
  const visit = (node: unknown, label: string) => {
    if (isScalar(node)) {
      const range = (node as Node).range;
      if (!range) return;
      const start = fm.contentStart + range[0];
      const source = text.slice(start, fm.contentStart + range[1]);
      for (const p of findPlaceholders(source)) {
        report({
          message: `Placeholder \`${p.text}\` left unfilled in \`${label}\`; replace it before approval.`,
          range: { start: start + p.start, end: start + p.end },
        });
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        visit(pair.value, label ? `${label}.${key}` : key);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, `${label}[${i + 1}]`));
    }
  };
  visit(fm.yaml.contents, '');
}

function scanBody(doc: ControlledDocument, report: (r: Report) => void): void {
  const { text, tree } = doc.parsed;
  const found = perRun(doc.parsed, runPlaceholders, (part) => placeholdersIn(text, part), movedPlaceholder) ?? placeholdersIn(text, tree);
  const headings = doc.headings;
  for (const p of found) {
    const section = lastHeadingFrom(headings, p.start);
    const where = section && !(p.start >= section.range.start && p.start < section.range.end) ? `section \`${section.text}\`` : section ? 'a heading' : 'the text';
    report({
      message: `Placeholder \`${p.text}\` left unfilled in ${where}; replace it before approval.`,
      range: { start: p.start, end: p.end },
    });
  }
}

/** The placeholders in the text and HTML of `tree` (not in code), at document offsets. */
function placeholdersIn(text: string, tree: Nodes): PlaceholderMatch[] {
  const out: PlaceholderMatch[] = [];
  walk(tree, (node: Nodes) => {
    if (node.type === 'yaml' || node.type === 'code' || node.type === 'inlineCode') return false;
    if (node.type !== 'text' && node.type !== 'html') return;
    const { start, end } = rangeOf(node);
    // Scan the source, not the value, so `\<enter owner\>` is found as written and ranges are exact.
    let source = text.slice(start, end);
    if (node.type === 'html') source = source.replace(/<!--[\s\S]*?(-->|$)/g, (c) => ' '.repeat(c.length));
    for (const p of findPlaceholders(source)) out.push({ text: p.text, start: start + p.start, end: start + p.end });
  });
  return out;
}

// A document's text nodes are read once per parsed run (see run-memo.ts): on a keystroke in a large document, only the changed run's.
const runPlaceholders = new WeakMap<object, PlaceholderMatch[]>();
const movedPlaceholder = (p: PlaceholderMatch, by: number): PlaceholderMatch => ({ text: p.text, start: p.start + by, end: p.end + by });

/** The last heading that starts at or before `at` (headings are in document order). */
function lastHeadingFrom(headings: DocHeading[], at: number): DocHeading | undefined {
  let lo = 0;
  let hi = headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].range.start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo ? headings[lo - 1] : undefined;
}

export default rule;
