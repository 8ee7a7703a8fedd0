import { distance } from 'fastest-levenshtein';
import * as path from 'node:path';
import type { ControlledDocument } from '../document';
import { resolveLinkTarget, writtenDestination } from '../links';
import { fileSuggestionsOf } from '../near-matches';
import { isPlaceholderTarget } from '../placeholders';
import { defineRule } from '../rule';
import { AVAILABILITY, basis, fitting, requiresSentence } from './shared/requirement';
import type { WorkspaceIndex } from '../index-workspace';

const rule = defineRule({
  meta: {
    id: 'link-broken',
    description: 'Relative links must lead to a file that exists and, with an anchor, to a heading that exists.',
    rationale: ['ISO 13485:2016 4.2.4 d)'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: { index: true },
  },
  check(ctx, report) {
    const { doc, index } = ctx;
    const on = basis(ctx, ctx.profile?.availabilityClause);
    const why = requiresSentence(ctx, ctx.profile?.availabilityClause, AVAILABILITY);
    const dir = path.posix.dirname(doc.path);
    const { text } = doc.parsed;
    for (const link of doc.links) {
      // External URLs, mailto: and site-absolute paths are never checked: no network, no site root.
      const target = resolveLinkTarget(doc.path, link.url);
      if (!target || (!target.file && !target.anchor)) continue;
      // A template's target ({{cr.url}}, docs/{{ name }}.md, {% url 'a' %}) or a prompt (<enter link>,
      // TBD) is not a path yet: never broken. Prompts are field-placeholder's, as unfilled.
      const written = writtenDestination(text.slice(link.range.start, link.range.end), link.url)?.text ?? link.url;
      if (isPlaceholderTarget(written)) continue;
      const file = link.url.split('#')[0].split('?')[0];
      if (target.file && !index.exists(target.file)) {
        const guess = similarFile(target.file, index);
        const message = fitting(`Link target ${file} does not exist${on}.`, `Link target does not exist${on}.`);
        const named = message.includes(file) ? '' : `${file} does not exist. `;
        report({
          message,
          detail: `${named}${guess ? `Did you mean ${path.posix.relative(dir, guess)}? ` : ''}Fix the path so readers reach the document where it is used. ${why}`,
          range: link.range,
        });
        continue;
      }
      if (!target.anchor) continue;
      // Anchors are checked only where the headings are known: this document or another linted Markdown file.
      const targetDoc = target.file ? index.byPath.get(target.file) : doc;
      if (!targetDoc) continue;
      const anchors = anchorsOf(targetDoc);
      if (anchors.has(target.anchor.toLowerCase())) continue;
      const closest = closestAnchor(target.anchor.toLowerCase(), anchors);
      const inWhat = targetDoc.path === doc.path ? 'this document' : file;
      const message = fitting(`No heading in ${inWhat} has the anchor #${target.anchor}${on}.`, fitting(`No heading has the anchor #${target.anchor}${on}.`, `No heading has this anchor${on}.`));
      const named = message.includes(inWhat) ? '' : `${inWhat} has no heading with the anchor #${target.anchor}. `;
      report({
        message,
        detail: `${named}${closest ? `The closest is #${closest}. ` : ''}Fix the anchor to match a heading's slug, so readers reach the section meant. ${why}`,
        range: link.range,
      });
    }
  },
});

/** A linted document that is probably the one meant: same file name elsewhere, or a near miss in the same folder. */
function similarFile(missing: string, index: WorkspaceIndex): string | undefined {
  const name = path.posix.basename(missing).toLowerCase();
  const folder = path.posix.dirname(missing);
  // Looked up in indexes of the linted files (by name, by folder and length), not compared with each.
  const files = fileSuggestionsOf(index);
  const sameName = files.sameName(name);
  if (sameName.length === 1) return sameName[0];
  const near = files.near(folder, name, 2);
  return near.length === 1 ? near[0] : undefined;
}

const anchorCache = new WeakMap<ControlledDocument, Set<string>>();

/**
 * The anchors a renderer gives a document: GitHub heading slugs, where a repeated
 * slug gets -1, -2, ... in document order, plus explicit HTML ids and names.
 * Kept in lower case and compared so: a difference of case alone is not reported as a dead link.
 */
function anchorsOf(doc: ControlledDocument): Set<string> {
  const cached = anchorCache.get(doc);
  if (cached) return cached;
  const anchors = new Set<string>();
  const suffixes = new Map<string, number>();
  for (const heading of doc.headings) {
    let slug = heading.slug;
    while (anchors.has(slug)) {
      const n = (suffixes.get(heading.slug) ?? 0) + 1;
      suffixes.set(heading.slug, n);
      slug = `${heading.slug}-${n}`;
    }
    anchors.add(slug);
  }
  for (const anchor of doc.htmlAnchors) anchors.add(anchor);
  anchorCache.set(doc, anchors);
  return anchors;
}

function closestAnchor(anchor: string, anchors: Set<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of anchors) {
    if (!candidate) continue;
    const d = distance(anchor, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best && bestDistance <= Math.max(2, Math.floor(anchor.length / 3))) return best;
  // A shortened anchor (#retention for #retention-periods) is a near miss too.
  const containing = anchor.length >= 3 ? [...anchors].filter((a) => a.includes(anchor)) : [];
  return containing.length === 1 ? containing[0] : undefined;
}

export default rule;
