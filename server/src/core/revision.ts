// Revision schemes in use in QMS repositories: letters (A..Z, AA, AB...),
// integers (1, 2, 3 or 01, 02) and dotted (1.0, 1.1, 2.0). Revisions only
// compare within one scheme; "2.0" and "C" have no order.

export type RevisionScheme = 'letters' | 'integer' | 'dotted';

export interface Revision {
  scheme: RevisionScheme;
  text: string;
  /** Comparable parts: letters as a bijective base-26 number, dotted as its numbers. */
  parts: number[];
}

export function parseRevision(raw: string): Revision | undefined {
  const text = raw.trim().replace(/^(rev\.?|revision|v|version)\s*/i, '');
  if (/^[A-Z]{1,3}$/.test(text)) {
    let n = 0;
    for (const c of text) n = n * 26 + (c.charCodeAt(0) - 64);
    return { scheme: 'letters', text, parts: [n] };
  }
  if (/^\d{1,6}$/.test(text)) return { scheme: 'integer', text, parts: [Number(text)] };
  if (/^\d{1,6}(\.\d{1,6}){1,3}$/.test(text)) return { scheme: 'dotted', text, parts: text.split('.').map(Number) };
  return undefined;
}

/** Negative when a < b, positive when a > b; undefined across schemes. */
export function compareRevisions(a: Revision, b: Revision): number | undefined {
  if (a.scheme !== b.scheme) return undefined;
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function sameRevision(a: string, b: string): boolean {
  const ra = parseRevision(a);
  const rb = parseRevision(b);
  if (!ra || !rb) return a.trim() === b.trim();
  return compareRevisions(ra, rb) === 0;
}

/** The next revision in the same scheme: C -> D, Z -> AA, 3 -> 4, 1.4 -> 1.5 (minor) or 2.0 (major). */
export function nextRevision(rev: Revision, major = false): string {
  switch (rev.scheme) {
    case 'letters': {
      let n = rev.parts[0] + 1;
      let s = '';
      while (n > 0) {
        const r = (n - 1) % 26;
        s = String.fromCharCode(65 + r) + s;
        n = Math.floor((n - 1) / 26);
      }
      return s;
    }
    case 'integer':
      return String(rev.parts[0] + 1).padStart(rev.text.length, '0');
    case 'dotted': {
      const parts = [...rev.parts];
      if (major) return [parts[0] + 1, ...parts.slice(1).map(() => 0)].join('.');
      parts[parts.length - 1]++;
      return parts.join('.');
    }
  }
}
