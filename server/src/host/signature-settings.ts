// How git may check commit signatures in a repository that is not trusted. Verifying a signature
// runs a program (gpg, gpgsm, ssh-keygen) that git takes from gpg.program, gpg.<format>.program:
// a repository's own .git/config (or a file it includes) could name any program there, and
// `git log --format=%G?` would run it. So every program key set outside the user's own
// configuration is replaced, with -c, by the user's own value or the standard program found on
// PATH outside the repository (program-path.ts). The files verification reads (the ssh allowed
// signers and revocation files) are taken from the command line, the user's configuration, or the
// repository's only when they lie inside the repository (docs/approvals.md says why and how).
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { fields, GitError, type GitRepository } from './git';
import { programOnPath } from './program-path';
import { isInside, realOrSelf } from './repository';

/** Config scopes that are the user's: their system and global files, and `git -c` in their environment. */
const TRUSTED = new Set(['system', 'global', 'command']);

/** The program keys git reads when it verifies a signature, and the program each stands for by default. */
const PROGRAMS: Record<string, string> = {
  'gpg.program': 'gpg',
  'gpg.openpgp.program': 'gpg',
  'gpg.x509.program': 'gpgsm',
  'gpg.ssh.program': 'ssh-keygen',
};

const NO_FILE = process.platform === 'win32' ? 'NUL' : '/dev/null';

export interface SignatureSettings {
  /** `-c` options for the git commands that verify signatures. */
  settings: string[];
  /** Where the ssh allowed signers came from, for the report. */
  allowedSigners?: { file: string; from: 'option' | 'user' | 'repository' };
  /** Why ssh signatures cannot be tied to signers in this run, when that is so. */
  signersUnknown?: string;
}

/** `allowedSigners`: the --allowed-signers file (absolute), which wins over any configuration. */
export async function signatureSettings(repository: GitRepository, allowedSigners?: string): Promise<SignatureSettings> {
  const out = await repository.run(['config', '-z', '--show-scope', '--get-regexp', '^gpg\\.']).catch((e) => {
    if ((e as { exitCode?: unknown }).exitCode === 1) return Buffer.alloc(0); // no gpg.* key at all
    throw new GitError(`could not read the repository's git configuration, so signatures cannot be checked safely: ${(e as Error).message}`);
  });
  // "scope\0key\nvalue\0" per entry, in the order git reads them (the last one wins).
  const entries: { scope: string; key: string; value: string }[] = [];
  const parts = fields(out);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const nl = parts[i + 1].indexOf('\n');
    const [key, value] = nl < 0 ? [parts[i + 1], ''] : [parts[i + 1].slice(0, nl), parts[i + 1].slice(nl + 1)];
    entries.push({ scope: parts[i], key: key.toLowerCase(), value });
  }
  const userValue = (key: string) => entries.filter((e) => e.key === key && TRUSTED.has(e.scope)).pop()?.value;
  const repositoryValue = (key: string) => entries.filter((e) => e.key === key && !TRUSTED.has(e.scope)).pop()?.value;

  const settings: string[] = [];
  const notes: string[] = [];
  for (const [key, program] of Object.entries(PROGRAMS)) {
    const chosen = userValue(key) ?? programOnPath(program, [repository.root]);
    if (!chosen && program === 'ssh-keygen') notes.push('ssh-keygen was not found on PATH, so ssh signatures cannot be checked');
    // A program that is not there fails verification (git reports the signature as unchecked), never runs another.
    settings.push('-c', `${key}=${chosen ?? path.join(NO_FILE, `no-${program}`)}`);
  }
  // Any other program or command the repository sets under gpg (gpg.ssh.defaultKeyCommand signs, but is a command all the same).
  for (const e of entries) {
    if (TRUSTED.has(e.scope) || e.key in PROGRAMS || !/(program|command)$/.test(e.key)) continue;
    settings.push('-c', `${e.key}=${userValue(e.key) ?? ''}`);
  }

  const signers = allowedSigners
    ? { file: allowedSigners, from: 'option' as const }
    : fileSetting('gpg.ssh.allowedsignersfile', userValue, repositoryValue, repository.root, notes, 'allowed signers');
  if (!signers) notes.push('no ssh allowed signers file, so ssh signatures cannot be tied to signers; give --allowed-signers FILE');
  settings.push('-c', `gpg.ssh.allowedSignersFile=${signers?.file ?? NO_FILE}`);
  const revocation = fileSetting('gpg.ssh.revocationfile', userValue, repositoryValue, repository.root, notes, 'revocation');
  if (repositoryValue('gpg.ssh.revocationfile') !== undefined || userValue('gpg.ssh.revocationfile') !== undefined) {
    settings.push('-c', `gpg.ssh.revocationFile=${revocation?.file ?? ''}`);
  }
  return { settings, ...(signers ? { allowedSigners: signers } : {}), ...(notes.length ? { signersUnknown: notes.join('; ') } : {}) };
}

/**
 * A file setting: the user's own value as it is; the repository's only when it names a regular
 * file inside the repository (a relative path is read from the repository's top folder, as git does).
 */
function fileSetting(
  key: string,
  userValue: (key: string) => string | undefined,
  repositoryValue: (key: string) => string | undefined,
  root: string,
  notes: string[],
  what: string,
): { file: string; from: 'user' | 'repository' } | undefined {
  const user = userValue(key);
  const local = repositoryValue(key);
  if (local === undefined) return user ? { file: user, from: 'user' } : undefined;
  const file = path.resolve(root, local);
  const real = realOrSelf(file);
  let regular = false;
  try {
    regular = statSync(real).isFile();
  } catch {
    // missing: said below
  }
  if (regular && isInside(real, realOrSelf(root))) return { file: real, from: 'repository' };
  notes.push(`the repository's ${key} (${local}) is not a file inside the repository, so it is not used for the ${what} file`);
  return user ? { file: user, from: 'user' } : undefined;
}
