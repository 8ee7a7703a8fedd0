// The one --cache file: a header line, then three sections, each authenticated
// on its own so a run reads only what it needs. `record` is the last plain run's
// outcome (what warm-run.ts needs to answer without reading the documents);
// `facts` what each document showed the others then (read when a document
// changed: the others stand in for themselves with their facts); `analyses` is
// what analysing each document gave (light models and findings, tens of MB as
// JSON, kept deflated), read only when the documents are checked again.
//
// Whoever can write the cache folder must not be able to say a document is
// clean: each section's MAC is an HMAC-SHA256 under a key kept outside the
// repository (cache-key.ts), a file git tracks is never read, and the file is
// read only if it is a regular file (not a link: we write none) of bounded
// size, so a name linked to /dev/zero or a FIFO cannot hang the run.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { MAX_READ_BYTES } from '../core/read-limits';

export const CACHE_FORMAT = 'qmslint-cache/4';
/** The file's name in the cache folder. */
export const CACHE_FILE = 'qmslint-cache.bin';

export type SectionName = 'record' | 'facts' | 'analyses';
const SECTIONS: SectionName[] = ['record', 'facts', 'analyses'];
/** A header longer than this is not one we wrote. */
const MAX_HEADER = 4096;

interface Header {
  format: string;
  tool: string;
  /** Byte lengths and MACs of the sections, in SECTIONS order. */
  sections: { length: number; mac: string }[];
}

function macOf(secret: string, tool: string, name: SectionName, bytes: Uint8Array): string {
  return createHmac('sha256', secret).update(JSON.stringify([CACHE_FORMAT, tool, name])).update('\n').update(bytes).digest('hex');
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cacheFileIn(dir: string): string {
  return path.join(dir, CACHE_FILE);
}

/** A section's bytes as the file holds them (`analyses` deflated) and the MAC the header gives them. */
export interface StoredSection {
  bytes: Buffer;
  mac: string;
}

/**
 * A section's content: new text, or a section of the file as read, carried over with its MAC as
 * the file had it. Carried bytes are not authenticated again here: the next reader does that.
 */
export type Section = { text: string } | { stored: StoredSection };

/** A whole cache file in parts, to be written one after the other; `analyses` text is deflated. */
export function cacheParts(secret: string, tool: string, record: Section, facts: Section, analyses: Section): Buffer[] {
  const parts = [record, facts, analyses].map((s, i): StoredSection => {
    if ('stored' in s) return s.stored;
    const text = Buffer.from(s.text, 'utf8');
    const bytes = SECTIONS[i] === 'analyses' ? deflateRawSync(text, { level: 1 }) : text;
    return { bytes, mac: macOf(secret, tool, SECTIONS[i], bytes) };
  });
  const header: Header = { format: CACHE_FORMAT, tool, sections: parts.map((p) => ({ length: p.bytes.length, mac: p.mac })) };
  return [Buffer.from(`${JSON.stringify(header)}\n`), ...parts.map((p) => p.bytes)];
}

/** What was read: undefined when there is no file, 'untrusted' when it is not one we wrote for this key and tool. */
export type ReadSections = Partial<Record<SectionName, StoredSection>> & { mtimeNs: bigint };

/**
 * The sections asked for, authenticated (`analyses` still deflated: `inflate` it), and the file's
 * modification time (the racy-entry limit). No blocking open (a FIFO would wait for a writer), and
 * never more than the file's size read. `authenticate` false: the bytes only, to carry into the
 * next file with their MAC (never to be used).
 */
export function readCacheFile(file: string, secret: string, tool: string, want: SectionName[], authenticate = true): ReadSections | undefined | 'untrusted' {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'untrusted';
  }
  try {
    const s = fstatSync(fd, { bigint: true });
    if (!s.isFile() || s.size > BigInt(MAX_READ_BYTES)) return 'untrusted';
    const size = Number(s.size);
    const head = readAt(fd, 0, Math.min(size, MAX_HEADER));
    const end = head.indexOf(10);
    if (end < 0) return 'untrusted';
    const h = JSON.parse(head.toString('utf8', 0, end)) as Partial<Header> | null;
    if (!h || h.format !== CACHE_FORMAT || h.tool !== tool || !Array.isArray(h.sections) || h.sections.length !== SECTIONS.length) return 'untrusted';
    const out: ReadSections = { mtimeNs: s.mtimeNs };
    let offset = end + 1;
    for (const [i, name] of SECTIONS.entries()) {
      const { length, mac } = h.sections[i] ?? {};
      if (!Number.isSafeInteger(length) || length! < 0 || typeof mac !== 'string' || offset + length! > size) return 'untrusted';
      if (want.includes(name)) {
        const bytes = readAt(fd, offset, length!);
        if (bytes.length !== length || (authenticate && !sameMac(macOf(secret, tool, name, bytes), mac))) return 'untrusted';
        out[name] = { bytes, mac };
      }
      offset += length!;
    }
    return offset === size ? out : 'untrusted';
  } catch {
    return 'untrusted';
  } finally {
    closeSync(fd);
  }
}

export function inflate(bytes: Buffer): string {
  return inflateRawSync(bytes).toString('utf8');
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}
