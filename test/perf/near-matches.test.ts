// The did-you-mean indexes answer exactly what comparing with every id or file would.
import { distance } from 'fastest-levenshtein';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSuggestions, IdSuggestions } from '../../server/src/core/near-matches';
import { rng } from '../../bench/corpus.mjs';

const r = rng(42);
const ALPHABET = 'ABCSOPWIFRM-0123456789';
const randomId = () => {
  const prefix = r.pick(['SOP', 'WI', 'FRM', 'sop', 'QM']);
  let n = '';
  for (let i = 0; i < r.int(1, 4); i++) n += String(r.int(0, 9));
  return `${prefix}-${n}`;
};
const slip = (s: string) => {
  const i = r.int(0, s.length);
  const c = ALPHABET[r.int(0, ALPHABET.length - 1)];
  switch (r.int(0, 3)) {
    case 0: return s.slice(0, i) + c + s.slice(i);
    case 1: return s.slice(0, i) + s.slice(i + 1);
    case 2: return s.slice(0, i) + c + s.slice(i + 1);
    default: return s.toLowerCase();
  }
};

describe('did-you-mean indexes', () => {
  it('find the ids one edit or a case change away, as comparing with every id does', () => {
    const ids = [...new Set(Array.from({ length: 400 }, randomId))];
    const index = new IdSuggestions(ids);
    for (let k = 0; k < 2000; k++) {
      const query = slip(r.pick(ids));
      const brute = ids.filter((known) => known.toUpperCase() === query.toUpperCase() || distance(known, query) === 1);
      expect([...index.close(query)].sort()).toEqual([...new Set(brute)].sort());
    }
  });

  it('find files of the same name, or two edits away in the same folder, as comparing with every file does', () => {
    const files = Array.from({ length: 300 }, () => `/w/${r.pick(['sops', 'wi', 'forms'])}/${randomId().toLowerCase()}-${r.pick(['audit', 'records', 'capa'])}.md`);
    const index = new FileSuggestions(files);
    for (let k = 0; k < 1000; k++) {
      const missing = `/w/${r.pick(['sops', 'wi', 'forms', 'x'])}/${slip(slip(path.posix.basename(r.pick(files))))}`;
      const name = path.posix.basename(missing).toLowerCase();
      const folder = path.posix.dirname(missing);
      expect(index.sameName(name).sort()).toEqual(files.filter((p) => path.posix.basename(p).toLowerCase() === name).sort());
      const brute = files.filter((p) => path.posix.dirname(p) === folder && distance(path.posix.basename(p).toLowerCase(), name) <= 2);
      expect(index.near(folder, name, 2).sort()).toEqual(brute.sort());
    }
  });
});
