import type { Nodes } from 'mdast';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ControlledDocument, DocHeading } from '../document';
import { writtenDestination } from '../links';
import { rangeOf, walk } from '../mdast';
import { findPlaceholders, findTargetPlaceholders, findTemplates, isWholePlaceholder, type PlaceholderMatch } from '../placeholders';
import { perRun } from '../run-memo';
import { defineRule } from '../rule';
import type { OffsetRange } from '../text';
import type { Report } from '../types';
import { basis, fitting, requiresSentence } from './shared/requirement';
import { unfilledRequired } from './shared/required-fields';

const rule = defineRule({
  meta: {
    id: 'field-placeholder',
    description: 'Template placeholders (<enter ...>, TBD, YYYY-MM-DD, [Name], XXX, {{ ... }} in front matter) must be filled in before approval.',
    rationale: ['ISO 13485:2016 4.2.4 a)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
  },
  check(ctx, report) {
    const { doc, typeProfile } = ctx;
    if (!doc.controlled || typeProfile?.placeholdersAllowed) return;
    // A prompt in a required field of an approved or effective document is field-missing's, as
    // an error: the field is not filled in. Reported here too, it would be one defect twice.
    const required = unfilledRequired(ctx).map((u) => u.present.valueRange);
    // A prompt left in is text nobody reviewed for adequacy: the approval clause is why it matters.
    const clause = ctx.profile?.approvalClause;
    const why: Why = { on: basis(ctx, clause), detail: `Replace it before approval. ${requiresSentence(ctx, clause, 'documents to be reviewed for adequacy and approved before issue')}` };
    scanFrontMatter(doc, report, required, why);
    scanBody(doc, report, why);
  },
});

/** The end of each message (the clause) and the detail every finding of the rule shares. */
interface Why {
  on: string;
  detail: string;
}

/** "Placeholder <enter date> left unfilled in effective_date (ISO 13485:2016 4.2.4 a)).", shorter when that would not fit a row. */
function placeholderMessage(placeholder: string, where: string, on: string): string {
  return fitting(`Placeholder ${placeholder} left unfilled in ${where}${on}.`, fitting(`Placeholder ${placeholder} left unfilled${on}.`, `Placeholder left unfilled${on}.`));
}

function scanFrontMatter(doc: ControlledDocument, report: (r: Report) => void, skip: OffsetRange[], why: Why): void {
  const fm = doc.parsed.frontMatter;
  if (!fm || !isMap(fm.yaml.contents)) return;
  const text = doc.parsed.text;
  const visit = (node: unknown, label: string) => {
    const range = (node as Node | null)?.range;
    const start = range ? fm.contentStart + range[0] : 0;
    const source = range ? text.slice(start, fm.contentStart + range[1]) : '';
    const found = (list: PlaceholderMatch[]) => {
      for (const p of list) {
        if (skip.some((r) => start + p.start >= r.start && start + p.end <= r.end)) continue;
        report({
          message: placeholderMessage(p.text, label, why.on),
          detail: `${p.text} is left unfilled in ${label}. ${why.detail}`,
          range: { start: start + p.start, end: start + p.end },
        });
      }
    };
    if (isScalar(node)) {
      if (range) found(findPlaceholders(source));
    } else if ((isMap(node) || isSeq(node)) && node.flow && range && source.startsWith('{{') && isWholePlaceholder(source)) {
      // `date: {{ release.date }}` unquoted: YAML reads a mapping in a mapping, the author meant a template value.
      found(findTemplates(source));
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

function scanBody(doc: ControlledDocument, report: (r: Report) => void, why: Why): void {
  const { text, tree } = doc.parsed;
  const found = perRun(doc.parsed, runPlaceholders, (part) => placeholdersIn(text, part), movedPlaceholder) ?? placeholdersIn(text, tree);
  const headings = doc.headings;
  for (const p of found) {
    const section = lastHeadingFrom(headings, p.start);
    const where = section && !(p.start >= section.range.start && p.start < section.range.end) ? `section '${section.text}'` : section ? 'a heading' : 'the text';
    report({
      message: placeholderMessage(p.text, where, why.on),
      detail: `${p.text} is left unfilled in ${where}. ${why.detail}`,
      range: { start: p.start, end: p.end },
    });
  }
}

/**
 * The placeholders in the text, HTML and link targets of `tree` (not in code), at document offsets.
 * Template-engine syntax in the body (`{{ device.name }}`, `{% for x in y %}`, `[x]({{cr.url}})`)
 * is not reported: it is the source of a document a template engine renders, not a prompt left
 * for an author. Its values in front matter are (see scanFrontMatter).
 */
function placeholdersIn(text: string, tree: Nodes): PlaceholderMatch[] {
  const out: PlaceholderMatch[] = [];
  const add = (found: PlaceholderMatch[], at: number) => {
    for (const p of found) {
      if (p.template || numberingScheme(text, at + p.start, p.text)) continue;
      out.push({ text: p.text, start: at + p.start, end: at + p.end });
    }
  };
  walk(tree, (node: Nodes) => {
    if (node.type === 'yaml' || node.type === 'code' || node.type === 'inlineCode') return false;
    const { start, end } = rangeOf(node);
    if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
      // A prompt as the target, `[the plan](<enter link>)` or `(TBD)`: link-broken leaves it to this rule.
      const written = writtenDestination(text.slice(start, end), node.url);
      if (written) add(findTargetPlaceholders(written.text), start + written.offset);
      return;
    }
    if (node.type !== 'text' && node.type !== 'html') return;
    // Scan the source, not the value, so `\<enter owner\>` is found as written and ranges are exact.
    let source = text.slice(start, end);
    if (node.type === 'html') source = source.replace(/<!--[\s\S]*?(-->|$)/g, (c) => ' '.repeat(c.length));
    add(findPlaceholders(source), start);
  });
  return out;
}

/**
 * "Standard operating procedures (SOP-XXX)", "audit reports (AUD-RPT-xxx)", "UN-{CODE}-XXX",
 * "HAZ-XX-XXX": in running text a run of x after an id prefix describes how documents are
 * numbered far more often than it leaves one number unfilled. (In a field, `id: SOP-XXX` is a
 * number left unfilled, and is reported.)
 */
function numberingScheme(text: string, start: number, found: string): boolean {
  return /^[xX]{3,}$/.test(found) && /(?<![\p{L}\p{N}])\p{Lu}{2,6}(?:-(?:\p{Lu}{2,6}|\{\p{Lu}{1,10}\}|[xX]{2,3}))?-$/u.test(text.slice(Math.max(0, start - 20), start));
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
