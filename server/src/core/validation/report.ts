// The validation report (`qmslint validate`): what was run (tool, bundles, runtime, configuration,
// suite) and what the conformance suite gave, per case and per rule of the catalog. Pure data, from
// what the CLI read; the formats (markdown, html, json) only print it.
import type { RuleSetting, Severity } from '../types';
import { rules as catalog } from '../rules';
import type { ConfigOverrides } from '../config';
import { runCase } from './run-case';
import type { Suite } from './suite';
import { defaultsVerdict, userPlan, userVerdict, type CaseVerdict, type UserRules } from './verdict';

export interface FileDigest {
  path: string;
  /** null: the file is not present. */
  sha256: string | null;
}

export interface ValidationInputs {
  version: string;
  /** ISO 8601 date and time the kit ran. */
  generated: string;
  cli: FileDigest;
  server: FileDigest;
  runtime: { node: string; platform: string; release: string; arch: string };
  /** The user's configuration in force; undefined when there is none (the built-in defaults). */
  configuration?: { path: string; sha256: string; rules: UserRules };
  suite: { path: string; value: Suite };
}

export type RuleStatus = 'pass' | 'fail' | 'not covered';
export type UserRuleStatus = 'pass' | 'fail' | 'off' | 'not applicable';

export interface RuleRow {
  id: string;
  scope: string;
  fixable: boolean;
  defaultSeverity: Severity;
  /** The severity under the user's configuration (the default when there is none). */
  inForce: RuleSetting;
  cases: string[];
  /** The cases that check its fix's text. */
  fixCases: string[];
  defaults: RuleStatus;
  /** null when there is no configuration of the user's. */
  yours: UserRuleStatus | null;
  problems: string[];
}

export interface CaseRow {
  name: string;
  description: string;
  rules: string[];
  limits?: string;
  defaults: CaseVerdict;
  /** null when there is no configuration of the user's. */
  yours: CaseVerdict | null;
}

export interface ValidationReport extends Omit<ValidationInputs, 'suite' | 'configuration'> {
  configuration: { path: string; sha256: string; rules: { id: string; setting: RuleSetting; options: Record<string, unknown> }[] } | null;
  suite: { path: string; sha256: string; files: number; cases: number };
  rules: RuleRow[];
  cases: CaseRow[];
  verdict: 'pass' | 'fail';
  /** Reviewer and approver: left empty for the company to fill in. */
  signatures: { role: string; name: string; signature: string; date: string; meaning: string }[];
}

export async function buildValidationReport(inputs: ValidationInputs): Promise<ValidationReport> {
  const user = inputs.configuration;
  const overrides: ConfigOverrides | undefined = user && { rules: Object.fromEntries(Object.entries(user.rules).map(([id, r]) => [id, [r.setting, r.options]])) };
  const cases: CaseRow[] = [];
  for (const c of inputs.suite.value.cases) {
    const defaults = defaultsVerdict(c, await runCase(c));
    // A misspelt id would cover nothing and pass: it fails the case instead.
    const unknown = c.expected.rules.filter((id) => !catalog.some((r) => r.id === id));
    if (unknown.length) ((defaults.status = 'fail'), defaults.problems.unshift(`rules names what is no rule of this qmslint: ${unknown.join(', ')}`));
    let yours: CaseVerdict | null = null;
    if (user) {
      const plan = userPlan(c, user.rules);
      yours = 'active' in plan ? userVerdict(c, await runCase(c, overrides), user.rules, plan.active) : plan;
    }
    cases.push({ name: c.name, description: c.expected.description, rules: c.expected.rules, ...(c.expected.limits ? { limits: c.expected.limits } : {}), defaults, yours });
  }
  const rows = catalog.map((rule): RuleRow => {
    const mine = cases.filter((c) => c.rules.includes(rule.id));
    const fixCases = inputs.suite.value.cases.filter((c) => c.expected.rules.includes(rule.id) && Object.keys(c.fixedTexts).length).map((c) => c.name);
    const problems: string[] = [];
    if (!mine.length) problems.push('no conformance case covers this rule');
    else if (rule.fixable && !fixCases.length) problems.push('no conformance case checks the text its fix leaves');
    const failed = mine.filter((c) => c.defaults.status === 'fail');
    for (const c of failed) problems.push(`case ${c.name} fails under the built-in defaults`);
    const setting = user?.rules[rule.id]?.setting;
    let yours: UserRuleStatus | null = null;
    if (user) {
      const statuses = mine.map((c) => c.yours!.status);
      for (const c of mine.filter((x) => x.yours!.status === 'fail')) problems.push(`case ${c.name} fails under your configuration`);
      yours = setting === 'off' ? 'off' : statuses.includes('fail') ? 'fail' : statuses.includes('pass') ? 'pass' : 'not applicable';
    }
    return {
      id: rule.id,
      scope: rule.scope,
      fixable: rule.fixable,
      defaultSeverity: rule.severity,
      inForce: setting ?? rule.severity,
      cases: mine.map((c) => c.name),
      fixCases,
      defaults: failed.length ? 'fail' : problems.length ? 'not covered' : 'pass',
      yours,
      problems,
    };
  });
  const failed = rows.some((r) => r.defaults !== 'pass' || r.yours === 'fail') || cases.some((c) => c.defaults.status === 'fail' || c.yours?.status === 'fail');
  const { suite, configuration, ...rest } = inputs;
  return {
    ...rest,
    configuration: configuration
      ? { path: configuration.path, sha256: configuration.sha256, rules: Object.entries(configuration.rules).map(([id, r]) => ({ id, setting: r.setting, options: r.options })) }
      : null,
    suite: { path: suite.path, sha256: suite.value.sha256, files: suite.value.files, cases: suite.value.cases.length },
    rules: rows,
    cases,
    verdict: failed ? 'fail' : 'pass',
    signatures: ['Reviewer', 'Approver'].map((role) => ({ role, name: '', signature: '', date: '', meaning: '' })),
  };
}
