// After a lint whose documents an analyser made (worker threads: light
// documents, without their trees), the project keeps them light: the snapshot
// and the findings of every other file need only their plain parts, so nothing
// is parsed again on this thread (an editor's first lint of a large folder).
// A question about one file parses that file, and Project.whole gives the
// editor's features a document with its tree.
import { describe, expect, it } from 'vitest';
import { LocalAnalyser } from '../../server/src/core/analysis';
import type { ControlledDocument } from '../../server/src/core/document';
import { Project } from '../../server/src/core/project';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { CLEAN_SOP, TODAY } from '../helpers';

const FILES = ['/ws/a.md', '/ws/b.md', '/ws/c.md'];

function project(): Project {
  const texts = Object.fromEntries(FILES.map((f, i) => [f, CLEAN_SOP.replace(/SOP-\d+/g, `SOP-00${i + 1}`)]));
  return new Project({ workspace: new MemoryWorkspace(texts), files: FILES, root: '/ws', today: TODAY, editing: true });
}

const hasTree = (doc: ControlledDocument | undefined): boolean => {
  try {
    return Boolean(doc?.parsed.tree);
  } catch {
    return false;
  }
};

describe('documents an analyser made', () => {
  it('stay light in the snapshot and in a lint without the analyser', async () => {
    const p = project();
    const analysed = await p.findingsAll({ analyser: new LocalAnalyser() });
    expect(analysed.files.map((f) => hasTree(f.document))).toEqual([false, false, false]);
    const again = await p.findingsAll();
    expect(again.files.map((f) => hasTree(f.document))).toEqual([false, false, false]);
    expect(again.files.map((f) => f.findings)).toEqual(analysed.files.map((f) => f.findings));
    const snapshot = await p.snapshot();
    expect(snapshot.index.documents.map(hasTree)).toEqual([false, false, false]);
  });

  it('are parsed here when a question is about them, and only they', async () => {
    const p = project();
    const analysed = await p.findingsAll({ analyser: new LocalAnalyser() });
    const one = await p.findings('/ws/b.md');
    expect(hasTree(one?.document)).toBe(true);
    expect(one?.findings).toEqual(analysed.files[1].findings);
    // The others are not parsed for it; the snapshot's light b gives way to the one parsed.
    const all = await p.findingsAll();
    expect(all.files.map((f) => hasTree(f.document))).toEqual([false, true, false]);
    expect(p.whole((await p.snapshot()).index.byPath.get('/ws/b.md')!)).toBe(one?.document);
  });

  it('are given whole to the editor by Project.whole, parsed once', async () => {
    const p = project();
    await p.findingsAll({ analyser: new LocalAnalyser() });
    const light = (await p.snapshot()).index.byPath.get('/ws/c.md')!;
    expect(hasTree(light)).toBe(false);
    const whole = p.whole(light);
    expect(hasTree(whole)).toBe(true);
    expect(whole.parsed.text).toBe(light.parsed.text);
    expect(p.whole(light)).toBe(whole);
    expect(p.whole(whole)).toBe(whole);
  });
});
