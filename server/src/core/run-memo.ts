// What is read from a run of blocks alone (its citations, the standards it
// names) is read once per parsed run: an editor's keystroke changes one run
// of a large document, and reading all the others again is most of what it
// would cost. Results are kept at the run's own offsets (as if it started the
// text) and moved to where the run stands now.
import { pushAll } from './arrays';
import type { Root } from 'mdast';
import type { ParsedMarkdown } from './parse';
import type { OffsetRange } from './text';

/**
 * The items `read` finds in each run of `parsed`, in document order, each
 * run's read once per parse of it (`memo`, keyed by the run's parsed nodes);
 * undefined when the document has no runs (read it whole). `read` gets a root
 * holding the run's nodes where they stand and must read nothing outside them;
 * `move` copies an item shifted by `by` characters.
 */
export function perRun<T>(parsed: ParsedMarkdown, memo: WeakMap<object, T[]>, read: (part: Root) => T[], move: (item: T, by: number) => T): T[] | undefined {
  if (!parsed.runs) return undefined;
  const out: T[] = [];
  for (const run of parsed.runs) {
    let items = memo.get(run.nodes);
    if (!items) {
      const children = parsed.tree.children.slice(run.first, run.first + run.count);
      const found = read({ type: 'root', children });
      items = found.map((item) => move(item, -run.start));
      memo.set(run.nodes, items);
      pushAll(out, found);
    } else for (const item of items) out.push(move(item, run.start));
  }
  return out;
}

export function movedRange(r: OffsetRange, by: number): OffsetRange;
export function movedRange(r: OffsetRange | undefined, by: number): OffsetRange | undefined;
export function movedRange(r: OffsetRange | undefined, by: number): OffsetRange | undefined {
  return r && { start: r.start + by, end: r.end + by };
}
