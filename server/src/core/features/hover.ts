// Hover text, as Markdown: what a cited clause is (heading, what the standard
// asks for it, which documents cover it), what a document id names, and why a
// rule cares (its rationale clauses with their headings).
import * as path from 'node:path';
import { clauseLabel } from '../standards/label';
import { coverageOf, parentOnlyNote, type CoverageMatrix, type CoveringDocument } from '../coverage';
import { fieldText, type ControlledDocument } from '../document';
import type { WorkspaceIndex } from '../index-workspace';
import { designation, type ResolvedCitation } from '../resolve';
import { ruleById } from '../rules';
import type { Catalog } from '../standards/catalog';
import type { OffsetRange } from '../text';
import { idAt, resolvedCitationAt } from './navigation';

export interface HoverContext {
  doc: ControlledDocument;
  index: WorkspaceIndex;
  catalog: Catalog;
  /** The configured standard (documents without `standard:` are checked against it). */
  defaultStandard: string;
  /** Paths are shown relative to this folder. */
  root: string;
}

export interface HoverResult {
  markdown: string;
  range: OffsetRange;
}

export function hoverAt(ctx: HoverContext, offset: number): HoverResult | undefined {
  const id = idAt(ctx.doc, offset);
  if (id) return { markdown: documentHover(ctx, id.id), range: id.range };
  const cited = resolvedCitationAt(ctx.doc, offset, ctx.catalog, ctx.defaultStandard);
  if (cited) return { markdown: clauseHover(ctx, cited), range: cited.citation.range };
  return undefined;
}

export function documentHover(ctx: Pick<HoverContext, 'index' | 'root'>, id: string): string {
  const docs = ctx.index.byId.get(id) ?? [];
  if (!docs.length) return `**${id}**: no document in the workspace has this id.`;
  const parts = docs.map((d) => {
    const title = fieldText(d, 'title') ?? d.h1?.text;
    const facts = [
      fieldText(d, 'type'),
      fieldText(d, 'revision') && `revision ${fieldText(d, 'revision')}`,
      fieldText(d, 'status'),
      fieldText(d, 'effective_date') && `effective ${fieldText(d, 'effective_date')}`,
    ].filter(Boolean);
    const rel = path.posix.relative(ctx.root, d.path) || path.posix.basename(d.path);
    return [`**${id}**${title ? ` ${escapeMd(title)}` : ''}`, facts.length ? facts.join(' · ') : undefined, `\`${rel}\``].filter(Boolean).join('\n\n');
  });
  if (docs.length > 1) parts.push(`${docs.length} documents share this id.`);
  return parts.join('\n\n---\n\n');
}

export function clauseHover(ctx: HoverContext, r: ResolvedCitation): string {
  const c = r.citation;
  const item = c.item ? ` ${c.item})` : '';
  if (!r.pack) {
    const edition = r.edition === 'withdrawn' ? ' (a withdrawn edition)' : r.edition === 'unknown' ? ' (an edition qmslint does not know)' : '';
    return `**${escapeMd(designation(r, c.clause))}${item}**${edition}\n\nqmslint has no clause catalog for this standard, so the clause is not checked.`;
  }
  const clause = ctx.catalog.clause(r.pack.id, c.clause);
  if (!clause) {
    if (r.superseded) {
      const replaced = r.superseded.replacedBy ? ` Now: ${escapeMd(r.superseded.replacedBy)}.` : '';
      return `**${escapeMd(clauseLabel(r.pack.title, c.clause))}** ${escapeMd(r.superseded.title)}\n\nThis section no longer applies.${replaced}`;
    }
    const suggestions = ctx.catalog.suggest(r.pack.id, c.clause);
    return `**${escapeMd(r.pack.title)}** has no clause ${c.clause}.${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''}`;
  }
  const lines = [`**${escapeMd(clauseLabel(r.pack.title, clause.id))}${item}** ${escapeMd(clause.title)}`];
  const asks = [
    clause.documentedProcedure && 'a documented procedure',
    clause.documentedProcess && 'a documented process',
    clause.documentedInformation === 'maintain' && 'documented information to be maintained',
    clause.records && 'records',
  ].filter(Boolean);
  lines.push(asks.length ? `Requires ${asks.join(' and ')}.` : 'No documented procedure is required.');
  const matrix = coverageOf(ctx.index, ctx.catalog, r.pack.id, ctx.defaultStandard);
  const row = matrix?.clauses.find((x) => x.clause.id === clause.id);
  if (row) {
    const covering = row.documents.map(
      (d) => `${d.id ?? path.posix.basename(d.path)}${d.title ? ` ${escapeMd(d.title)}` : ''} (${d.controlled ? (d.status ?? 'no status') : 'uncontrolled'}${viaNote(d)})`,
    );
    const state =
      row.state === 'covered'
        ? 'Covered'
        : row.state === 'partial'
          ? 'Partly covered: approved or effective documents cite only its subclauses'
          : row.state === 'draft-only'
          ? 'Covered by drafts only'
          : row.state === 'uncontrolled'
            ? 'Cited only by uncontrolled documents (files without an id), so not covered'
            : 'Not covered by any document';
    lines.push(covering.length ? `${state}: ${covering.join(', ')}.` : `${state}.`);
  }
  return lines.join('\n\n');
}

/** ", via parent 7.3", ", cites 7.5 only: 7.5.7 requires its own procedure", or nothing for a direct citation. */
function viaNote(d: CoveringDocument): string {
  if (d.via === 'direct') return '';
  const note = parentOnlyNote(d);
  if (note) return `, ${note}`;
  if (d.via === 'crosswalk' && d.from) return `, via crosswalk from ${escapeMd(`${d.from.title} ${d.from.clause}`)}`;
  return `, via ${d.via}${d.cites ? ` ${d.cites}` : ''}`;
}

/**
 * What a finding's hover adds to its message: the detail (why it matters, how to fix it). The
 * editor shows the message itself above the hover (VS Code's diagnostic hover), so it is not repeated.
 */
export function findingDetailHover(f: { detail?: string }): string | undefined {
  return f.detail ? escapeMd(f.detail) : undefined;
}

/** Why a rule matters: its description and rationale clauses, each with its heading when the catalog knows it. */
export function ruleHover(ruleId: string, rationale: string | undefined, catalog: Catalog): string | undefined {
  const rule = ruleById(ruleId);
  if (!rule) return undefined;
  const clauses = rationale ? [rationale] : rule.rationale;
  const why = clauses.map((c) => {
    const heading = rationaleHeading(c, catalog);
    return heading ? `${escapeMd(c)} (${escapeMd(heading)})` : escapeMd(c);
  });
  return `**qmslint \`${ruleId}\`**: ${escapeMd(rule.description)}\n\nWhy: ${why.join('; ')}.`;
}

/** "ISO 13485:2016 4.2.4 c)" -> the heading of 4.2.4 in that standard. */
export function rationaleHeading(ref: string, catalog: Catalog): string | undefined {
  const m = /^(.*?)[\s§]+(\d+(?:\.\d+)*)(?:\s*\(?[a-z]\))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const pack = catalog.pack(m[1]);
  return pack ? catalog.clause(pack.id, m[2])?.title : undefined;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}
