// A stand-in made from a document's facts (core/facts.ts) answers an index with its index key
// alone: a warm --cache run that checks one changed document among thousands builds the index of
// all the others, and must not revive each of them to do so.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/core/config';
import { buildDocument, fieldText, type ControlledDocument } from '../../server/src/core/document';
import { factsDocument, indexKey, workspaceFacts } from '../../server/src/core/facts';
import { WorkspaceIndex } from '../../server/src/core/index-workspace';
import { CLEAN_SOP } from '../helpers';

const config = defaultConfig('/ws');
const withId = buildDocument('/ws/sop.md', CLEAN_SOP, config, false);
// Without a front matter id, numbered by another collection's key: a declared id.
const numbered = buildDocument('/ws/wi.md', CLEAN_SOP.replace(/^id: .*$/m, 'doc_number: WI-007'), config, false);

/** A stand-in for `real`, and whether a reader went beyond its facts. */
function standIn(real: ControlledDocument, withKey = true) {
  const s = { doc: undefined as unknown as ControlledDocument, stray: false };
  s.doc = factsDocument(real.path, workspaceFacts(real), () => (s.stray = true), undefined, withKey ? indexKey(real) : undefined);
  return s;
}

/** How many times `read` revives one of these documents' stand-ins (parses its facts). */
function revivals(of: ControlledDocument[], read: () => void): number {
  const facts = new Set(of.map(workspaceFacts));
  const parse = JSON.parse;
  let n = 0;
  JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
    if (facts.has(text)) n++;
    return parse(text, reviver);
  };
  try {
    read();
  } finally {
    JSON.parse = parse;
  }
  return n;
}

describe('a stand-in with its index key', () => {
  it('is indexed by its id and declared ids without reviving its facts', () => {
    const a = standIn(withId);
    const b = standIn(numbered);
    let index: WorkspaceIndex | undefined;
    expect(revivals([withId, numbered], () => (index = new WorkspaceIndex([a.doc, b.doc])))).toBe(0);
    expect(index!.document(fieldText(withId, 'id')!)).toBe(a.doc);
    expect(numbered.declaredIds).toEqual(['WI-007']);
    expect([...index!.declaredIds]).toEqual(['WI-007']);
  });

  it('revives its facts, once, when anything else is read, and answers as the document', () => {
    const s = standIn(withId);
    const n = revivals([withId], () => {
      expect(fieldText(s.doc, 'title')).toBe(fieldText(withId, 'title'));
      expect(fieldText(s.doc, 'id')).toBe(fieldText(withId, 'id'));
      expect(s.doc.headings.map((h) => h.slug)).toEqual(withId.headings.map((h) => h.slug));
    });
    expect(n).toBe(1);
    expect(s.stray).toBe(false);
  });

  it('still says when a reader goes beyond the facts (a field they do not hold)', () => {
    const s = standIn(withId);
    s.doc.fields.get('owner');
    expect(s.stray).toBe(true);
  });

  it('without a key, an index revives it (the key is what saves the work)', () => {
    const s = standIn(withId, false);
    expect(revivals([withId], () => new WorkspaceIndex([s.doc]))).toBe(1);
  });
});
