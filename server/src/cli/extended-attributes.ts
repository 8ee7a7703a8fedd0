// Extended attributes. Node has no API for them, so a program lists them: getfattr (Debian's
// `attr` package) on Linux, `-m -` for every namespace (user, security: SELinux labels, system:
// ACLs), and xattr on macOS. Both print nothing for a file without any. A program that is
// missing, fails or does not answer in time means "cannot tell", and the file is rewritten in
// place: keeping attributes beats losing them. Only for --fix writes (keepIdentity).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { programOnPath } from '../host/program-path';


/** Whether `file` has extended attributes; undefined when that cannot be told. */
export function hasExtendedAttributes(file: string): boolean | undefined {
  const lister =
    process.platform === 'linux'
      ? { name: 'getfattr', args: ['--absolute-names', '-m', '-', '--', file] }
      : process.platform === 'darwin'
        ? { name: 'xattr', args: [file] }
        : undefined;
  const program = lister && programOnPath(lister.name, [path.dirname(path.resolve(file))]);
  if (!lister || !program) return undefined;
  let out: string;
  try {
    // No shell, a fixed argument list, a folder of no repository's choosing, a time limit.
    out = execFileSync(program, lister.args, {
      cwd: path.parse(path.resolve(file)).root,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 10_000,
      killSignal: 'SIGKILL',
      maxBuffer: 1024 * 1024,
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
  // getfattr heads its list with "# file: NAME"; every other line that is not empty names an attribute.
  return out.split('\n').some((line) => line !== '' && !line.startsWith('# file: '));
}

