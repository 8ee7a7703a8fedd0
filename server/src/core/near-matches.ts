// "Did you mean" without comparing a slip with every id or file of the
// workspace: indexes built once per workspace index, so a run with many broken
// references stays linear in the number of documents.
import { distance } from 'fastest-levenshtein';
import * as path from 'node:path';
import type { WorkspaceIndex } from './index-workspace';

/**
 * Words one edit (insertion, deletion, substitution) from a query, found
 * through their one-deletion variants: two words one edit apart share a
 * variant, or one is a variant of the other.
 */
export class OneEditIndex {
  private readonly byVariant = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      this.add(word, word);
      for (const v of deletions(word)) this.add(v, word);
    }
  }

  private add(key: string, word: string): void {
    const list = this.byVariant.get(key);
    if (!list) this.byVariant.set(key, [word]);
    else if (list[list.length - 1] !== word) list.push(word);
  }

  /** Every indexed word at edit distance exactly 1 from `query`. */
  oneEditFrom(query: string): Set<string> {
    const out = new Set<string>();
    for (const key of [query, ...deletions(query)]) {
      for (const word of this.byVariant.get(key) ?? []) if (!out.has(word) && distance(word, query) === 1) out.add(word);
    }
    return out;
  }
}

function deletions(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Document ids by upper case and by one-edit neighbourhood, for doc-reference-unresolved. */
export class IdSuggestions {
  private readonly byUpper = new Map<string, string[]>();
  private readonly oneEdit: OneEditIndex;

  constructor(ids: string[]) {
    for (const id of ids) {
      const key = id.toUpperCase();
      const list = this.byUpper.get(key);
      if (list) list.push(id);
      else this.byUpper.set(key, [id]);
    }
    this.oneEdit = new OneEditIndex(ids);
  }

  /** Known ids equal to `id` but for case, or one edit away. */
  close(id: string): Set<string> {
    const out = this.oneEdit.oneEditFrom(id);
    for (const known of this.byUpper.get(id.toUpperCase()) ?? []) out.add(known);
    return out;
  }
}

/** Linted files by lower-case name and, per folder, by name length, for link-broken. */
export class FileSuggestions {
  private readonly byName = new Map<string, string[]>();
  private readonly byFolder = new Map<string, Map<number, { name: string; path: string }[]>>();

  constructor(paths: Iterable<string>) {
    for (const p of paths) {
      const name = path.posix.basename(p).toLowerCase();
      const same = this.byName.get(name);
      if (same) same.push(p);
      else this.byName.set(name, [p]);
      const folder = path.posix.dirname(p);
      let byLength = this.byFolder.get(folder);
      if (!byLength) this.byFolder.set(folder, (byLength = new Map()));
      const bucket = byLength.get(name.length);
      if (bucket) bucket.push({ name, path: p });
      else byLength.set(name.length, [{ name, path: p }]);
    }
  }

  /** Files named like `name` (lower case) anywhere. */
  sameName(name: string): string[] {
    return this.byName.get(name) ?? [];
  }

  /** Files in `folder` whose lower-case name is at most `max` edits from `name` (only lengths that can be). */
  near(folder: string, name: string, max: number): string[] {
    const byLength = this.byFolder.get(folder);
    if (!byLength) return [];
    const out: string[] = [];
    for (let len = Math.max(0, name.length - max); len <= name.length + max; len++) {
      for (const e of byLength.get(len) ?? []) if (distance(e.name, name) <= max) out.push(e.path);
    }
    return out;
  }
}

const idSuggestions = new WeakMap<WorkspaceIndex, IdSuggestions>();
const fileSuggestions = new WeakMap<WorkspaceIndex, FileSuggestions>();

/** Built on first use and kept as long as the index. */
export function idSuggestionsOf(index: WorkspaceIndex): IdSuggestions {
  let s = idSuggestions.get(index);
  if (!s) idSuggestions.set(index, (s = new IdSuggestions([...index.byId.keys()])));
  return s;
}

export function fileSuggestionsOf(index: WorkspaceIndex): FileSuggestions {
  let s = fileSuggestions.get(index);
  if (!s) fileSuggestions.set(index, (s = new FileSuggestions(index.byPath.keys())));
  return s;
}
