import { defineRule } from '../rule';
import type { OffsetRange } from '../text';
import type { Fix } from '../types';
import { matchOffsets, proseSentences, sentenceRange, type Sentence } from './shared/prose-sentences';
import { beforeQmsr, QMSR_EFFECTIVE, underQsr } from './shared/qmsr';

/**
 * The QSR's three record names, which the QMSR does not use: 21 CFR 820.30(j), 820.181 and
 * 820.184 are gone, and 820.10 makes ISO 13485:2016 the requirement. What replaces each:
 * ISO 13485:2016 4.2.3 (medical device file), 7.3.10 (design and development file) and 7.5.1 (a
 * record for each medical device or batch); sources in docs/rules/qsr-term.md.
 */
interface Term {
  abbreviation: 'DMR' | 'DHR' | 'DHF';
  /** The spelled-out forms a definition "(DHF)" may follow. */
  spelled: RegExp;
  clause: string;
  /** The ISO 13485 record, for the message: "calls it the medical device file". */
  record: string;
  /** The old section and its name, for the detail. */
  old: string;
  /** The name a suggestion writes, when ISO 13485 gives the record one. */
  rename?: string;
  /** A sentence that says which ISO 13485 record the term is: the document has mapped it. */
  mapping: RegExp;
}

const TERMS: Term[] = [
  {
    abbreviation: 'DMR',
    spelled: /^device\s+master\s+records?$/i,
    clause: '4.2.3',
    record: 'calls it the medical device file',
    old: '21 CFR 820.181 (device master record)',
    rename: 'medical device file',
    mapping: /\bmedical\s+device\s+files?\b|\b4\.2\.3\b/i,
  },
  {
    abbreviation: 'DHR',
    spelled: /^device\s+history\s+records?$/i,
    clause: '7.5.1',
    record: 'asks for a record of each device or batch',
    old: '21 CFR 820.184 (device history record)',
    mapping: /\b7\.5\.1\b|\b(?:batch|lot)\s+records?\b/i,
  },
  {
    abbreviation: 'DHF',
    // "Device History File (DHF)" is a common slip for the design history file.
    spelled: /^(?:design|device)\s+history\s+files?$/i,
    clause: '7.3.10',
    record: 'calls it the design and development file',
    old: '21 CFR 820.30(j) (design history file)',
    rename: 'design and development file',
    mapping: /\bdesign\s+and\s+development\s+files?\b|\b7\.3\.10\b/i,
  },
];

/** Where a term may be written in the raw text: the runs of blocks that hold one are read. */
const ANY = /DMR|DHR|DHF|device\s+master\s+record|device\s+history\s+record|design\s+history\s+file/gi;

/**
 * A term as written in a sentence: the spelled-out form (any case), with its abbreviation in
 * parentheses after it as one finding ("Design History File (DHF)"), or the abbreviation alone,
 * in capitals, not part of a longer word or identifier ("DHF-001", "DHFs" read as the plural).
 */
const WRITTEN =
  /\b(device\s+master\s+record|device\s+history\s+record|design\s+history\s+file)(s?)\b(?:\s*\((DMR|DHR|DHF)s?\))?|(?<![A-Za-z0-9_\-/.])(DMR|DHR|DHF)(?:s|['’]s)?(?![A-Za-z0-9_\-]|[./][A-Za-z0-9])/gi;

/**
 * A sentence that speaks of the old term as history: "formerly the DHF", "the DHR of the former
 * QSR", "renamed from DMR".
 */
const HISTORY =
  /\b(?:formerly|former|previously|legacy|renamed|rename|replac(?:es|ed|ing)|supersed(?:es|ed|ing)|no\s+longer|was\s+called|were\s+called|was\s+known|Quality\s+System\s+Regulation|(?:the|old|former)\s+QSR)\b/i;

const rule = defineRule({
  meta: {
    id: 'qsr-term',
    description: 'A document under the QMSR must not name the QSR records DMR, DHR and DHF, which ISO 13485:2016 replaced.',
    rationale: ['ISO 13485:2016 4.2.3', 'ISO 13485:2016 7.3.10', 'ISO 13485:2016 7.5.1'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: { today: true },
  },
  check(ctx, report) {
    const { doc } = ctx;
    // Front matter is never prose (a title: there is the heading's, or nobody's, to report).
    const fmEnd = doc.parsed.frontMatter?.range.end ?? 0;
    const at = matchOffsets(doc.parsed.text, ANY).filter((o) => o >= fmEnd);
    if (!at.length || underQsr(doc) || beforeQmsr(ctx.today)) return;
    const other = otherMeanings(doc.parsed.text);
    const history = doc.history ? { start: doc.history.heading.range.start, end: doc.history.sectionEnd } : undefined;
    const sentences = proseSentences(doc, at).map((s) => ({ s, terms: written(s, other) }));
    // A document may keep its own name for a record once it says which ISO 13485 record it is
    // ("the DHF, our design and development file (ISO 13485:2016 7.3.10)"): that term is mapped.
    const mapped = new Set<string>();
    for (const { s, terms } of sentences) for (const { term } of terms) if (term.mapping.test(s.text)) mapped.add(term.abbreviation);
    // One finding per term and line: a glossary row "| DHF | Design History File |" is one.
    const seen = new Set<string>();
    for (const { s, terms } of sentences) {
      if (HISTORY.test(s.text)) continue;
      for (const { term, m } of terms) {
        const abbreviation = term.abbreviation;
        if (mapped.has(abbreviation)) continue;
        const range = sentenceRange(s, m.index, m.index + m[0].length);
        if (history && range.start >= history.start && range.start < history.end) continue;
        const line = doc.parsed.lines.position(range.start).line;
        if (seen.has(`${abbreviation} ${line}`)) continue;
        seen.add(`${abbreviation} ${line}`);
        // Named by its abbreviation however it is written (the range shows what is written): a
        // message stays one short sentence.
        const out = {
          message: `${abbreviation} is a QSR term: ISO 13485:2016 ${term.clause} ${term.record}.`,
          detail: `${term.old} no longer applies since the QMSR took effect on ${QMSR_EFFECTIVE}; through 21 CFR 820.10, ISO 13485:2016 ${term.clause} is the requirement, and the QMSR does not use the term. Rename the record, or say once in this document which ISO 13485 record the name stands for (then no use of it here is reported). qmslint renames nothing: a record's name is what other documents and records refer to.`,
          range,
        };
        const rename = renameSuggestion(term, m, s, range);
        report(rename ? { ...out, suggestions: [rename] } : out);
      }
    }
  },
});

/** The terms written in a sentence, each with its match. */
function written(s: Sentence, other: ReadonlySet<string>): { term: Term; m: RegExpExecArray }[] {
  const out: { term: Term; m: RegExpExecArray }[] = [];
  for (const m of s.text.matchAll(WRITTEN)) {
    // A lower-case "dhf" is not the abbreviation (a file name, a word of another language).
    if (m[4] && m[4] !== m[4].toUpperCase()) continue;
    const term = m[1] ? TERMS.find((t) => t.spelled.test(m[1] + m[2])) : TERMS.find((t) => t.abbreviation === m[4]);
    if (!term) continue;
    // "Device Master Record (DHF)": a parenthesis that is not this term's is not read.
    if (m[3] && m[3].toUpperCase() !== term.abbreviation) continue;
    if (m[4] && other.has(term.abbreviation)) continue;
    out.push({ term, m });
  }
  return out;
}

/**
 * Abbreviations the document defines as something else: "Department of Human Resources (DHR)",
 * the initials of the words before the parenthesis (small words aside) being the abbreviation's.
 * Such an abbreviation is not reported anywhere in the document (its spelled-out QSR form still is).
 */
function otherMeanings(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\(\s*(DMR|DHR|DHF)\s*\)/g)) {
    const words = text
      .slice(Math.max(0, m.index - 60), m.index)
      .split(/[^A-Za-z]+/)
      .filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()))
      .slice(-3);
    if (words.length < 3 || words.map((w) => w[0].toUpperCase()).join('') !== m[1]) continue;
    const term = TERMS.find((t) => t.abbreviation === m[1])!;
    if (!term.spelled.test(words.join(' '))) out.add(m[1]);
  }
  return out;
}

const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'a', 'an', 'in', 'on', 'to']);

/** The ISO 13485 name in place of the spelled-out term ("Design History File" -> "Design and Development File"). */
function renameSuggestion(term: Term, m: RegExpExecArray, s: Sentence, range: OffsetRange): Fix | undefined {
  if (!term.rename || !m[1]) return undefined;
  const titleCase = /^[A-Z]/.test(m[1]) && /\s[A-Z]/.test(m[1]);
  const name = titleCase ? term.rename.replace(/\b(?!and\b)[a-z]/g, (c) => c.toUpperCase()) : /^[A-Z]/.test(m[1]) ? term.rename[0].toUpperCase() + term.rename.slice(1) : term.rename;
  const end = sentenceRange(s, m.index, m.index + m[1].length + m[2].length).end;
  return { title: `Rename to ${name}${m[2]}`, edits: [{ start: range.start, end, text: `${name}${m[2]}` }] };
}

export default rule;
