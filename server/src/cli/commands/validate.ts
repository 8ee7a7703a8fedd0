// `qmslint validate`: runs the conformance suite shipped with this qmslint (conformance/) under the
// built-in defaults and under the configuration in force, and writes the validation evidence
// (core/validation): what ran (this bundle's and the server bundle's sha256, Node, the OS, the
// configuration and its sha256), the rule catalog, and pass or fail per case and per rule, with an
// empty signature block. Exit 1 when a case fails or a rule has no case, 0 when all pass, 2 when
// it cannot run (docs/validation.md).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import * as path from 'node:path';
import { CatalogCache } from '../../core/catalog-cache';
import { ConfigResolver, parseConfig, readConfigText, type Config } from '../../core/config';
import { checkConfigNames } from '../../core/config-names';
import { validationFormatters } from '../../core/validation';
import { buildValidationReport, type FileDigest } from '../../core/validation/report';
import { readSuite, SuiteError } from '../../core/validation/suite';
import { verdictWords } from '../../core/validation/words';
import { toPosix } from '../../core/workspace';
import { DiskWorkspace } from '../../host/disk-workspace';
import { readRegularFile } from '../../host/read-file';
import type { ValidateArgs } from '../args';
import { readSuiteFiles, suiteFolder } from '../conformance-suite';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { writeReport } from '../output';
import { version } from '../../../../package.json';

export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const format = validationFormatters[args.format];
  // This very file once bundled: out/cli.js, the program that is being validated.
  const bundle = __filename;
  const dir = suiteFolder(bundle);
  let suite;
  try {
    suite = readSuite(await readSuiteFiles(dir), toPosix(dir));
  } catch (e) {
    if (e instanceof SuiteError) throw new CliError(e.message);
    throw e;
  }
  const config = await configurationInForce(args, io.cwd);
  const report = await buildValidationReport({
    version,
    generated: new Date().toISOString(),
    cli: await digest(bundle),
    server: await digest(path.join(path.dirname(bundle), 'server.js')),
    runtime: { node: process.version, platform: platform(), release: release(), arch: arch() },
    ...(config ? { configuration: { path: path.relative(io.cwd, config.file!) || config.file!, sha256: config.sha256, rules: config.rules } } : {}),
    suite: { path: dir, value: suite },
  });
  writeReport(format(report), args.output, io);
  io.stderr.write(`qmslint: validation ${verdictWords(report)}\n`);
  return report.verdict === 'pass' ? 0 : 1;
}

/** The configuration the user's runs would use here: --config, else the nearest .qmslint.yaml; undefined for none. */
async function configurationInForce(args: ValidateArgs, cwd: string): Promise<(Config & { sha256: string }) | undefined> {
  const workspace = new DiskWorkspace();
  let config: Config;
  if (args.config) {
    const file = toPosix(path.resolve(cwd, args.config));
    const text = await readConfigText(workspace, file);
    if (text === undefined) throw new CliError(`config file not found: ${args.config}`);
    config = parseConfig(text, file);
  } else {
    config = await new ConfigResolver(workspace, toPosix(cwd)).forDir(toPosix(cwd));
    if (!config.file) return undefined;
  }
  // A configuration the lint would refuse (an unknown rule or standard) is refused here too.
  checkConfigNames(config, await new CatalogCache(workspace).forConfig(config));
  const bytes = await readRegularFile(config.file!);
  return { ...config, sha256: createHash('sha256').update(bytes!).digest('hex') };
}

async function digest(file: string): Promise<FileDigest> {
  if (!existsSync(file)) return { path: file, sha256: null };
  const bytes = await readRegularFile(file);
  return { path: file, sha256: bytes ? createHash('sha256').update(bytes).digest('hex') : null };
}
