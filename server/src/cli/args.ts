// Command-line arguments for every command. Usage errors throw UsageError
// (exit code 2). Options are declared once here so help, parsing and
// validation cannot drift.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/** Options shared by the commands that lint files (lint, coverage, review). */
export interface FileArgs {
  patterns: string[];
  config?: string;
  standard?: string;
  today?: string;
  maxFileSize?: number;
  /** Threads that parse and check documents (--jobs); default one per core. */
  jobs?: number;
  /** Keep analyses between runs (--cache) in cacheLocation (default node_modules/.cache/qmslint). */
  cache?: boolean;
  cacheLocation?: string;
  /** Report on one part of the files (--shard i/n); the index is still built from all of them. */
  shard?: { index: number; count: number };
  /** Write the report here instead of stdout. */
  output?: string;
  format: string;
}

export interface LintArgs extends FileArgs {
  command: 'lint';
  maxWarnings?: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  fix: boolean;
  fixDryRun: boolean;
  /** Git ref to compare against for change control. */
  base?: string;
}

export interface CoverageArgs extends FileArgs {
  command: 'coverage';
}

export interface ReviewArgs extends FileArgs {
  command: 'review';
  base: string;
}

export interface StandardsArgs {
  command: 'standards';
  action: 'list' | 'show';
  id?: string;
  format: string;
}

export type Args = LintArgs | CoverageArgs | ReviewArgs | StandardsArgs | { command: 'help' } | { command: 'version' };

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'];
export const COVERAGE_FORMATS = ['markdown', 'csv', 'json', 'html'];

export const USAGE = `Usage: qmslint [options] [paths or globs...]
       qmslint coverage [options] [paths...]
       qmslint review --base <git-ref> [options] [paths...]
       qmslint standards [--format json]
       qmslint standards show <standard> [--format json]

Lints controlled QMS documents (Markdown with YAML front matter).

Options:
  -c, --config FILE          use this config instead of the nearest .qmslint.yaml
  -s, --standard ID          check against this standard (iso13485:2016, iso9001:2015, 21cfr820)
  -f, --format NAME          lint: ${LINT_FORMATS.join(', ')}; coverage: ${COVERAGE_FORMATS.join(', ')}
  -o, --output FILE          write the report to FILE instead of standard output
      --today YYYY-MM-DD     the date review checks use (default: today)
      --max-file-size MB     files larger than this are not analysed (default: 5)
      --max-warnings N       exit 1 when there are more than N warnings
  -j, --jobs N               threads that parse and check documents (default: one per core)
      --cache                reuse what earlier runs found in unchanged documents
      --cache-location DIR   where --cache keeps it (default: node_modules/.cache/qmslint)
      --shard I/N            report on the I-th of N parts of the files (for CI jobs in
                             parallel); references and workspace rules still see every file
  -q, --quiet                report errors only
      --stdin                lint standard input (name it with --stdin-filename PATH)
      --fix                  apply the fixes of fixable findings to the files, then report what remains
      --fix-dry-run          print only the unified diff --fix would write, change nothing;
                             the exit code is that of the fixed text
      --base REF             change control: compare changed documents with git REF
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 could not run.`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  standard: { type: 'string', short: 's' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  today: { type: 'string' },
  'max-file-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  shard: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  base: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };
  const [first, ...rest] = positionals;

  if (first === 'standards') {
    const action = rest[0] ?? 'list';
    if (action !== 'list' && action !== 'show') throw new UsageError(`unknown action "standards ${action}"; use "standards" or "standards show <id>"`);
    if (action === 'show' && !rest[1]) throw new UsageError('"standards show" needs a standard id, e.g. qmslint standards show iso13485:2016');
    return { command: 'standards', action, id: rest[1], format: checkFormat(v.format ?? 'text', ['text', 'json']) };
  }

  if (v.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v.today)) {
    throw new UsageError(`--today must be a date like 2026-11-26, not "${v.today}"`);
  }
  const fileArgs = (patterns: string[], formats: string[], defaultFormat: string): FileArgs => ({
    patterns: patterns.length ? patterns : ['.'],
    config: v.config,
    standard: v.standard,
    today: v.today,
    maxFileSize: v['max-file-size'] === undefined ? undefined : positive(v['max-file-size'], '--max-file-size', 'megabytes') * 1024 * 1024,
    jobs: v.jobs === undefined ? undefined : atLeastOne(v.jobs, '--jobs'),
    cache: Boolean(v.cache) || v['cache-location'] !== undefined,
    cacheLocation: v['cache-location'],
    shard: v.shard === undefined ? undefined : shard(v.shard),
    output: v.output,
    format: checkFormat(v.format ?? defaultFormat, formats),
  });

  if (first === 'coverage') return { command: 'coverage', ...fileArgs(rest, COVERAGE_FORMATS, 'markdown') };
  if (first === 'review') {
    if (!v.base) throw new UsageError('"review" needs --base <git-ref>, e.g. qmslint review --base origin/main');
    return { command: 'review', base: v.base, ...fileArgs(rest, ['markdown'], 'markdown') };
  }

  if (v.fix && v['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (v['stdin-filename'] !== undefined && !v.stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (v.stdin && positionals.length) throw new UsageError('--stdin lints standard input; give no paths with it');
  if (v.stdin && v.fix) throw new UsageError('--fix cannot write standard input; use --fix-dry-run to see the fixes');
  return {
    command: 'lint',
    ...fileArgs(positionals, LINT_FORMATS, 'stylish'),
    maxWarnings: v['max-warnings'] === undefined ? undefined : count(v['max-warnings'], '--max-warnings'),
    quiet: Boolean(v.quiet),
    stdin: Boolean(v.stdin),
    stdinFilename: v['stdin-filename'],
    fix: Boolean(v.fix),
    fixDryRun: Boolean(v['fix-dry-run']),
    base: v.base,
  };
}

function checkFormat(format: string, allowed: string[]): string {
  if (!allowed.includes(format)) throw new UsageError(`unknown format "${format}"; use one of: ${allowed.join(', ')}`);
  return format;
}

function positive(s: string, flag: string, unit: string): number {
  const n = Number(s);
  if (!(n > 0)) throw new UsageError(`${flag} must be a positive number of ${unit}, not "${s}"`);
  return n;
}

function atLeastOne(s: string, flag: string): number {
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new UsageError(`${flag} must be a whole number of 1 or more, not "${s}"`);
  return Number(s);
}

function shard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index < 1 || index > total) throw new UsageError(`--shard must be I/N with 1 <= I <= N, like 2/4, not "${s}"`);
  return { index, count: total };
}

function count(s: string, flag: string): number {
  if (!/^\d+$/.test(s)) throw new UsageError(`${flag} must be a whole number of 0 or more, not "${s}"`);
  return Number(s);
}
