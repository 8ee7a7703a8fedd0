// The one text of a new controlled document (issue 16, point 2): front matter with
// the next free id, the usual sections of its kind, a first revision history row.
// The language server offers it as a completion item (core/features/skeleton.ts),
// New Controlled Document inserts it (client/src/templates.ts); both fill in the
// facts they know and leave the rest as tab stops, each with a value that lints
// clean. It imports only its sibling, so the extension can bundle it without the server.
import { yamlScalar } from './yaml-scalar';

/** What a skeleton is made from; the language server knows each of these about a folder. */
export interface SkeletonFacts {
  /** The document type, e.g. SOP. */
  type: string;
  /** The next free id of that type. */
  id: string;
  /** YYYY-MM-DD, for the effective date and the first history row. */
  today: string;
  /** The clause the document cites first (a tab stop the user may change). */
  clause: string;
  /** The standard as cited in text, e.g. "ISO 13485:2016". */
  standardTitle: string;
  historyHeading: string;
  /** The front-matter key each canonical field is written with in this folder. */
  keys: Record<string, string>;
  /**
   * How the workspace writes a front-matter list: absent for flow style (`clauses: ["4.2.4"]`),
   * else block style with this many spaces before each `- `.
   */
  listIndent?: number;
  /** The title when it is known (New Controlled Document asks for it); a tab stop otherwise. */
  title?: string;
}

/** The four kinds of skeleton; any other type gets the procedure's. */
export type SkeletonKind = 'procedure' | 'work instruction' | 'form' | 'record';

const KIND_OF: Record<string, SkeletonKind> = { SOP: 'procedure', WI: 'work instruction', FRM: 'form', REC: 'record' };

export function skeletonKind(type: string): SkeletonKind {
  return KIND_OF[type] ?? 'procedure';
}

/** Snippet syntax treats `$`, `}` and `\` specially; plain text must escape them. */
export const escapeSnippet = (s: string): string => s.replace(/[$}\\]/g, '\\$&');

/**
 * The skeleton as snippet text (VS Code's and LSP's snippet syntax). Tab stops, in order:
 * the title (when not given), the owner, the first clause, then the kind's own
 * sections; the id, type, dates, standard, history heading and key names are text.
 */
export function skeletonSnippet(f: SkeletonFacts): string {
  const kind = skeletonKind(f.type);
  const key = (field: string) => escapeSnippet(f.keys[field] ?? field);
  const today = escapeSnippet(f.today);
  const standard = escapeSnippet(f.standardTitle);
  const title = f.title === undefined ? { front: '${1:Title}', heading: '${1}' } : { front: escapeSnippet(yamlScalar(f.title)), heading: escapeSnippet(f.title) };
  const clause = `\${3:${escapeSnippet(f.clause)}}`;
  const clauses =
    f.listIndent === undefined ? [`${key('clauses')}: ["${clause}"]`] : [`${key('clauses')}:`, `${' '.repeat(f.listIndent)}- "${clause}"`];
  const controlled = kind !== 'record';
  const front = [
    '---',
    `${key('id')}: ${escapeSnippet(f.id)}`,
    `${key('title')}: ${title.front}`,
    `${key('type')}: ${escapeSnippet(f.type)}`,
    ...(controlled ? [`${key('revision')}: A`, `${key('status')}: draft`, `${key('effective_date')}: ${today}`] : []),
    `${key('owner')}: \${2:Quality Manager}`,
    ...clauses,
    ...(controlled ? [`${key('approvals')}: []`] : []),
    `${key('references')}: []`,
    '---',
    '',
    `# ${title.heading}`,
    '',
  ];
  const history = ['', `## ${escapeSnippet(f.historyHeading)}`, '', '| Revision | Date | Author | Description |', '|---|---|---|---|', `| A | ${today} | \${2} | First issue |`];
  return [...front, ...BODY[kind](standard, today), ...(controlled ? history : []), ''].join('\n');
}

/** Each kind's sections after the title; `standard` and `today` are already escaped. Tab stops 2 (owner) and 3 (clause) are the front matter's. */
const BODY: Record<SkeletonKind, (standard: string, today: string) => string[]> = {
  procedure: (standard) => [
    '## Purpose',
    '',
    `\${4:This procedure describes how the organization controls this process.} It implements ${standard} §\${3}.`,
    '',
    '## Scope',
    '',
    '${5:All sites, processes and people within the quality management system.}',
    '',
    '## Responsibilities',
    '',
    '| Role | Responsibility |',
    '|---|---|',
    '| ${2} | Owns this procedure and keeps it current. |',
    '',
    '## Definitions',
    '',
    '| Term | Meaning |',
    '|---|---|',
    '| ${6:Term} | ${7:Meaning} |',
    '',
    '## Procedure',
    '',
    '1. ${0:First step.}',
    '',
    '## Records',
    '',
    '| Record | Kept by | Retention |',
    '|---|---|---|',
  ],
  'work instruction': (standard) => [
    '## Purpose',
    '',
    `\${4:This work instruction gives the steps for one task.} It supports ${standard} §\${3}.`,
    '',
    '## Scope',
    '',
    '${5:The workstation or task this instruction applies to.}',
    '',
    '## Equipment and materials',
    '',
    '- ${6:Equipment}',
    '',
    '## Steps',
    '',
    '1. ${0:First step.}',
  ],
  form: (standard) => [
    '## Purpose',
    '',
    `\${4:Use this form to record the results of one activity}, as required by ${standard} §\${3}. A completed form is a record.`,
    '',
    '## Instructions',
    '',
    '${5:Complete every field; write n/a where a field does not apply.}',
    '',
    '## Entries',
    '',
    '| Field | Entry |',
    '|---|---|',
    '| ${6:Completed by} | |',
    '| Date | |',
    '',
    '## Sign-off',
    '',
    '| Role | Name | Signature | Date |',
    '|---|---|---|---|',
    '| ${7:Reviewer} | | | |',
  ],
  // Records need no revision history.
  record: (standard, today) => [
    `\${4:This record shows the results of one activity}, as required by ${standard} §\${3}.`,
    '',
    '| Field | Entry |',
    '|---|---|',
    `| Date | ${today} |`,
    '| ${5:Recorded by} | ${2} |',
    '',
    '$0',
  ],
};

/**
 * A snippet as it reads when every tab stop keeps its default (what a client without
 * snippet support inserts): `${n:value}` -> value, `${n}`/`$n` -> that stop's value, `$0` -> nothing.
 */
export function snippetDefaults(snippet: string): string {
  const escaped: string[] = [];
  // Escaped characters stand aside while tab stops expand.
  let out = snippet.replace(/\\([$}\\])/g, (_, c: string) => `\u0000${escaped.push(c) - 1}\u0000`);
  const values = new Map<string, string>();
  out = out.replace(/\$\{(\d+):([^}$]*)\}/g, (_, n: string, value: string) => {
    values.set(n, value);
    return value;
  });
  out = out.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => values.get(a ?? b!) ?? '');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => escaped[Number(i)]);
}
