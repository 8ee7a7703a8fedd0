// Command-line arguments for every command. Usage errors throw UsageError
// (exit code 2). Options are declared once here so help, parsing and
// validation cannot drift.
import { closest, distance } from 'fastest-levenshtein';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { daysInMonth, isIsoDate } from '../core/dates';

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
  /** What the run says on stderr before it starts (a --jobs capped at the cores). */
  notes?: string[];
}

export interface LintArgs extends FileArgs, EvidenceArgs {
  command: 'lint';
  maxWarnings?: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  fix: boolean;
  fixDryRun: boolean;
  /** Git ref to compare against for change control. */
  base?: string;
  /** --baseline: report only findings this baseline file does not hold (docs/baseline.md). */
  baseline?: string;
}

/** `qmslint baseline`: record the current findings (commands/baseline.ts); --prune drops entries no longer occurring. */
export interface BaselineArgs extends FileArgs, EvidenceArgs {
  command: 'baseline';
  prune: boolean;
  /** --baseline: the file to write or prune when -o does not name one. */
  baseline?: string;
}

export interface CoverageArgs extends FileArgs {
  command: 'coverage';
}

/** `qmslint migrate qmsr`: the QMSR's exact fixes alone, to every file (commands/migrate.ts, docs/qmsr-migration.md). */
export interface MigrateArgs extends FileArgs {
  command: 'migrate';
  migration: 'qmsr';
  /** --dry-run: print the migration as a unified diff and write nothing. */
  dryRun: boolean;
}

/** The document master list (commands/list.ts): a report, so findings never change its exit code. */
export interface ListArgs extends FileArgs {
  command: 'list';
}

/** Where the approval evidence is read from (qmslint approvals; lint when approvals.evidence is required). */
export interface EvidenceArgs {
  /** --reviews: GitHub pull request review exports (JSON). */
  reviews: string[];
  /** --allowed-signers: the ssh allowed signers file that ties keys to signers. */
  allowedSigners?: string;
}

/** `qmslint approvals`: each approval proven from git (commands/approvals.ts). */
export interface ApprovalsArgs extends FileArgs, EvidenceArgs {
  command: 'approvals';
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

/** `qmslint validate`: the conformance suite's run as validation evidence (commands/validate.ts). */
export interface ValidateArgs {
  command: 'validate';
  format: string;
  output?: string;
  config?: string;
}

export type Args = LintArgs | BaselineArgs | CoverageArgs | ListArgs | ApprovalsArgs | ReviewArgs | StandardsArgs | ValidateArgs | MigrateArgs | { command: 'help' } | { command: 'version' };

export const APPROVALS_FORMATS = ['markdown', 'json'];

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab'];
export const COVERAGE_FORMATS = ['markdown', 'csv', 'json', 'html'];
export const LIST_FORMATS = ['markdown', 'csv', 'json', 'html'];
export const VALIDATE_FORMATS = ['markdown', 'html', 'json'];

export const USAGE = `Usage: qmslint [options] [paths or globs...]
       qmslint baseline [--prune] [-o FILE] [options] [paths...]
       qmslint coverage [options] [paths...]
       qmslint list [options] [paths...]
       qmslint review --base <git-ref> [options] [paths...]
       qmslint approvals [--reviews FILE]... [--allowed-signers FILE] [options] [paths...]
       qmslint standards [--format json]
       qmslint standards show <standard> [--format json]
       qmslint migrate qmsr [--dry-run] [options] [paths...]
       qmslint validate [-o FILE] [--format markdown|html|json] [--config FILE]

Lints controlled QMS documents (Markdown with YAML front matter).

Options:
  -c, --config FILE          use this config instead of the nearest .qmslint.yaml
  -s, --standard ID          check against this standard (iso13485:2016, iso9001:2015, 21cfr820)
  -f, --format NAME          lint: ${LINT_FORMATS.join(', ')}; coverage: ${COVERAGE_FORMATS.join(', ')}
                             list: ${LIST_FORMATS.join(', ')} (default markdown)
                             approvals: ${APPROVALS_FORMATS.join(', ')} (default markdown)
                             validate: ${VALIDATE_FORMATS.join(', ')} (default markdown)
  -o, --output FILE          write the report to FILE instead of standard output
      --today YYYY-MM-DD     the date review checks use (default: today)
      --max-file-size MB     files larger than this are not analysed (default: 5)
      --max-warnings N       exit 1 when there are more than N warnings
  -j, --jobs N               threads that parse and check documents (default: one per core)
      --cache                reuse what earlier runs found in unchanged documents
      --cache-location DIR   where --cache keeps it (default: node_modules/.cache/qmslint)
      --shard I/N            report on the I-th of N parts of the files (for CI jobs in
                             parallel); references and workspace rules still see every file
  -q, --quiet                report errors only (no warnings, no coverage summary)
      --stdin                lint standard input (name it with --stdin-filename PATH)
      --fix                  apply the fixes of fixable findings to the files, then report what remains
      --fix-dry-run          print only the unified diff --fix would write, change nothing;
                             the exit code is that of the fixed text
      --base REF             change control: compare changed documents with git REF
      --dry-run              migrate: print the migration as a unified diff, change nothing
      --baseline FILE        report and fail only on findings FILE does not hold (written by
                             qmslint baseline; default: baseline: in .qmslint.yaml)
      --prune                baseline: remove the entries that no longer occur, add none
      --reviews FILE         approvals (and lint with approvals.evidence required): GitHub pull
                             request reviews (gh api .../pulls/N/reviews); may be repeated
      --allowed-signers FILE the ssh allowed signers file that verifies commit signatures
                             (default: git's gpg.ssh.allowedSignersFile, see docs/approvals.md)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 could not run.
"list" (the document master list) and "coverage" are reports: findings do not change
their exit code (0 when written, 2 when they could not be made).
"approvals" is a report too: approvals without evidence do not change its exit code; the
approval-unverified rule (approvals: {evidence: required}) makes them errors of the lint.`;

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
  'dry-run': { type: 'boolean' },
  base: { type: 'string' },
  baseline: { type: 'string' },
  prune: { type: 'boolean' },
  reviews: { type: 'string', multiple: true },
  'allowed-signers': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** What a value looks like, for the message when an option is given without one. */
const EXAMPLES: Record<string, string> = {
  config: '--config .qmslint.yaml',
  standard: '--standard iso9001:2015',
  format: '--format json',
  output: '--output report.sarif',
  today: '--today 2026-11-26',
  'max-file-size': '--max-file-size 5',
  jobs: '--jobs 4',
  'cache-location': '--cache-location .cache/qmslint',
  shard: '--shard 1/4',
  'max-warnings': '--max-warnings 0',
  'stdin-filename': '--stdin-filename docs/sop.md',
  base: '--base origin/main',
  baseline: '--baseline .qmslint-baseline.json',
  reviews: '--reviews reviews.json',
  'allowed-signers': '--allowed-signers .github/allowed_signers',
};

export function parseCliArgs(argv: string[]): Args {
  // Not strict: parseArgs's own errors speak of its internals; checkOptions says what to type instead.
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, strict: false, tokens: true });
  if (values.help === true) return { command: 'help' };
  if (values.version === true) return { command: 'version' };
  checkOptions(tokens);
  // After checkOptions every value has the type its option declares.
  const v = values as { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
  const [first, ...rest] = positionals;
  // An empty ref (an unset CI variable, `--base "$BASE"`) would otherwise quietly turn change control off.
  if (v.base !== undefined && !v.base.trim()) throw new UsageError('--base needs a git ref, e.g. --base origin/main, and it was empty; check the variable that gives it');

  if (first === 'standards') {
    const action = rest[0] ?? 'list';
    if (action !== 'list' && action !== 'show') throw new UsageError(`unknown action "standards ${action}"; use "standards" or "standards show <id>"`);
    if (action === 'show' && !rest[1]) throw new UsageError('"standards show" needs a standard id, e.g. qmslint standards show iso13485:2016');
    return { command: 'standards', action, id: rest[1], format: checkFormat(v.format ?? 'text', ['text', 'json']) };
  }
  // The validation evidence (docs/validation.md): it runs the suite shipped with qmslint, not the repository's files.
  if (first === 'validate') {
    if (rest.length) throw new UsageError(`"validate" runs the conformance suite shipped with qmslint and takes no paths, not "${rest[0]}"`);
    return { command: 'validate', format: checkFormat(v.format ?? 'markdown', VALIDATE_FORMATS), ...(v.output !== undefined ? { output: v.output } : {}), ...(v.config !== undefined ? { config: v.config } : {}) };
  }

  if (v.today !== undefined) checkDate(v.today);
  const jobs = v.jobs === undefined ? undefined : cappedJobs(atLeastOne(v.jobs, '--jobs'));
  const fileArgs = (patterns: string[], formats: string[], defaultFormat: string): FileArgs => ({
    patterns: patterns.length ? patterns : ['.'],
    config: v.config,
    standard: v.standard,
    today: v.today,
    maxFileSize: v['max-file-size'] === undefined ? undefined : positive(v['max-file-size'], '--max-file-size', 'megabytes') * 1024 * 1024,
    jobs: jobs?.jobs,
    cache: Boolean(v.cache) || v['cache-location'] !== undefined,
    cacheLocation: v['cache-location'],
    shard: v.shard === undefined ? undefined : shard(v.shard),
    output: v.output,
    format: checkFormat(v.format ?? defaultFormat, formats),
    notes: jobs?.note ? [jobs.note] : [],
  });

  // The baseline (commands/baseline.ts, docs/baseline.md). An empty name is an unset CI variable: the gate would fail on every legacy finding.
  if (v.baseline !== undefined && !v.baseline.trim()) throw new UsageError('--baseline needs a file, e.g. --baseline .qmslint-baseline.json, and it was empty; check the variable that gives it');
  if (v.prune && first !== 'baseline') throw new UsageError('--prune goes with the baseline command: qmslint baseline --prune');
  if (v.baseline !== undefined && ['coverage', 'list', 'approvals', 'review'].includes(first)) throw new UsageError(`--baseline goes with qmslint and qmslint baseline, not with "${first}"`);
  // The QMSR migration (commands/migrate.ts): its own dry run, and none of lint's input, writing or gate options.
  if (v['dry-run'] && first !== 'migrate') throw new UsageError('--dry-run goes with "migrate": qmslint migrate qmsr --dry-run (to see what --fix would change, use --fix-dry-run)');
  if (first === 'migrate') {
    const [migration, ...paths] = rest;
    if (migration !== 'qmsr') throw new UsageError(migration === undefined ? '"migrate" needs a migration: qmslint migrate qmsr' : `unknown migration "${migration}"; the one there is: qmslint migrate qmsr`);
    const other = v.stdin ? '--stdin' : v.fix ? '--fix' : v['fix-dry-run'] ? '--fix-dry-run' : v.shard ? '--shard' : v.base ? '--base' : v.baseline !== undefined ? '--baseline' : v['max-warnings'] !== undefined ? '--max-warnings' : undefined;
    if (other) throw new UsageError(`"migrate qmsr" rewrites the files on disk (or prints the diff with --dry-run); ${other} does not go with it`);
    // Without --dry-run nothing is printed but notes: an -o would be quietly ignored.
    if (v.output !== undefined && !v['dry-run']) throw new UsageError('-o writes the diff of --dry-run: qmslint migrate qmsr --dry-run -o FILE');
    return { command: 'migrate', migration: 'qmsr', dryRun: Boolean(v['dry-run']), ...fileArgs(paths, ['diff'], 'diff') };
  }
  if (first === 'coverage') return { command: 'coverage', ...fileArgs(rest, COVERAGE_FORMATS, 'markdown') };
  if (first === 'list') {
    // The list is made from the index of every file, which --shard does not split: one part would list everything.
    if (v.shard !== undefined) throw new UsageError('"list" lists every document of the run, and --shard does not split it; run it once, without --shard');
    return { command: 'list', ...fileArgs(rest, LIST_FORMATS, 'markdown') };
  }
  // The approval evidence's inputs, for approvals and lint (an empty name is an unset CI variable).
  const evidence = (): EvidenceArgs => {
    const reviews = (values.reviews as string[] | undefined) ?? [];
    if (reviews.some((r) => !r.trim())) throw new UsageError('--reviews needs a file, e.g. --reviews reviews.json, and it was empty; check the variable that gives it');
    if (v['allowed-signers'] !== undefined && !v['allowed-signers'].trim()) throw new UsageError('--allowed-signers needs a file, and it was empty; check the variable that gives it');
    return { reviews, ...(v['allowed-signers'] !== undefined ? { allowedSigners: v['allowed-signers'] } : {}) };
  };
  if (first === 'baseline') {
    const other = v.stdin ? '--stdin' : v.fix ? '--fix' : v['fix-dry-run'] ? '--fix-dry-run' : v.shard ? '--shard' : v.base ? '--base' : undefined;
    if (other) throw new UsageError(`"baseline" records the findings of the files as they are on disk; ${other} does not go with it`);
    if (v.format !== undefined) throw new UsageError('"baseline" writes its own JSON file (docs/baseline.md); --format does not go with it');
    // The evidence options too: a run that proves approvals from git records what that run finds.
    return { command: 'baseline', ...fileArgs(rest, ['json'], 'json'), prune: Boolean(v.prune), ...(v.baseline !== undefined ? { baseline: v.baseline } : {}), ...evidence() };
  }
  if (first === 'approvals' && (v.stdin || v.base)) throw new UsageError(`"approvals" reads the documents and their history from git; ${v.stdin ? '--stdin' : '--base'} does not go with it`);
  if (first === 'approvals') return { command: 'approvals', ...fileArgs(rest, APPROVALS_FORMATS, 'markdown'), ...evidence() };
  if (first === 'review') {
    if (!v.base) throw new UsageError('"review" needs --base <git-ref>, e.g. qmslint review --base origin/main');
    return { command: 'review', base: v.base, ...fileArgs(rest, ['markdown'], 'markdown') };
  }

  if (v.fix && v['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (v['stdin-filename'] !== undefined && !v.stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (v.stdin && positionals.length) throw new UsageError('--stdin lints standard input; give no paths with it');
  if (v.stdin && v.fix) throw new UsageError('--fix cannot write standard input; use --fix-dry-run to see the fixes');
  if (v.stdin && v.shard) throw new UsageError('--shard splits the files of a run; --stdin lints one text, so give one or the other');
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
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    ...evidence(),
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

/**
 * More threads than cores only cost memory and start-up (each thread has its own heap), and a
 * huge --jobs would start thousands of them; so one per core at most, saying so.
 */
function cappedJobs(asked: number): { jobs: number; note?: string } {
  const cores = Math.max(1, availableParallelism());
  return asked <= cores ? { jobs: asked } : { jobs: cores, note: `--jobs ${asked} is more than the ${cores} cores here; using ${cores}` };
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

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** Unknown options, options without their value, and values given to switches, each in our own words. */
function checkOptions(tokens: Token[]): void {
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const option = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[t.name];
    if (!option) {
      const hint = t.rawName.startsWith('--') ? suggestOption(t.name) : undefined;
      throw new UsageError(`unknown option ${t.rawName}${hint ? ` (did you mean --${hint}?)` : ''}`);
    }
    if (option.type === 'boolean' && t.value !== undefined) {
      throw new UsageError(`${t.rawName} takes no value; write ${t.rawName} alone, not ${t.rawName}=${t.value}`);
    }
    // A value that is itself an option (`--format --quiet`) means the real value was forgotten.
    const missing = t.value === undefined || (!t.inlineValue && /^-[A-Za-z-]/.test(t.value));
    if (option.type === 'string' && missing) {
      throw new UsageError(`${t.rawName} needs a value, e.g. ${EXAMPLES[t.name]}`);
    }
  }
}

/** The known option a mistyped one most likely meant: close in spelling, or the start or the whole of a longer name. */
function suggestOption(name: string): string | undefined {
  const known = Object.keys(OPTIONS);
  const best = closest(name, known);
  if (distance(name, best) <= 2) return best;
  if (name.length < 3) return undefined;
  return known.find((k) => k.startsWith(name) || name.startsWith(k + '-'));
}

/** A real calendar date in the form YYYY-MM-DD: 2026-02-31 has the shape but not the day. */
function checkDate(s: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new UsageError(`--today must be a date like 2026-11-26, not "${s}"`);
  if (isIsoDate(s)) return;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) throw new UsageError(`--today ${s} is not a date: there is no month ${m[2]}`);
  if (m[3] === '00') throw new UsageError(`--today ${s} is not a date: there is no day 00`);
  throw new UsageError(`--today ${s} is not a date: ${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days`);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
