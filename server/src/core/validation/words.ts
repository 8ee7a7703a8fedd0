// The words every format of the validation report shares, so they cannot say different things.
import type { RuleRow, ValidationReport } from './report';

export const TITLE = 'qmslint validation report';

/** What the report is and what it is not, said once at its top. */
export const PURPOSE =
  'Evidence for the validation of qmslint as software used in the quality management system (ISO 13485:2016 4.1.6): ' +
  'the conformance suite shipped with this version, run on this computer, under the built-in defaults and under the configuration in force. ' +
  'It shows that the installed tool gives the expected findings and fixes on the suite\'s cases; it does not validate your intended use, your documents or your own requirements (docs/validation.md).';

export function verdictWords(r: ValidationReport): string {
  const pass = r.rules.filter((x) => x.defaults === 'pass' && x.yours !== 'fail').length;
  const cases = r.cases.filter((c) => c.defaults.status !== 'fail' && c.yours?.status !== 'fail').length;
  return `${r.verdict === 'pass' ? 'PASS' : 'FAIL'}: ${pass} of ${r.rules.length} rules pass, ${cases} of ${r.cases.length} cases pass`;
}

export function bundleWords(f: { path: string; sha256: string | null }): string {
  return f.sha256 === null ? `${f.path} (not present)` : `${f.path}, sha256 ${f.sha256}`;
}

export function configurationWords(r: ValidationReport): string {
  return r.configuration ? `${r.configuration.path}, sha256 ${r.configuration.sha256}` : 'none: the built-in defaults are in force';
}

export function yoursWords(row: RuleRow): string {
  if (row.yours === null) return 'no configuration';
  return row.yours === 'off' ? 'off in your configuration' : row.yours;
}

export const SIGNATURE_NOTE = 'To be completed by the people who review and approve this validation record, as your procedures for records and signatures require (meaning: what the signature attests, e.g. reviewed, approved).';
