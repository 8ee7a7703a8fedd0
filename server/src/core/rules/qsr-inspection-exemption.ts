import { defineRule } from '../rule';
import type { OffsetRange } from '../text';
import { matchOffsets, proseSentences, sentenceRange } from './shared/prose-sentences';
import { beforeQmsr, underQsr } from './shared/qmsr';

/**
 * Old 21 CFR 820.180(c) kept reports of management reviews, quality audits and supplier audits
 * from FDA's inspection. The QMSR removed 820.180 with the rest of the QSR and kept no such
 * exception, so FDA may now inspect them (sources in docs/rules/qsr-inspection-exemption.md). A
 * procedure that still says otherwise tells staff to withhold records from an investigator.
 *
 * Reported only where it is certain: a citation of 820.180(c) itself, or one sentence that names
 * all three of FDA or its inspection, an exemption or a record being kept from it, and a
 * management review or audit report.
 */

/** A first look at the raw text for an exemption word (EXEMPT decides, sentence by sentence): the runs of blocks that hold one are read. */
const ANY = /exempt|exception|excepted|not\s+(?:be\s+)?(?:available|subject|shown|provided|disclosed|made\s+available|accessible)|withh[eo]ld/gi;
/** 820.180 written anywhere: its citations are read from the document's citations. */
const CITED = /820\.180/;

/** FDA, its inspection or its investigators. */
const INSPECTION = /\b(?:FDA|inspect(?:s|ed|ion|ions|or|ors)?|investigators?)\b/i;
/** Kept from them. */
/** Read on the sentence with each run of spaces made one space. */
const EXEMPT = /\b(?:exempt(?:ed|ion|ions)?|excepted|exception|withh[eo]ld|not (?:be )?(?:available|subject|shown|provided|disclosed|made available|accessible))\b/i;
/** The reports old 820.180(c) named. */
const REPORTS = /\b(?:management\s+reviews?|(?:internal|quality|supplier)\s+audits?|audit\s+reports?)\b/i;
/** Said as history or denied: "no longer exempt", "the former exception", "are not exempt", "no exception". */
const NOT_CLAIMED =
  /\b(?:no\s+longer|formerly|former|previously|removed|repealed|eliminated|rescinded|withdrawn|under\s+the\s+(?:old\s+|former\s+)?(?:QSR|Quality\s+System\s+Regulation)|(?:not|never)\s+(?:be\s+)?exempt|no\s+(?:such\s+)?(?:exemption|exception))\b/i;

const MESSAGE = 'Claims audit and management review reports are exempt from FDA inspection (old 21 CFR 820.180(c)).';
const DETAIL =
  'Old 21 CFR 820.180(c) kept reports of management reviews, quality audits and supplier audits from FDA inspection. The QMSR, in force since 2026-02-02, removed that section and has no such exception: FDA may inspect these reports. Remove the claim, and say how the reports are made available during an inspection.';

const rule = defineRule({
  meta: {
    id: 'qsr-inspection-exemption',
    description: 'A document under the QMSR must not claim the QSR exemption of audit and management review reports from FDA inspection.',
    rationale: ['21 CFR 820.10', 'ISO 13485:2016 4.2.5'],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: { today: true },
  },
  check(ctx, report) {
    const { doc } = ctx;
    const text = doc.parsed.text;
    // Most documents do not name all three anywhere: their sentences are not read (no second parse).
    const at = INSPECTION.test(text) && REPORTS.test(text) ? matchOffsets(text, ANY) : [];
    const mayClaim = at.length > 0;
    if ((!mayClaim && !CITED.test(text)) || underQsr(doc) || beforeQmsr(ctx.today)) return;
    const found: OffsetRange[] = [];
    // 820.180(c) cited: the exception paragraph itself (in running text, a table or a comment).
    for (const c of doc.citations) {
      if (c.clause !== '820.180' || c.item !== 'c' || (c.number !== undefined && c.number !== '820')) continue;
      if (NOT_CLAIMED.test(lineAround(text, c.range))) continue;
      found.push(c.range);
    }
    for (const s of mayClaim ? proseSentences(doc, at) : []) {
      if (!INSPECTION.test(s.text) || !EXEMPT.test(s.text.replace(/\s+/g, ' ')) || !REPORTS.test(s.text) || NOT_CLAIMED.test(s.text)) continue;
      const lead = s.text.length - s.text.trimStart().length;
      const range = sentenceRange(s, lead, s.text.trimEnd().length);
      // A sentence that also cites 820.180(c) is one finding.
      if (found.some((r) => r.start >= range.start && r.end <= range.end)) continue;
      found.push(range);
    }
    for (const range of found.sort((a, b) => a.start - b.start)) report({ message: MESSAGE, detail: DETAIL, range });
  },
});

/** The line a citation is on: where "no longer", "former" and the like would say it is history. */
function lineAround(text: string, r: OffsetRange): string {
  const start = text.lastIndexOf('\n', r.start - 1) + 1;
  const end = text.indexOf('\n', r.end);
  return text.slice(start, end < 0 ? text.length : end);
}

export default rule;
