// Whether a case's run gave what its expectation says: under the built-in defaults every finding
// on its files must be expected (an extra one of any rule fails it), every fixed text must be the
// expected one, byte for byte, and every other file must come out of the fixes as it went in;
// under the user's configuration only the covered rules are compared, at the severities the user
// set, and a rule the user turned off is not run at all.
import { pushAll } from '../arrays';
import type { Config } from '../config';
import { visible } from '../visible';
import type { CaseFinding, CaseOutcome } from './run-case';
import type { ConformanceCase } from './suite';

export type CaseStatus = 'pass' | 'fail' | 'off' | 'not applicable';

export interface CaseVerdict {
  status: CaseStatus;
  /** Why it failed, one line each; or why it was not run. */
  problems: string[];
}

/** The user's rules as `rules:` wrote them, resolved: id -> setting and options. */
export type UserRules = Config['rules'];

export function defaultsVerdict(c: ConformanceCase, outcome: CaseOutcome): CaseVerdict {
  const problems = [...compareFindings(c.expected.findings, outcome.findings), ...compareFixed(c, outcome)];
  return { status: problems.length ? 'fail' : 'pass', problems };
}

/** Which of the case's rules the user's configuration lets run, or why the case is not run under it. */
export function userPlan(c: ConformanceCase, rules: UserRules): { active: string[] } | CaseVerdict {
  const off = c.expected.rules.filter((r) => rules[r]?.setting === 'off');
  const active = c.expected.rules.filter((r) => !off.includes(r));
  if (!active.length) return { status: 'off', problems: [`off in your configuration: ${off.join(', ')}`] };
  const optioned = active.filter((r) => Object.keys(rules[r]?.options ?? {}).length > 0);
  if (optioned.length && !c.expected.userOptions) {
    return { status: 'not applicable', problems: [`your configuration sets options for ${optioned.join(', ')}, and this case's expectation holds for the default options only`] };
  }
  return { active };
}

export function userVerdict(c: ConformanceCase, outcome: CaseOutcome, rules: UserRules, active: string[]): CaseVerdict {
  const expected = c.expected.findings
    .filter((f) => active.includes(f.rule))
    .map((f) => {
      const setting = rules[f.rule]?.setting;
      return setting && setting !== 'off' ? { ...f, severity: setting } : f;
    });
  const actual = outcome.findings.filter((f) => active.includes(f.rule));
  const problems = compareFindings(expected, actual);
  // A fixed text is the work of every covered rule: with one of them off it no longer holds.
  if (active.length === c.expected.rules.length) pushAll(problems, compareFixed(c, outcome));
  return { status: problems.length ? 'fail' : 'pass', problems };
}

function compareFindings(expected: CaseFinding[], actual: CaseFinding[]): string[] {
  const left = [...actual];
  const problems: string[] = [];
  for (const e of expected) {
    const i = left.findIndex((a) => a.rule === e.rule && a.file === e.file && a.line === e.line && a.column === e.column && a.severity === e.severity && a.message.includes(e.message));
    if (i >= 0) left.splice(i, 1);
    else problems.push(`expected ${describe(e)} "${visible(e.message)}", ${nearest(e, left)}`);
  }
  for (const a of left) problems.push(`unexpected ${describe(a)} "${visible(a.message)}"`);
  return problems;
}

function describe(f: CaseFinding): string {
  return `${f.severity} ${f.rule} at ${visible(f.file)}:${f.line}:${f.column}`;
}

/** What the run gave instead: the same rule's findings in that file, when there are any. */
function nearest(e: CaseFinding, actual: CaseFinding[]): string {
  const same = actual.filter((a) => a.rule === e.rule && a.file === e.file);
  if (!same.length) return 'and the run gave none of that rule in that file';
  return `and the run gave ${same.map((a) => `${a.severity} at ${a.line}:${a.column} "${visible(a.message)}"`).join('; ')}`;
}

function compareFixed(c: ConformanceCase, outcome: CaseOutcome): string[] {
  const problems: string[] = [];
  // A fix where the case expects none (a placeholder written into a document in force) fails it too.
  for (const [file, text] of Object.entries(c.input)) {
    if (c.fixedTexts[file] === undefined && outcome.fixed[file] !== text) problems.push(`the fixes changed ${visible(file)}, which the case expects unchanged (it names no expected fixed text for it)`);
  }
  for (const [file, want] of Object.entries(c.fixedTexts)) {
    const got = outcome.fixed[file];
    if (got === want) continue;
    const a = want.split('\n');
    const b = got.split('\n');
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    const show = (s: string | undefined) => (s === undefined ? 'the end of the text' : `"${visible(s.length > 120 ? s.slice(0, 120) + '...' : s)}"`);
    problems.push(`the fixed text of ${visible(file)} differs from ${visible(c.expected.fixed[file])} at line ${line + 1}: expected ${show(a[line])}, the fixes gave ${show(b[line])}`);
  }
  return problems;
}
