import { maxOf, minOf } from '../arrays';
import type { Citation, StandardMention } from '../citations';
import { fieldText, type ControlledDocument } from '../document';
import { resolvedCitations, samePublisher } from '../resolve';
import { defineRule } from '../rule';
import type { Catalog, EditionStatus } from '../standards/catalog';
import {
  adoptionEditionStatus,
  adoptionOf,
  earliestEditionYear,
  editionYears,
  LATEST_PLAUSIBLE_YEAR,
  publisherMatches,
  REGISTRY_REVIEWED_YEAR,
  replacedBy,
  type Adoption,
} from '../standards/registry';
import type { RegistryEntry, StandardPack, SupersededSection } from '../standards/types';
import type { OffsetRange } from '../text';
import type { Fix, Report } from '../types';
import { basis, capitalise, requiresSentence } from './shared/requirement';
import { editionTransition } from './shared/edition-transition';
import { beforeQmsr, blockNamesQsr, candidatePhrase, candidatesOf, inside, QMSR_EFFECTIVE, replacement, supersededMessage, underQsr, writtenDesignation, type Candidate } from './shared/qmsr';

/** What the built-in wording says of the external-origin clause (ISO 13485:2016 4.2.4 f)). */
const EXTERNAL = 'documents of external origin to be identified';

/**
 * Publishers written before an international number that are not a wrong publisher: "EN 62304"
 * is the European designation, "ANSI/AAMI 62304" a US adoption. Their editions are the adoption's.
 */
const ADOPTERS = new Set(['EN', 'AAMI', 'ANSI/AAMI']);

/** The publisher written is an adopter's ("EN 62304"), not the international publisher. */
function adopterWritten(m: StandardMention): boolean {
  return m.publisher !== undefined && ADOPTERS.has(m.publisher);
}

/** An adoption: "EN ISO 13485:2016+A11:2021" (adoption prefix) or "EN 62304:2006" (adopter as publisher). */
function isAdoption(m: StandardMention): boolean {
  return m.adopted !== undefined || adopterWritten(m);
}

/**
 * The state of a written edition. An adoption ("EN ISO 13485:2016+A11:2021", "EN 62304:2006")
 * has editions and amendments of its own: only an international edition it names that is
 * withdrawn counts against it.
 */
function editionState(m: StandardMention, edition: string, entry: RegistryEntry, catalog: Catalog): EditionStatus {
  const state = catalog.editionStatus(entry, edition);
  if (!isAdoption(m)) return state;
  if (state !== 'unknown') return state === 'withdrawn' ? state : 'valid';
  return catalog.editionStatus(entry, edition.slice(0, 4)) === 'withdrawn' ? 'withdrawn' : 'valid';
}

/**
 * What is wrong with a written edition:
 * - `typo`: a year no edition can carry (before the publisher existed, or years past the registry's
 *   last review: LATEST_PLAUSIBLE_YEAR);
 * - `withdrawn`: a listed edition that has been replaced;
 * - `missing`: no such edition, between editions the registry lists one after another;
 * - `unlisted`: no such edition that the registry knows of, older than the first edition it lists
 *   (which need not be the first edition ever published);
 * - `newer`: no such edition that the registry knows of, from the year of its last review on: it
 *   may have been published since.
 */
type EditionProblem = 'typo' | 'withdrawn' | 'missing' | 'unlisted' | 'newer';

function implausibleYear(edition: string, publisher: string): boolean {
  const first = earliestEditionYear(publisher);
  return editionYears(edition).some((y) => y < first || y > LATEST_PLAUSIBLE_YEAR);
}

/**
 * The European adoption whose own editions the registry lists, when the mention is written as one:
 * "EN ISO 13485:2016+A11:2021", "EN 62304:2006". National adoptions ("BS EN ISO", "DIN EN ISO")
 * carry their own years and are not checked against it.
 */
function listedAdoption(m: StandardMention, entry: RegistryEntry): Adoption | undefined {
  const prefix = m.adopted ?? (m.publisher === 'EN' ? 'EN' : undefined);
  return prefix === 'EN' ? adoptionOf(entry, 'EN') : undefined;
}

/**
 * What is wrong with an edition of a listed adoption. Not listed: withdrawn when its year is that
 * of a withdrawn international edition it must have adopted (EN ISO 14971:2007), else not known
 * (never "does not exist": the registry lists only the adoptions it could verify).
 */
function adoptionProblem(adoption: Adoption, edition: string, entry: RegistryEntry, catalog: Catalog): EditionProblem | undefined {
  if (implausibleYear(edition, entry.publisher)) return 'typo';
  const state = adoptionEditionStatus(adoption, edition);
  if (state === 'withdrawn') return 'withdrawn';
  if (state !== 'unknown') return undefined;
  if (catalog.editionStatus(entry, edition.slice(0, 4)) === 'withdrawn') return 'withdrawn';
  const year = editionYears(edition)[0];
  const listed = adoption.editions.flatMap((e) => editionYears(e.edition));
  return year !== undefined && listed.length && year >= REGISTRY_REVIEWED_YEAR && year > maxOf(listed) ? 'newer' : 'unlisted';
}

function editionProblem(m: StandardMention, edition: string, entry: RegistryEntry, catalog: Catalog): EditionProblem | undefined {
  if (implausibleYear(edition, entry.publisher)) return 'typo';
  const state = editionState(m, edition, entry, catalog);
  if (state === 'withdrawn') return 'withdrawn';
  if (state !== 'unknown') return undefined;
  const year = editionYears(edition)[0];
  const listed = entry.editions.flatMap((e) => editionYears(e.edition));
  if (year === undefined || !listed.length) return 'missing';
  if (year >= REGISTRY_REVIEWED_YEAR && year > maxOf(listed)) return 'newer';
  if (year < minOf(listed)) return 'unlisted';
  return 'missing';
}

/** "ISO 13485:2003 is withdrawn", as a sentence of its own (without its period). */
function editionSentence(problem: EditionProblem, name: string, edition: string): string {
  switch (problem) {
    case 'withdrawn':
      return `${name}:${edition} is withdrawn`;
    case 'typo':
    case 'missing':
      return `${name} has no ${edition} edition`;
    case 'unlisted':
    case 'newer':
      return `${name} has no ${edition} edition that qmslint knows of`;
  }
}

/** The same, as the second half of "27001 is published by ISO/IEC, not ISO, and ...". */
function editionClause(problem: EditionProblem, edition: string): string {
  switch (problem) {
    case 'withdrawn':
      return `its ${edition} edition is withdrawn`;
    case 'typo':
      return `it has no ${edition} edition (a typo?)`;
    case 'missing':
      return `it has no ${edition} edition`;
    case 'unlisted':
    case 'newer':
      return `it has no ${edition} edition that qmslint knows of`;
  }
}

/** The same, short, after "wrong publisher and": "a withdrawn edition". */
function editionShort(problem: EditionProblem): string {
  switch (problem) {
    case 'withdrawn':
      return 'a withdrawn edition';
    case 'typo':
      return 'no such edition (a typo?)';
    case 'missing':
      return 'no such edition';
    case 'unlisted':
    case 'newer':
      return 'an edition qmslint does not know';
  }
}

function knownEditions(entry: { editions: RegistryEntry['editions'] }): string {
  return entry.editions.map((e) => `${e.edition} (${e.status})`).join(', ');
}

/** "cite the current edition, ISO 13485:2016", or what replaced a standard with no current edition. */
function citeCurrent(entry: RegistryEntry, name: string, current: RegistryEntry['editions'][number] | undefined, unlisted: string): string {
  if (current) return `cite the current edition, ${name}:${current.edition}${unlisted}`;
  const by = replacedBy(entry);
  return by ? `it was replaced by ${by}` : 'cite a published edition';
}

export { QMSR_EFFECTIVE } from './shared/qmsr';

function span(...ranges: (OffsetRange | undefined)[]): OffsetRange | undefined {
  const rs = ranges.filter((r): r is OffsetRange => r !== undefined);
  if (!rs.length) return undefined;
  return { start: minOf(rs.map((r) => r.start)), end: maxOf(rs.map((r) => r.end)) };
}

/** Where the written number ends: after the publisher, before the edition (or the designation's end). */
function numberEnd(m: StandardMention, text: string): number | undefined {
  if (!m.publisherRange || !m.number) return undefined;
  const from = m.publisherRange.end;
  const to = m.editionRange ? m.editionRange.start : m.range.end;
  const at = text.slice(from, to).lastIndexOf(m.number);
  return at < 0 ? undefined : from + at + m.number.length;
}

const rule = defineRule({
  meta: {
    id: 'clause-edition',
    description: 'A cited standard must name an edition that exists and is current, and its right publisher; a superseded regulation section must not be cited.',
    rationale: ['ISO 13485:2016 4.2.4 f)', 'ISO 13485:2016 4.2.4 h)'],
    severity: 'warning',
    scope: 'document',
    fixable: true,
    needs: { today: true },
  },
  // Reads no workspace index, and today's date only for a superseded regulation section, so most
  // documents are checked with the document's analysis (worker threads, cache): the latest
  // plausible year is the registry's, not the clock's.
  check(ctx, report) {
    const { doc, catalog, config } = ctx;
    // An obsolete document is kept as it was; its old citations are history.
    if (fieldText(doc, 'status') === 'obsolete') return;
    // A designation finding rests on the clause that asks for external documents to be
    // identified: a standard cited in the wrong edition or under the wrong publisher is not.
    // The reports below give their message without its period: the clause ends it, and what the
    // clause requires ends the detail.
    const clause = ctx.profile?.externalClause;
    const why = requiresSentence(ctx, clause, EXTERNAL);
    const designationFinding = (r: Report): void =>
      report({ ...r, message: `${r.message}${basis(ctx, clause)}.`, detail: r.detail ? `${r.detail} ${why}` : why });

    // Publisher and edition: wherever a standard is named, with or without a clause. One
    // finding per designation, saying everything that is wrong with it.
    for (const m of doc.standardMentions) {
      if (!m.number) continue;
      const entry = catalog.findStandard(m.publisher, m.number);
      if (entry) {
        // "ISO 62366:2015": IEC 62366 never had a 2015 edition, its part IEC 62366-1 has.
        const other = m.edition !== undefined && m.publisher && m.publisherRange && !adopterWritten(m) && catalog.editionStatus(entry, m.edition) === 'unknown'
          ? catalog.findPartOf(m.number)
          : undefined;
        const asPart = other && other !== entry && catalog.editionStatus(other, m.edition!) !== 'unknown' ? checkPartMissing(m, other, catalog, doc.parsed.text) : undefined;
        if (asPart) {
          designationFinding(asPart);
          continue;
        }
        const out = checkDesignation(m, entry, catalog, doc.citations, doc.parsed.text);
        if (out) designationFinding(out);
        continue;
      }
      const part = m.publisher && m.publisherRange && !adopterWritten(m) ? catalog.findStandardByBaseNumber(m.number) : undefined;
      const partMissing = part && checkPartMissing(m, part, catalog, doc.parsed.text);
      if (partMissing) {
        designationFinding(partMissing);
        continue;
      }
      // A standard the registry does not know (21 CFR Part 11, ISO 2859-1) can still carry a
      // year that no edition can: "ISO 2859-1:2919".
      if (m.edition !== undefined && m.editionRange && m.publisher && implausibleYear(m.edition, m.publisher)) {
        designationFinding({
          message: `${m.standardText}: ${m.edition} is not the year of any edition`,
          detail: 'A typo? Write the edition year as printed on the standard.',
          range: m.editionRange,
        });
      }
    }

    // Superseded sections: a clause-level matter, so from the citations. Only under the QMSR: a
    // document effective before it took effect was written under the QSR, and before that date
    // (`--today`) the QSR sections were the requirement. Rules that read today's date run on the
    // light document (text, fields, citations, links and headings only), which is all this reads.
    const superseded = resolvedCitations(doc, catalog, config.standard).filter((r) => r.superseded && r.pack);
    if (!superseded.length || underQsr(doc) || beforeQmsr(ctx.today)) return;
    for (const r of superseded) report(supersededReport(r.citation, r.superseded!, r.pack!, ctx.catalog, doc));
  },
});

/**
 * A citation of a superseded QSR section, with its successors from the pack's table
 * (server/standards/21cfr820.yaml). Fix policy (docs/qmsr-migration.md): --fix replaces the whole
 * written designation, keeping the regulation cited ("21 CFR 820.30" -> "21 CFR 820.10 (ISO
 * 13485:2016 7.3)"), only where:
 * - the table marks the section `exact` (one successor for the whole section, from the QMSR or
 *   FDA's preamble);
 * - the citation names the whole section (no paragraph: "820.30(c)" is design input, not all of 7.3);
 * - it stands in running text or a table cell, outside a link (which would still lead to the old
 *   section) and a heading (which may name the section's title);
 * - its paragraph, list item or table row does not name the QSR ("the FDA QSR (21 CFR 820.30)"
 *   would say the QSR is ISO 13485);
 * - the document is not a record (type REC).
 * Elsewhere each successor is a suggestion where the designation can be replaced; the message
 * names them.
 */
function supersededReport(c: Citation, s: SupersededSection, own: StandardPack, catalog: Catalog, doc: ControlledDocument): Report {
  const text = doc.parsed.text;
  const candidates = candidatesOf(s, own, catalog);
  const where = writtenDesignation(text, c, doc.citations);
  // "(see 21 CFR 820.30)" becomes "(see 21 CFR 820.10, ISO 13485:2016 7.3)", not nested parentheses.
  const parenthesised = where !== undefined && insideParentheses(text, where.start);
  const exact = s.exact === true && candidates.length === 1 && c.item === undefined;
  // A record (type REC) says what was done when it was made: never rewritten, only suggested.
  const record = fieldText(doc, 'type') === 'REC';
  const qsrNamed = where !== undefined && blockNamesQsr(text, where);
  const fixable = exact && where !== undefined && !record && !qsrNamed && !inside(where, doc.links) && !inside(where, doc.headings);
  const notes: string[] = [];
  if (c.item !== undefined && candidates.length) notes.push(`Its paragraph (${c.item}) is not mapped on its own: choose the clause that holds it.`);
  else if (candidates.length > 1) notes.push(`Which of ${candidatePhrase(candidates)} applies depends on what the text says: choose.`);
  else if (exact && !fixable) {
    notes.push(
      record
        ? 'The document is a record, which says what was done when it was made, so it is not changed automatically.'
        : qsrNamed
          ? 'Its paragraph names the QSR, so changing the number alone would make it say the QSR is the successor: rewrite the text.'
          : where
          ? 'It is in a link or a heading, so it is not changed automatically.'
          : 'It is not written as one designation, so it is not changed automatically.',
    );
  } else if (!exact && candidates.length === 1) notes.push('The table does not mark this mapping exact: check that it holds what the text means.');
  const out: Report = {
    message: supersededMessage(s.id, candidates, fixable),
    detail: [`21 CFR ${s.id} (${s.title}) no longer applies since the QMSR took effect on ${QMSR_EFFECTIVE}.${s.replacedBy ? ` Cite ${s.replacedBy} instead.` : ''}`, ...notes].join(' '),
    range: c.range,
  };
  const change = (x: Candidate): Fix => ({ title: `Change to ${replacement(x, parenthesised)}`, edits: [{ ...where!, text: replacement(x, parenthesised) }] });
  if (fixable) out.fix = change(candidates[0]);
  else if (where && candidates.length) out.suggestions = candidates.map(change);
  return out;
}

/** An opening parenthesis, not yet closed, stands before `at` on its line. */
function insideParentheses(text: string, at: number): boolean {
  const open = text.lastIndexOf('(', at - 1);
  return open > text.lastIndexOf(')', at - 1) && open > text.lastIndexOf('\n', at - 1);
}

/**
 * A designation whose number the registry knows: its publisher and its edition, in one finding.
 *
 * Fix policy (a fix never changes meaning): the publisher of a number is exact (one standard, one
 * publisher), so changing it is a fix that --fix applies. Another edition is not exact ("ISO
 * 13485:2015" may mean ISO 9001:2015, or ISO 13485:2016), so changing it is only a suggestion.
 * The one exception is a withdrawn edition with a transition table whose cited clauses all map
 * one-to-one to the current edition ("ISO 13485:2003 4.2.3" -> "ISO 13485:2016 4.2.4"): the fix
 * then changes the year and the clause numbers together.
 */
function checkDesignation(m: StandardMention, entry: RegistryEntry, catalog: Catalog, citations: readonly Citation[], text: string): Report | undefined {
  const name = `${entry.publisher} ${entry.number}`;
  const publisherWrong =
    m.publisher !== undefined &&
    m.publisherRange !== undefined &&
    !adopterWritten(m) &&
    !publisherMatches(entry, m.publisher) &&
    !samePublisher(m.publisher, entry.publisher);
  const edition = m.edition !== undefined && m.editionRange ? m.edition : undefined;
  // An EN adoption whose editions the registry lists is checked against those: its own years
  // and amendments ("EN ISO 13485:2016+A11:2021"), named as the adoption.
  const adoption = edition !== undefined ? listedAdoption(m, entry) : undefined;
  const problem =
    edition === undefined ? undefined : adoption ? adoptionProblem(adoption, edition, entry, catalog) : editionProblem(m, edition, entry, catalog);
  if (!publisherWrong && !problem) return undefined;

  const editions = adoption ? adoption.editions : entry.editions;
  const current = editions.find((e) => e.status === 'current');
  const edName = adoption ? (m.adopted ? `EN ${entry.publisher} ${entry.number}` : `EN ${entry.number}`) : name;
  const publisherFix: Fix | undefined = publisherWrong
    ? { title: `Change publisher to ${entry.publisher}`, edits: [{ ...m.publisherRange!, text: entry.publisher }] }
    : undefined;

  if (!problem) {
    return {
      message: `${m.number} is published by ${entry.publisher}, not ${m.publisher}`,
      detail: `Write ${name}.`,
      range: m.publisherRange!,
      fix: publisherFix!,
    };
  }

  const known = `Known ${adoption ? 'EN ' : ''}editions: ${knownEditions({ editions })}.`;
  const unlisted = problem === 'newer' ? ', unless a newer one has been published' : '';
  // A withdrawn edition whose clauses were renumbered: the clause numbers cited with it decide
  // whether changing the edition can be a fix (edition-transition.ts), or must not even be suggested.
  const transition = problem === 'withdrawn' && !adoption && current ? editionTransition(m, entry, current.edition, citations, text) : undefined;
  if (!publisherWrong) {
    const out: Report = {
      message: editionSentence(problem, edName, edition!),
      detail: `${problem === 'typo' ? 'A typo? ' : ''}${capitalise(citeCurrent(entry, edName, current, unlisted))}. ${transition ? `${transition.note} ` : ''}${known}`,
      range: m.editionRange!,
    };
    // With clause numbers that need checking, changing the year alone would change what they
    // mean: no suggestion then, only the message saying what to check.
    if (transition?.fix) out.fix = transition.fix;
    else if (current && !transition) out.suggestions = [{ title: `Change edition to ${current.edition}`, edits: [{ ...m.editionRange!, text: current.edition }] }];
    return out;
  }

  // Both wrong: the fix changes the publisher only; the suggestion also changes the edition,
  // unless clause numbers cited with it were renumbered between the editions (a transition table
  // has them): then the message says what to check and nothing changes the year.
  const out: Report = {
    message: `${m.standardText}: wrong publisher and ${editionShort(problem)}`,
    detail: `${m.number} is published by ${entry.publisher}, not ${m.publisher}, and ${editionClause(problem, edition!)}; ${
      current ? `write ${edName}:${current.edition}, the current edition${unlisted}` : replacedBy(entry) ? `it was replaced by ${replacedBy(entry)}` : `write ${name} with a published edition`
    }. ${transition ? `${transition.note} ` : ''}${known}`,
    range: span(m.publisherRange, m.editionRange)!,
    fix: transition?.fix ? { title: `Change to ${name}:${current!.edition} and its clause numbers`, edits: [...publisherFix!.edits, ...transition.fix.edits] } : publisherFix!,
  };
  if (current && !transition) {
    out.suggestions = [
      {
        title: `Change to ${edName}:${current.edition}`,
        edits: [
          { ...m.publisherRange!, text: entry.publisher },
          { ...m.editionRange!, text: current.edition },
        ],
      },
    ];
  }
  return out;
}

/**
 * A number written without its part under the wrong publisher: "ISO 82304:2016" for IEC
 * 82304-1:2016. The registry has exactly one part of that number, and a written edition must be
 * one of that part's; still, adding a part number is a guess about what was meant (ISO/TS 82304-2
 * is also "82304"), so the change is a suggestion, never a fix. With the right publisher
 * ("IEC 62366:2007") the number may be a standard of its own, and nothing is reported.
 */
function checkPartMissing(m: StandardMention, part: RegistryEntry, catalog: Catalog, text: string): Report | undefined {
  if (publisherMatches(part, m.publisher!) || samePublisher(m.publisher!, part.publisher)) return undefined;
  const edition = m.edition !== undefined && m.editionRange ? m.edition : undefined;
  // "ISO 62366:2007" is not IEC 62366-1 (its first edition is 2015): no guess.
  if (edition !== undefined && !implausibleYear(edition, part.publisher) && catalog.editionStatus(part, edition) === 'unknown') return undefined;
  const name = `${part.publisher} ${part.number}`;
  const problem = edition !== undefined ? editionProblem(m, edition, part, catalog) : undefined;
  const current = part.editions.find((e) => e.status === 'current');
  const end = numberEnd(m, text);
  const range = span(m.publisherRange, m.editionRange, end !== undefined ? { start: end, end } : undefined) ?? m.range;

  const message = `${m.standardText}: ${m.number} is published by ${part.publisher} as ${name}`;
  let detail: string;
  let target: string;
  if (edition === undefined) {
    detail = `Did you mean ${name}?`;
    target = name;
  } else if (!problem) {
    detail = `Write ${name}:${edition}.`;
    target = name;
  } else {
    detail = `${capitalise(editionClause(problem, edition))}; ${
      current ? `write ${name}:${current.edition}, the current edition` : `write ${name} with a published edition`
    }. Known editions: ${knownEditions(part)}.`;
    target = current ? `${name}:${current.edition}` : name;
  }
  const out: Report = { message, detail, range };
  if (end !== undefined) {
    const edits = [{ start: m.publisherRange!.start, end, text: name }];
    if (problem && current) edits.push({ ...m.editionRange!, text: current.edition });
    out.suggestions = [{ title: `Change to ${target}`, edits }];
  }
  return out;
}

export default rule;
