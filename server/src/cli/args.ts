// Command-line arguments. Usage errors throw UsageError (exit code 2).
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface LintArgs {
  command: 'lint';
  patterns: string[];
  config?: string;
  standard?: string;
  format: string;
  today?: string;
  maxFileSize?: number;
}

export interface StandardsArgs {
  command: 'standards';
  action: 'list' | 'show';
  id?: string;
  format: string;
}

export type Args = LintArgs | StandardsArgs | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage: qmslint [options] [paths or globs...]
       qmslint standards [--format json]
       qmslint standards show <standard> [--format json]

Lints controlled QMS documents (Markdown with YAML front matter).

Options:
  -c, --config FILE        use this config instead of the nearest .qmslint.yaml
  -s, --standard ID        check against this standard (e.g. iso13485:2016, iso9001:2015, 21cfr820)
  -f, --format NAME        stylish (default) or json (ESLint-compatible)
      --today YYYY-MM-DD   the date review checks use (default: today)
      --max-file-size MB   files larger than this are not analysed (default: 5)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 errors found, 2 could not run.`;

export function parseCliArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        standard: { type: 'string', short: 's' },
        format: { type: 'string', short: 'f' },
        today: { type: 'string' },
        'max-file-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  if (positionals[0] === 'standards') {
    const action = positionals[1] ?? 'list';
    if (action !== 'list' && action !== 'show') throw new UsageError(`unknown action "standards ${action}"; use "standards" or "standards show <id>"`);
    if (action === 'show' && !positionals[2]) throw new UsageError('"standards show" needs a standard id, e.g. qmslint standards show iso13485:2016');
    return { command: 'standards', action, id: positionals[2], format: checkFormat(values.format ?? 'text', ['text', 'json']) };
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new UsageError(`--today must be a date like 2026-11-26, not "${values.today}"`);
  }
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    const mb = Number(values['max-file-size']);
    if (!(mb > 0)) throw new UsageError(`--max-file-size must be a positive number of megabytes, not "${values['max-file-size']}"`);
    maxFileSize = mb * 1024 * 1024;
  }
  return {
    command: 'lint',
    patterns: positionals.length ? positionals : ['.'],
    config: values.config,
    standard: values.standard,
    format: checkFormat(values.format ?? 'stylish', ['stylish', 'json']),
    today: values.today,
    maxFileSize,
  };
}

function checkFormat(format: string, allowed: string[]): string {
  if (!allowed.includes(format)) throw new UsageError(`unknown format "${format}"; use one of: ${allowed.join(', ')}`);
  return format;
}
