// Who a name in front matter is, for the evidence: only what the configuration says
// (`approvals.people`), never a guess from a similar name, a commit's author or a trailer.
import type { Config } from '../config';

export interface Identity {
  /** The name as front matter writes it. */
  name: string;
  /** Signer identities (ssh principals, gpg user id emails), lower case. */
  emails: string[];
  /** GitHub login, lower case (logins are case-insensitive). */
  github?: string;
}

/** The identity the configuration gives `name` (matched exactly, surrounding spaces aside); undefined when it gives none. */
export function identityOf(name: string, config: Config): Identity | undefined {
  const people = config.approvals?.people;
  if (!people) return undefined;
  const key = Object.prototype.hasOwnProperty.call(people, name) ? name : Object.keys(people).find((k) => k.trim() === name.trim());
  if (key === undefined) return undefined;
  const entry = people[key];
  const emails = entry.email === undefined ? [] : Array.isArray(entry.email) ? entry.email : [entry.email];
  return { name, emails: emails.map((e) => e.toLowerCase()), github: entry.github?.toLowerCase() };
}

/**
 * Whether git's `%GS` names this person: an ssh principal is compared whole; a gpg user id
 * ("Jane Doe <jane@example.com>") by its email. Case is ignored, as mail systems do.
 */
export function signerIs(signer: string, who: Identity): boolean {
  const email = nameAndEmail(signer)[1] || signer.trim();
  return email !== '' && who.emails.includes(email.toLowerCase());
}

export function reviewerIs(login: string, who: Identity): boolean {
  return who.github !== undefined && login.toLowerCase() === who.github;
}

/** Whether an `Approved-by:` trailer names this person: by the name as written, or by one of their emails. */
export function trailerNames(value: string, name: string, who: Identity | undefined): boolean {
  const [written, email] = nameAndEmail(value);
  if (written.trim().toLowerCase() === name.trim().toLowerCase()) return true;
  const address = (email || written).trim().toLowerCase();
  return who !== undefined && address !== '' && who.emails.includes(address);
}

/**
 * `Jane Doe <jane@example.com>` as its name and its email; a value that does not end in one
 * bracketed address is all name (email ''). Split by hand: a pattern with a lazy name before
 * optional spaces backtracks quadratically on a long run of spaces (test/reliability/redos.test.ts).
 */
function nameAndEmail(value: string): [string, string] {
  const trimmed = value.trim();
  const open = trimmed.lastIndexOf('<');
  const email = open < 0 || !trimmed.endsWith('>') ? '' : trimmed.slice(open + 1, -1);
  return email !== '' && /^[^<>\s]+$/.test(email) ? [trimmed.slice(0, open), email] : [value, ''];
}
