// The sentences of a document's running text, for rules that look for words (qsr-term,
// qsr-inspection-exemption): paragraphs, headings and table cells as the citation reader sees
// them (citations/prose.ts), so code, link destinations, autolinks, HTML, struck-out text and
// template expressions are never read. Those rules need today's date and so run on the light
// document, which keeps no tree: the text is parsed again here, and only the runs of blocks
// (parse-blocks.ts `splitRuns`, cut where no fence, HTML block or reference definition carries
// over) that hold a place the rule asks about, so a long procedure with one "DHF" costs the parse
// of one paragraph or so, not of the whole document.
import { visitBlocks, type BlockText } from '../../citations/prose';
import type { ControlledDocument } from '../../document';
import { parseMarkdown } from '../../parse';
import { splitRuns, type Run } from '../../parse-blocks';
import type { OffsetRange } from '../../text';

export interface Sentence {
  /** The sentence as read (code and link destinations are barrier characters). */
  text: string;
  /** The block it is in, to map offsets in `text` back to its run. */
  block: BlockText;
  /** Where `text` starts in the block's text. */
  from: number;
  /** Where the block's run starts in the document. */
  base: number;
}

/** Ends a sentence: ".", "!" or "?" before a space or the end of the block ("7.5.1" does not). */
const SENTENCE_END = /[.!?](?=\s|$)/g;

/**
 * The last document read, run by run: qsr-term and qsr-inspection-exemption run one after the
 * other on a document, so a run both ask about is parsed once, and no more than one document's
 * sentences are kept.
 */
let last: { doc: ControlledDocument; text: string; runs: Run[]; read: Map<number, Sentence[]> } | undefined;

/**
 * The sentences of the document's running text in the runs that hold one of `offsets` (places in
 * the text a rule found something to look at), in document order.
 */
export function proseSentences(doc: ControlledDocument, offsets: readonly number[]): Sentence[] {
  const text = doc.parsed.text;
  if (last?.doc !== doc || last.text !== text) last = { doc, text, runs: splitRuns(text), read: new Map() };
  const { runs, read } = last;
  const out: Sentence[] = [];
  for (const run of runs) {
    if (!offsets.some((o) => o >= run.start && o < run.end)) continue;
    let sentences = read.get(run.start);
    if (!sentences) read.set(run.start, (sentences = runSentences(text.slice(run.start, run.end), run.start)));
    for (const s of sentences) out.push(s);
  }
  return out;
}

/** The sentences of one run, parsed alone (the first run carries the front matter, as a whole parse does). */
function runSentences(source: string, base: number): Sentence[] {
  const out: Sentence[] = [];
  visitBlocks(source, parseMarkdown(source).tree, {
    block: (bt) => {
      let from = 0;
      for (const m of bt.text.matchAll(SENTENCE_END)) {
        const end = m.index + m[0].length;
        if (bt.text.slice(from, end).trim()) out.push({ text: bt.text.slice(from, end), block: bt, from, base });
        from = end;
      }
      if (bt.text.slice(from).trim()) out.push({ text: bt.text.slice(from), block: bt, from, base });
    },
  });
  return out;
}

/** The document range of `start` to `end` in the sentence's text. */
export function sentenceRange(s: Sentence, start: number, end: number): OffsetRange {
  return { start: s.base + s.block.at(s.from + start), end: s.base + s.block.atEnd(s.from + end) };
}

/** Where each match of a global pattern starts in `text`. */
export function matchOffsets(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((m) => m.index);
}
