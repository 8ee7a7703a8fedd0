// The conformance suite (conformance/ in the package, described in its README.md) as data: each
// case's input workspace, base versions, approval evidence and expectation, read from a map of
// the suite's files (relative POSIX path to text) that the CLI reads from disk. Everything here is
// checked, since a malformed expectation must stop the run (exit 2), never pass or fail a rule.
import { createHash } from 'node:crypto';
import type { DocumentHistory } from '../approvals/facts';
import { LineIndex } from '../text';
import type { Severity } from '../types';

/** The date the review checks of a case use when its expectation names none. */
export const DEFAULT_CASE_TODAY = '2026-11-26';

export interface ExpectedFinding {
  rule: string;
  /** Relative to the case's input/ folder. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** A stable part of the message (a substring). */
  message: string;
}

export interface CaseExpectation {
  description: string;
  /** The rules this case covers. */
  rules: string[];
  today: string;
  findings: ExpectedFinding[];
  /** Input file -> file of the case folder with its expected text after the fixes. */
  fixed: Record<string, string>;
  /** The expectation holds whatever the covered rules' options: run with the user's. */
  userOptions: boolean;
  /** What the case does not exercise, said in the report. */
  limits?: string;
}

export interface ConformanceCase {
  name: string;
  /** input/: relative path -> text. */
  input: Record<string, string>;
  /** base/: relative path -> text; undefined when the case has no base (change rules off). */
  base?: Record<string, string>;
  /** evidence.json: input path -> what git says of its approvals; undefined when absent. */
  evidence?: Record<string, DocumentHistory>;
  expected: CaseExpectation;
  /** The expected fixed texts, by the input file they are for. */
  fixedTexts: Record<string, string>;
}

export interface Suite {
  cases: ConformanceCase[];
  /** sha256 over every file of the suite (sorted path and sha256 of each): the suite's identity in the report. */
  sha256: string;
  files: number;
}

/** A suite that cannot be run as written: the message names the file and, when known, the line. */
export class SuiteError extends Error {}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The suite from its files; `where` is how the suite folder is named in messages. */
export function readSuite(files: ReadonlyMap<string, string>, where: string): Suite {
  const names = new Set<string>();
  for (const rel of files.keys()) if (rel.includes('/')) names.add(rel.slice(0, rel.indexOf('/')));
  const cases = [...names].sort().map((name) => readCase(name, files, where));
  if (!cases.length) throw new SuiteError(`${where}: no conformance case found (a case is a folder with an expected.json); reinstall qmslint`);
  return { cases, sha256: suiteDigest(files), files: files.size };
}

function readCase(name: string, files: ReadonlyMap<string, string>, where: string): ConformanceCase {
  const under = (dir: string): Record<string, string> | undefined => {
    const prefix = `${name}/${dir}/`;
    const out: Record<string, string> = {};
    let any = false;
    for (const [rel, text] of files) if (rel.startsWith(prefix)) ((out[rel.slice(prefix.length)] = text), (any = true));
    return any ? out : undefined;
  };
  const expectedFile = `${name}/expected.json`;
  const text = files.get(expectedFile);
  if (text === undefined) throw new SuiteError(`${where}/${name}: no expected.json; every case folder needs one (see ${where}/README.md)`);
  const expected = parseExpectation(text, `${where}/${expectedFile}`);
  const input = under('input');
  if (!input) throw new SuiteError(`${where}/${name}: no input/ folder; put the case's documents there (see ${where}/README.md)`);
  const fixedTexts: Record<string, string> = {};
  for (const [doc, file] of Object.entries(expected.fixed)) {
    if (input[doc] === undefined) throw new SuiteError(`${where}/${expectedFile}: fixed: "${doc}" is not a file of input/`);
    const fixedText = files.get(`${name}/${file}`);
    if (fixedText === undefined || file.split('/').includes('..')) throw new SuiteError(`${where}/${expectedFile}: fixed: "${file}" is not a file of the case folder`);
    fixedTexts[doc] = fixedText;
  }
  for (const f of expected.findings) {
    if (input[f.file] === undefined) throw new SuiteError(`${where}/${expectedFile}: findings: "${f.file}" is not a file of input/`);
  }
  const evidenceText = files.get(`${name}/evidence.json`);
  return {
    name,
    input,
    base: under('base'),
    evidence: evidenceText === undefined ? undefined : parseEvidence(evidenceText, `${where}/${name}/evidence.json`),
    expected,
    fixedTexts,
  };
}

/** JSON, or a SuiteError naming the file, line and column of the syntax error. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const pos = at ? new LineIndex(text).position(Number(at[1])) : undefined;
    const where = pos ? `:${pos.line}:${pos.column}` : '';
    throw new SuiteError(`${file}${where}: not valid JSON (${(e as Error).message}); fix the file or reinstall qmslint`);
  }
}

export function parseExpectation(text: string, file: string): CaseExpectation {
  const data = parseJson(text, file);
  const bad = (key: string, what: string): never => {
    throw new SuiteError(`${file}: ${key}: ${what}`);
  };
  if (!isObject(data)) return bad('(top level)', 'must be an object');
  const known = ['description', 'rules', 'today', 'findings', 'fixed', 'userOptions', 'limits'];
  for (const key of Object.keys(data)) if (!known.includes(key)) bad(key, `unknown key; the keys are ${known.join(', ')}`);
  const { description, rules, today, findings, fixed, userOptions, limits } = data;
  if (typeof description !== 'string' || !description.trim()) bad('description', 'must say in one sentence what the case shows');
  if (!Array.isArray(rules) || !rules.length || !rules.every((r) => typeof r === 'string')) bad('rules', 'must be a list of at least one rule id');
  if (today !== undefined && (typeof today !== 'string' || !ISO_DATE.test(today))) bad('today', 'must be a date like 2026-11-26');
  if (!Array.isArray(findings)) bad('findings', 'must be a list (empty when the case expects none)');
  if (fixed !== undefined && (!isObject(fixed) || !Object.values(fixed).every((v) => typeof v === 'string'))) bad('fixed', 'must map input files to files of the case folder');
  if (userOptions !== undefined && typeof userOptions !== 'boolean') bad('userOptions', 'must be true or false');
  if (limits !== undefined && typeof limits !== 'string') bad('limits', 'must be a sentence');
  return {
    description: description as string,
    rules: rules as string[],
    today: (today as string | undefined) ?? DEFAULT_CASE_TODAY,
    findings: (findings as unknown[]).map((f, i) => expectedFinding(f, (what) => bad(`findings[${i}]`, what))),
    fixed: (fixed as Record<string, string> | undefined) ?? {},
    userOptions: userOptions === true,
    ...(limits !== undefined ? { limits: limits as string } : {}),
  };
}

function expectedFinding(f: unknown, bad: (what: string) => never): ExpectedFinding {
  if (!isObject(f)) return bad('must be an object with rule, file, line, column, severity and message');
  const { rule, file, line, column, severity, message } = f;
  if (typeof rule !== 'string') bad('rule must be a rule id');
  if (typeof file !== 'string') bad('file must be a path relative to input/');
  if (!Number.isInteger(line) || (line as number) < 1) bad('line must be a whole number of 1 or more');
  if (!Number.isInteger(column) || (column as number) < 1) bad('column must be a whole number of 1 or more');
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) bad(`severity must be one of ${SEVERITIES.join(', ')}`);
  if (typeof message !== 'string' || !message) bad('message must be a stable part of the message');
  return { rule, file, line, column, severity, message } as ExpectedFinding;
}

function parseEvidence(text: string, file: string): Record<string, DocumentHistory> {
  const data = parseJson(text, file);
  if (!isObject(data)) throw new SuiteError(`${file}: must map input files to what git says of their approvals`);
  for (const [doc, history] of Object.entries(data)) {
    const lists = ['touched', 'others', 'unknownCommits', 'reviews'];
    if (!isObject(history) || !lists.every((k) => Array.isArray(history[k]))) {
      throw new SuiteError(`${file}: ${doc}: must have the lists ${lists.join(', ')} (server/src/core/approvals/facts.ts)`);
    }
  }
  return data as unknown as Record<string, DocumentHistory>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One digest for the whole suite: any changed, added or removed file changes it. */
function suiteDigest(files: ReadonlyMap<string, string>): string {
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const lines = [...files.keys()].sort().map((rel) => `${sha(files.get(rel)!)}  ${rel}\n`);
  return sha(lines.join(''));
}
