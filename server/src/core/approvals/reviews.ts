// Pull request reviews exported from GitHub (`gh api repos/{owner}/{repo}/pulls/{n}/reviews`):
// an array of {user: {login}, state, commit_id, submitted_at}. The file is input from outside, so
// each entry is checked, and a bad one is named by file, line and entry.
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { ReviewFacts } from './facts';
import { jsonErrorOffset } from './json-position';

export class ReviewsError extends Error {}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The reviews in `text` (read from `file`, named so in messages): an array of reviews, or an
 * array of such arrays (the pages `gh api --paginate --slurp` writes). Throws ReviewsError.
 */
export function parseReviews(text: string, file: string): ReviewFacts[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const plain = text.replace(/^\uFEFF/, '');
    const offset = errorOffset(plain, (e as Error).message);
    const where = offset === undefined ? '' : `:${lineCol(plain, offset)}`;
    throw new ReviewsError(`${file}${where}: not valid JSON; export the reviews with gh api repos/OWNER/REPO/pulls/N/reviews`);
  }
  if (!Array.isArray(data)) throw new ReviewsError(`${file}: expected an array of pull request reviews (GitHub's reviews JSON), found ${kind(data)}`);
  const paged = data.length > 0 && data.every(Array.isArray);
  const entries = paged ? (data as unknown[][]).flat() : data;
  const lines = entryLines(text, paged);
  return entries.map((entry, i) => review(entry, i, file, lines[i]));
}

function review(entry: unknown, index: number, file: string, line: number | undefined): ReviewFacts {
  const at = `${file}${line ? `:${line}` : ''}: review ${index + 1}`;
  const bad = (detail: string) => new ReviewsError(`${at}: ${detail}`);
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw bad(`expected an object, found ${kind(entry)}`);
  const r = entry as Record<string, unknown>;
  // A deleted account shows as user null: such a review can be no one's evidence.
  const user = r.user;
  if (user !== null && (typeof user !== 'object' || typeof (user as Record<string, unknown>).login !== 'string')) throw bad('"user" must be an object with a "login" string (or null)');
  const login = user === null ? '' : ((user as Record<string, unknown>).login as string);
  if (typeof r.state !== 'string') throw bad('"state" must be a string such as "APPROVED"');
  const approved = r.state === 'APPROVED';
  if (typeof r.commit_id !== 'string' || !SHA.test(r.commit_id)) {
    if (approved || r.commit_id !== null) throw bad('"commit_id" must be the full hexadecimal id of a commit');
  }
  if (approved && (typeof r.submitted_at !== 'string' || Number.isNaN(Date.parse(r.submitted_at)))) throw bad('"submitted_at" must be a date and time, such as 2026-03-01T10:00:00Z');
  return {
    login,
    state: r.state,
    commitId: typeof r.commit_id === 'string' ? r.commit_id : '',
    submittedAt: typeof r.submitted_at === 'string' ? r.submitted_at : '',
    source: { file, index },
  };
}

/** The line each entry starts on, for messages (JSON is YAML, whose parser keeps positions). */
function entryLines(text: string, paged: boolean): (number | undefined)[] {
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter });
  if (!isSeq(doc.contents)) return [];
  const items = paged ? doc.contents.items.flatMap((page) => (isSeq(page) ? page.items : [])) : doc.contents.items;
  return items.map((n) => {
    const start = (n as { range?: [number, number, number] } | null)?.range?.[0];
    return start === undefined ? undefined : counter.linePos(start).line;
  });
}

/** Where JSON.parse stopped: its message says so in some Node versions; else our own walk of the grammar finds it. */
function errorOffset(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  return at ? Number(at[1]) : jsonErrorOffset(text);
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
