// The Clause Coverage view's short row labels (issue 16, point 9): a clause number or document id
// and a heading cut at a word, so a row fits a side bar of ~300 px; the whole heading is in the tooltip.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../server/src/core/standards/catalog';
import { ROW_LABEL_MAX, rowLabel, shortState, shortText } from '../../server/src/shared/short-label';

describe('shortText', () => {
  it('keeps text that fits, and cuts the rest at a word with an ellipsis', () => {
    expect(shortText('Complaint handling', 20)).toBe('Complaint handling');
    expect(shortText('Control of design and development changes', 22)).toBe('Control of design and…');
    expect(shortText('Control of design and development changes', 22).length).toBeLessThanOrEqual(22);
  });

  it('drops punctuation left before the ellipsis, and cuts a single long word inside', () => {
    expect(shortText("QMS documented and maintained; organization's roles", 31)).toBe('QMS documented and maintained…');
    expect(shortText('Design and development - general', 24)).toBe('Design and development…');
    expect(shortText('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('makes runs of spacing one space', () => {
    expect(shortText('Control \n of   documents', 40)).toBe('Control of documents');
  });
});

describe('rowLabel', () => {
  it('keeps the clause number or id whole, and as much of the heading as fits', () => {
    expect(rowLabel('8.2.2', 'Complaint handling')).toBe('8.2.2 Complaint handling');
    expect(rowLabel('4.2.4', 'Control of documents')).toBe('4.2.4 Control of documents');
    expect(rowLabel('SOP-001', 'Control of Documents')).toBe('SOP-001 Control of…');
    expect(rowLabel('SOP-004', 'Internal Audit')).toBe('SOP-004 Internal Audit');
    expect(rowLabel('4.1.1', "QMS documented and maintained; organization's roles")).toBe('4.1.1 QMS documented and…');
    expect(rowLabel('7.3.9', 'Control of design and development changes')).toBe('7.3.9 Control of design…');
    expect(rowLabel('SOP-001', undefined)).toBe('SOP-001');
    expect(rowLabel('SOP-001', '  ')).toBe('SOP-001');
  });

  it('shows a long heading that repeats its parent’s by what it adds, as a table of contents does', () => {
    const parent = 'Design and development';
    expect(rowLabel('7.3.2', 'Design and development planning', ROW_LABEL_MAX, parent)).toBe('7.3.2 Planning');
    expect(rowLabel('7.3.1', 'Design and development - general', ROW_LABEL_MAX, parent)).toBe('7.3.1 General');
    expect(rowLabel('7.3.10', 'Design and development files', ROW_LABEL_MAX, parent)).toBe('7.3.10 Files');
    // A heading that fits stays whole; one that does not repeat the parent is cut as any other.
    expect(rowLabel('7.4.1', 'Purchasing process', ROW_LABEL_MAX, 'Purchasing')).toBe('7.4.1 Purchasing process');
    expect(rowLabel('7.3.9', 'Control of design and development changes', ROW_LABEL_MAX, parent)).toBe('7.3.9 Control of design…');
  });

  it('still names the heading after a long key (an incorporated clause under 21 CFR 820)', () => {
    expect(rowLabel('ISO 13485:2016 7.5.9.2', 'Implantable device traceability')).toBe('ISO 13485:2016 7.5.9.2 Implantable…');
  });

  it('fits every clause of the built-in standards into a row label, and cuts only the long headings', () => {
    const catalog = Catalog.builtin();
    let cut = 0;
    for (const id of ['iso13485:2016', 'iso9001:2015']) {
      for (const clause of catalog.pack(id)!.clauses) {
        const label = rowLabel(clause.id, clause.title);
        expect(label.length, label).toBeLessThanOrEqual(ROW_LABEL_MAX);
        expect(label.startsWith(`${clause.id} `), label).toBe(true);
        if (label.endsWith('…')) cut++;
        else expect(label).toBe(`${clause.id} ${clause.title}`);
      }
    }
    // Most headings are short already; the label cuts the long ones only.
    expect(cut).toBeGreaterThan(0);
  });

  it('tells the ISO 13485:2016 design and development clauses apart in a row label', () => {
    const pack = Catalog.builtin().pack('iso13485:2016')!;
    const byId = new Map(pack.clauses.map((c) => [c.id, c] as const));
    const labels = pack.clauses.filter((c) => c.parent === '7.3').map((c) => rowLabel(c.id, c.title, ROW_LABEL_MAX, byId.get('7.3')!.title));
    // Each label names its clause's own subject, not "Design and…" ten times over.
    expect(new Set(labels.map((l) => l.replace(/^\S+ /, ''))).size).toBe(labels.length);
    expect(labels).toContain('7.3.2 Planning');
  });
});

describe('shortState', () => {
  it('says the state in a word or two', () => {
    expect(shortState({ state: 'covered', required: true })).toBe('covered');
    expect(shortState({ state: 'partial', required: true })).toBe('partly');
    expect(shortState({ state: 'draft-only', required: false })).toBe('drafts only');
    expect(shortState({ state: 'uncontrolled', required: true })).toBe('uncontrolled');
    expect(shortState({ state: 'not-covered', required: true })).toBe('missing');
    expect(shortState({ state: 'not-covered', required: false })).toBe('not cited');
  });
});
