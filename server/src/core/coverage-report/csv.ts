// Coverage as CSV (RFC 4180) for spreadsheets: a header row, then one row per
// clause and covering document, so a spreadsheet filter on any column works
// (a clause no document cites has one row with the document columns empty).
// "Controlled" says whether the document has an id: a file without one cites
// the clause but covers nothing (state "uncontrolled" when only such files do).
// "Crosswalk from" names, for Via "crosswalk", the other standard's clause the
// document cites ("ISO 13485:2016 4.2.4"), which a crosswalk pairs with this one.
// "Cites" names, for Via "parent" or "subclause", the clause the document cites;
// "Counts" says whether the citation counts for the state (a crosswalk does not,
// nor a citation of 7.5 for 7.5.7, which requires its own procedure: "Note" says so).
// State "partial": only subclauses of the clause are cited by in-force documents.
// Lines end in CRLF; fields holding a comma, quote or line break are quoted.
//
// A cell a spreadsheet would read as a formula (starting with = + - @, or a
// tab or carriage return that some programs skip before one) is prefixed with
// a single quote, so a document titled "=HYPERLINK(...)" stays text.
import { isGap, parentOnlyNote } from '../coverage';
import { crosswalkSource, type CoverageReport } from './report';

export const CSV_HEADER = [
  'Standard',
  'Group',
  'Clause',
  'Heading',
  'Procedure',
  'State',
  'Gap',
  'Document ID',
  'Document title',
  'Document status',
  'Document path',
  'Line',
  'Via',
  'Controlled',
  'Crosswalk from',
  'Cites',
  'Counts',
  'Note',
];

export function formatCoverageCsv(report: CoverageReport): string {
  const rows: string[][] = [CSV_HEADER];
  for (const s of report.standards) {
    const groupLabel = new Map(s.groups.map((g) => [g.id, g.label] as const));
    for (const c of s.clauses) {
      const procedure = c.documentedProcedure ? 'procedure' : c.documentedProcess ? 'process' : c.documentedInformation ? 'documented information' : '';
      const clause = [s.title, groupLabel.get(c.group) ?? c.group, c.label, c.title, procedure, c.state, isGap(c) ? 'yes' : 'no'];
      if (!c.documents.length) rows.push([...clause, '', '', '', '', '', '', '', '', '', '', '']);
      for (const d of c.documents) {
        const from = d.from ? crosswalkSource(d.from) : '';
        const facts = [d.via, d.controlled ? 'yes' : 'no', from, d.cites ?? '', d.counts ? 'yes' : 'no', parentOnlyNote(d) ?? ''];
        rows.push([...clause, d.id ?? '', d.title ?? '', d.status ?? '', d.path, String(d.line), ...facts]);
      }
    }
  }
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
