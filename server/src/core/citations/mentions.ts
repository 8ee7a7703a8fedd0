// Standards named in a document, with or without a clause: "training on ISO 62304 software
// life-cycle processes", "per ISO 13485:2003", `- ISO 14971:2019 Medical devices ...`, the front
// matter `standard:` value, and the designations of the document's citations.
import { pushAll } from '../arrays';
import type { Nodes } from 'mdast';
import type { ParsedMarkdown } from '../parse';
import { movedRange, perRun } from '../run-memo';
import type { OffsetRange } from '../text';
import { findAllDesignations, type Standard, toStandard } from './designation';
import { visitBlocks } from './prose';
import { frontMatterStandard } from './sources';
import type { Citation, StandardMention } from './types';

function mention(std: Standard & { range: OffsetRange }, text: string): StandardMention {
  const m: StandardMention = { standardText: text, range: std.range };
  if (std.publisher !== undefined) m.publisher = std.publisher;
  if (std.adopted !== undefined) m.adopted = std.adopted;
  if (std.number !== undefined) m.number = std.number;
  if (std.edition !== undefined) m.edition = std.edition;
  if (std.publisherRange) m.publisherRange = std.publisherRange;
  if (std.editionRange) m.editionRange = std.editionRange;
  return m;
}

function fromCitation(c: Citation, range: OffsetRange, docText: string): StandardMention {
  return mention(
    {
      publisher: c.publisher,
      adopted: c.adopted,
      number: c.number,
      edition: c.edition,
      range,
      publisherRange: c.publisherRange,
      editionRange: c.editionRange,
    },
    c.standardText ?? docText.slice(range.start, range.end),
  );
}

const runMentions = new WeakMap<object, StandardMention[]>();

/** The designations written in the blocks of running text of `tree`. */
function blockMentions(text: string, tree: Nodes): StandardMention[] {
  const read: StandardMention[] = [];
  visitBlocks(text, tree, {
    block(bt) {
      if (!/\d/.test(bt.text)) return;
      for (const hit of findAllDesignations(bt.text)) {
        const std = toStandard(hit, bt.text, (i) => bt.at(i), (i) => bt.atEnd(i));
        read.push(mention({ ...std, range: std.range! }, std.text!));
      }
    },
  });
  return read;
}

function movedMention(m: StandardMention, by: number): StandardMention {
  const moved: StandardMention = { ...m, range: movedRange(m.range, by) };
  if (m.publisherRange) moved.publisherRange = movedRange(m.publisherRange, by);
  if (m.editionRange) moved.editionRange = movedRange(m.editionRange, by);
  return moved;
}

export function scanMentions(doc: ParsedMarkdown, citations: readonly Citation[]): StandardMention[] {
  // Read directly first; a citation's designation counts only where nothing was read there
  // (comments, `clauses:` keys, bare numbers such as the "13485:2003" of a wikilink).
  const read: StandardMention[] = [];
  const fm = frontMatterStandard(doc);
  if (fm?.range && fm.text !== undefined) read.push(mention({ ...fm, range: fm.range }, fm.text));
  // A designation is written within one block: read run by run (and kept per run) when the document has runs.
  pushAll(read, perRun(doc, runMentions, (part) => blockMentions(doc.text, part), movedMention) ?? blockMentions(doc.text, doc.tree));
  const fromCitations: StandardMention[] = [];
  let last: OffsetRange | undefined;
  for (const c of citations) {
    const r = c.standardRange;
    // Clauses of one designation share its range (the same object, or an equal one).
    if (!r || (last && r.start === last.start && r.end === last.end)) continue;
    last = r;
    fromCitations.push(fromCitation(c, r, doc.text));
  }

  // Sorted by position, what was read before what came from a citation; a mention that
  // overlaps one already kept is the same designation read twice.
  const all = [...read.map((m) => ({ m, rank: 0 })), ...fromCitations.map((m) => ({ m, rank: 1 }))];
  all.sort((a, b) => a.m.range.start - b.m.range.start || a.rank - b.rank);
  const out: StandardMention[] = [];
  let end = -1;
  for (const { m } of all) {
    if (m.range.start < end) continue;
    out.push(m);
    end = Math.max(m.range.end, m.range.start + 1);
  }
  return out;
}
