// qmslint migrate qmsr [paths] [--dry-run]: the QMSR's exact fixes, and no other rule's, to every
// file of the run, written as --fix writes them (atomically, refusing a file that changed
// meanwhile) or, with --dry-run, printed as one unified diff on stdout. What is left for a person
// (a paragraph, a section with several successors) is listed on stderr, so stdout stays a diff
// that `git apply` takes. docs/qmsr-migration.md says what is and is not changed, and why.
import * as path from 'node:path';
import { resolvedCitations } from '../../core/resolve';
import { beforeQmsr, isSupersededFinding, QMSR_EFFECTIVE, underQsr } from '../../core/rules/shared/qmsr';
import type { LintResult } from '../../core/project';
import { toPosix } from '../../core/workspace';
import { plural } from '../../core/words';
import type { LintArgs, MigrateArgs } from '../args';
import { fixFiles } from '../fix';
import type { CliIo } from '../io';

export async function runMigrate(args: MigrateArgs, io: CliIo): Promise<number> {
  if (beforeQmsr(args.today)) {
    io.stderr.write(`qmslint: --today ${args.today} is before ${QMSR_EFFECTIVE}, when the QMSR took effect: the QSR's sections were still the requirement, so nothing is migrated.\n`);
    return 0;
  }
  const lint: LintArgs = {
    ...args,
    command: 'lint',
    format: 'stylish',
    quiet: false,
    stdin: false,
    fix: !args.dryRun,
    fixDryRun: args.dryRun,
    reviews: [],
  };
  const run = await fixFiles(lint, io, {}, isSupersededFinding);
  const rel = (file: string) => path.posix.relative(toPosix(io.cwd), file) || path.posix.basename(file);
  const left = leftForAPerson(run.result, rel);
  if (left.length) {
    io.stderr.write(`qmslint: ${plural(left.length, 'citation')} of a superseded QSR section ${left.length === 1 ? 'needs' : 'need'} a person to choose the successor (lines of the migrated text):\n`);
    for (const l of left) io.stderr.write(`  ${l}\n`);
  }
  const kept = historical(run.result).map(rel);
  if (kept.length) {
    io.stderr.write(`qmslint: left as written, because they are obsolete or took effect before ${QMSR_EFFECTIVE} (under the QSR): ${kept.join(', ')}\n`);
  }
  return run.incomplete ? 2 : 0;
}

/** "docs/sop.md:12:5 820.30(c): ISO 13485:2016 7.3" for each superseded citation no fix changed. */
function leftForAPerson(result: LintResult, rel: (file: string) => string): string[] {
  const out: string[] = [];
  for (const file of result.files) {
    for (const f of file.findings) {
      if (!isSupersededFinding(f)) continue;
      const written = file.text.slice(f.range.start, f.range.end);
      const candidates = f.suggestions?.length ? f.suggestions.map((s) => s.edits.map((e) => e.text).join('')).join(' | ') : f.message.replace(/^[^:]*:\s*(?:see |cite )?/, '').replace(/\.$/, '');
      out.push(`${rel(file.path)}:${f.line}:${f.column} 21 CFR ${written}: ${candidates}`);
    }
  }
  return out;
}

/** The files the migration leaves alone although they cite a superseded section: QSR-era documents. */
function historical(result: LintResult): string[] {
  return result.files
    .filter((f) => f.document && underQsr(f.document) && resolvedCitations(f.document, result.catalog, result.config.standard).some((r) => r.superseded))
    .map((f) => f.path)
    .sort();
}
