// The document model as plain data: what a worker thread sends back and what
// the --cache keeps, without the mdast tree and the YAML nodes (neither can
// cross a thread or go to disk cheaply). A light document revived on the main
// thread serves the workspace index, coverage and the rules that need the
// index or today's date (they read only the plain parts of the model); the
// tree and the YAML nodes throw when touched, so a rule that would need them
// fails loudly instead of reading a gap.
import { historyRows, type Approval, type ControlledDocument, type DocHeading, type FieldValue, type HistoryRow, type RevisionHistory } from './document';
import type { TableCell } from './mdast';
import type { FrontMatter } from './parse';
import { LineIndex } from './text';

type PlainField = Omit<FieldValue, 'node'>;

interface PlainApproval {
  range: Approval['range'];
  role?: PlainField;
  name?: PlainField;
  date?: PlainField;
  signature?: PlainField;
}

interface PlainHistory {
  /** Index of the heading in `headings`. */
  heading: number;
  sectionEnd: number;
  columns: RevisionHistory['columns'];
  table?: { header: TableCell[] };
  rows: { range: HistoryRow['range']; cells: TableCell[] }[];
}

/** A ControlledDocument as JSON-safe data (no text: the reader has it). */
export interface LightDocument {
  path: string;
  bomLength: number;
  frontMatter?: Omit<FrontMatter, 'yaml'>;
  controlled: boolean;
  fields: [string, PlainField][];
  approvals: PlainApproval[];
  history?: PlainHistory;
  headings: DocHeading[];
  /** Index of the first level-1 heading, -1 when there is none. */
  h1: number;
  links: ControlledDocument['links'];
  mentions: ControlledDocument['mentions'];
  metadata: ControlledDocument['metadata'];
  declaredIds: string[];
  citations: ControlledDocument['citations'];
  standardMentions: ControlledDocument['standardMentions'];
  suppressions: ControlledDocument['suppressions'];
  htmlAnchors: string[];
}

const plainField = (f: FieldValue): PlainField => ({ key: f.key, keyRange: f.keyRange, valueRange: f.valueRange, value: f.value, text: f.text });

export function toLight(doc: ControlledDocument): LightDocument {
  const fm = doc.parsed.frontMatter;
  const history = doc.history;
  return {
    path: doc.path,
    bomLength: doc.parsed.bomLength,
    frontMatter: fm && { range: fm.range, contentStart: fm.contentStart, source: fm.source, data: fm.data, errors: fm.errors },
    controlled: doc.controlled,
    fields: [...doc.fields].map(([k, f]) => [k, plainField(f)]),
    approvals: doc.approvals.map((a) => {
      const out: PlainApproval = { range: a.range };
      for (const k of ['role', 'name', 'date', 'signature'] as const) if (a[k]) out[k] = plainField(a[k]!);
      return out;
    }),
    history: history && {
      heading: doc.headings.indexOf(history.heading as DocHeading),
      sectionEnd: history.sectionEnd,
      columns: history.columns,
      table: history.table && { header: history.table.header },
      rows: history.rows.map((r) => ({ range: r.range, cells: r.cells })),
    },
    headings: doc.headings,
    h1: doc.h1 ? doc.headings.indexOf(doc.h1) : -1,
    links: doc.links,
    mentions: doc.mentions,
    metadata: doc.metadata,
    declaredIds: doc.declaredIds,
    citations: doc.citations,
    standardMentions: doc.standardMentions,
    suppressions: doc.suppressions,
    htmlAnchors: doc.htmlAnchors,
  };
}

function unavailable(what: string): never {
  throw new Error(`${what} is not kept in a light document (a rule that reads it must not need the workspace index or today's date)`);
}

function withMissing<T extends object>(target: T, key: string, what: string): T {
  Object.defineProperty(target, key, { get: () => unavailable(what), enumerable: false });
  return target;
}

const revivedField = (f: PlainField): FieldValue => withMissing({ ...f } as FieldValue, 'node', `The YAML node of ${f.key}`);

/** A ControlledDocument from its light form and the file text it was made from. */
export function fromLight(light: LightDocument, original: string): ControlledDocument {
  const text = light.bomLength ? original.slice(light.bomLength) : original;
  const fm = light.frontMatter && withMissing({ ...light.frontMatter } as FrontMatter, 'yaml', 'The front matter YAML document');
  const parsed = withMissing({ text, bomLength: light.bomLength, lines: new LineIndex(text), frontMatter: fm } as ControlledDocument['parsed'], 'tree', 'The Markdown tree');
  const approvals = light.approvals.map((a) => {
    const out: Approval = { range: a.range };
    for (const k of ['role', 'name', 'date', 'signature'] as const) if (a[k]) out[k] = revivedField(a[k]!);
    return out;
  });
  let history: RevisionHistory | undefined;
  if (light.history) {
    const h = light.history;
    const rows = historyRows(h.rows, h.columns);
    history = {
      heading: light.headings[h.heading],
      sectionEnd: h.sectionEnd,
      columns: h.columns,
      rows,
      ...(h.table ? { table: withMissing({ header: h.table.header, rows: h.rows } as RevisionHistory['table'] & object, 'node', 'The history table node') } : {}),
    };
  }
  return {
    path: light.path,
    parsed,
    controlled: light.controlled,
    fields: new Map(light.fields.map(([k, f]) => [k, revivedField(f)])),
    approvals,
    history,
    headings: light.headings,
    h1: light.h1 >= 0 ? light.headings[light.h1] : undefined,
    links: light.links,
    mentions: light.mentions,
    metadata: light.metadata,
    declaredIds: light.declaredIds,
    citations: light.citations,
    standardMentions: light.standardMentions,
    suppressions: light.suppressions,
    htmlAnchors: light.htmlAnchors,
  };
}
