import { inForce } from '../config';
import type { ControlledDocument } from '../document';
import { idFromFileName, leadingId } from '../declared-ids';
import { idRegex } from '../id-pattern';
import { isPlaceholder } from '../placeholders';
import { defineRule } from '../rule';
import type { DocumentContext } from '../rule';
import { detectEol } from '../text';
import { deriveFields, METADATA_ID_KEY, type DerivedFields } from './shared/derive-fields';
import { knownTypes } from './shared/document-types';
import { placeholderFor } from './shared/placeholder-for';
import { basis, capitalise, fitting, requires } from './shared/requirement';
import { idClause, whyIdentifiable } from './shared/why-required';
import { yamlScalar } from './shared/yaml-scalar';

// Id prefixes common in QMS numbering that are not type names themselves (QM-001 is a manual).
const EXTRA_PREFIXES = ['QM', 'QP', 'QSP', 'FORM', 'F', 'WIN', 'PROC', 'SPEC'];

/** Why a document without front matter should have some; undefined when it need not. */
function looksControlled(ctx: DocumentContext): string | undefined {
  const { doc } = ctx;
  if (doc.controlled) return 'it is matched by documents in the configuration';
  const idRe = idRegex(ctx.config.idPattern);
  const idEntry = doc.metadata.find((e) => METADATA_ID_KEY.test(e.key.trim()) && idRe.test(e.value.trim()));
  if (idEntry) return `its metadata table gives it the number ${idEntry.value.trim()}`;
  // Names and headings only count when they start with a document-type prefix: "SOP-006 ...".
  const prefixes = new Set([...knownTypes(ctx), ...EXTRA_PREFIXES]);
  const typed = (id: string | undefined) => (id && prefixes.has(id.split('-')[0]) ? id : undefined);
  const h1Id = typed(doc.h1 ? leadingId(doc.h1.text, ctx.config.idPattern)?.id : undefined);
  if (h1Id) return `its title starts with the document number ${h1Id}`;
  const fileId = typed(idFromFileName(doc.path, ctx.config.idPattern));
  if (fileId) return `its file name carries the document number ${fileId}`;
  return undefined;
}

/**
 * The front matter to insert, and the required fields it leaves out. A document whose metadata
 * says it is approved or effective gets no placeholder (a prompt is not a value, and --fix must not
 * make it look complete): those fields are left out, for field-missing to ask for. Any other
 * document's status is not known, so it is written as a draft with placeholders to fill in.
 */
function frontMatterBlock(ctx: DocumentContext, derived: DerivedFields, eol: string): { block: string; left: string[] } {
  const { config, profile } = ctx;
  const key = (field: string) => config.fields[field]?.[0] ?? field;
  const type = derived.type;
  const required = new Set(
    profile
      ? profile.requiredFields.filter((r) => !r.types || (type !== undefined && r.types.includes(type))).map((r) => r.field)
      : ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner'],
  );
  const lines = ['---'];
  const left: string[] = [];
  const { clauses, ...scalars } = derived;
  const values: Record<string, string | undefined> = { status: 'draft', ...scalars };
  const noPlaceholders = inForce(values.status);
  for (const field of ['id', 'title', 'type', 'revision', 'status', 'effective_date', 'owner']) {
    const value = values[field];
    if (value !== undefined && !isPlaceholder(value)) lines.push(`${key(field)}: ${yamlScalar(value)}`);
    else if (!required.has(field)) continue;
    else if (noPlaceholders) left.push(key(field));
    else lines.push(`${key(field)}: ${placeholderFor(key(field))}`);
  }
  if (clauses) lines.push(`${key('clauses')}: [${clauses.map((c) => JSON.stringify(c)).join(', ')}]`);
  lines.push('---');
  return { block: lines.join(eol) + eol, left };
}

const rule = defineRule({
  meta: {
    id: 'front-matter-missing',
    description: 'A controlled document, or a file that looks like one, must open with YAML front matter that identifies it.',
    rationale: ['ISO 13485:2016 4.2.4 c)', 'ISO 13485:2016 4.2.4 e)'],
    severity: 'error',
    scope: 'document',
    fixable: true,
    needs: {},
  },
  check(ctx, report) {
    const { doc } = ctx;
    if (doc.parsed.frontMatter) return;
    const reason = looksControlled(ctx);
    if (!reason) return;
    const derived = deriveFields(ctx);
    const text = doc.parsed.text;
    const eol = detectEol(text);
    const { block, left } = frontMatterBlock(ctx, derived, eol);
    const separator = text === '' || /^\r?\n/.test(text) ? '' : eol;
    // Front matter is where the document's identity and revision status are read: the clauses behind `id` and revision.
    const why = `${whyIdentifiable(ctx)}, and ${requires(ctx, ctx.profile?.changeClause, 'the current revision status to be identified')}`;
    const toFill = left.length ? ` The document says it is ${derived.status} but not its ${left.join(', ')}: fill ${left.length > 1 ? 'them' : 'it'} in, no placeholder is inserted.` : '';
    const on = basis(ctx, idClause(ctx));
    report({
      message: fitting(`No front matter, but ${reason}${on}.`, `No front matter in a controlled document${on}.`),
      detail: `${capitalise(reason)}. ${capitalise(why)}. Add a front matter block (between --- lines) at the top with id, title, type, revision, status and owner.${toFill}`,
      range: { start: 0, end: firstLineEnd(doc) },
      fix: { title: derived.id ? `Add front matter for ${derived.id}` : 'Add front matter', edits: [{ start: 0, end: 0, text: block + separator }] },
    });
  },
});

function firstLineEnd(doc: ControlledDocument): number {
  return doc.parsed.lines.lineEnd(1);
}

export default rule;
