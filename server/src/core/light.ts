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

// What a light document does not keep throws from a getter on a shared prototype, not on each
// object: a getter defined on every revived object gave each its own hidden class, closure and
// descriptors (about 8 KB of heap per document, more than its text).
class RevivedField implements FieldValue {
  key: string;
  keyRange: FieldValue['keyRange'];
  valueRange: FieldValue['valueRange'];
  value: unknown;
  text: string;
  constructor(f: PlainField) {
    this.key = f.key;
    this.keyRange = f.keyRange;
    this.valueRange = f.valueRange;
    this.value = f.value;
    this.text = f.text;
  }
  get node(): never {
    return unavailable(`The YAML node of ${this.key}`);
  }
}

class RevivedFrontMatter implements FrontMatter {
  range: FrontMatter['range'];
  contentStart: number;
  source: string;
  data: FrontMatter['data'];
  errors: FrontMatter['errors'];
  constructor(fm: NonNullable<LightDocument['frontMatter']>) {
    this.range = fm.range;
    this.contentStart = fm.contentStart;
    this.source = fm.source;
    this.data = fm.data;
    this.errors = fm.errors;
  }
  get yaml(): never {
    return unavailable('The front matter YAML document');
  }
}

type Parsed = ControlledDocument['parsed'];

class RevivedParsed implements Parsed {
  constructor(
    public text: string,
    public bomLength: number,
    public lines: LineIndex,
    public frontMatter: FrontMatter | undefined,
  ) {}
  get tree(): never {
    return unavailable('The Markdown tree');
  }
}

type HistoryTable = NonNullable<RevisionHistory['table']>;

class RevivedHistoryTable implements HistoryTable {
  constructor(
    public header: HistoryTable['header'],
    public rows: HistoryTable['rows'],
  ) {}
  get node(): never {
    return unavailable('The history table node');
  }
}

const revivedField = (f: PlainField): FieldValue => new RevivedField(f);

/** A ControlledDocument from its light form and the file text it was made from. */
export function fromLight(light: LightDocument, original: string): ControlledDocument {
  const text = light.bomLength ? original.slice(light.bomLength) : original;
  const fm = light.frontMatter && new RevivedFrontMatter(light.frontMatter);
  const parsed: Parsed = new RevivedParsed(text, light.bomLength, new LineIndex(text), fm);
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
      // The table's rows are the history's own: the same ranges and cells, read by column.
      ...(h.table ? { table: new RevivedHistoryTable(h.table.header, rows) } : {}),
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
