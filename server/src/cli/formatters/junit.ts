// JUnit XML, the test report GitLab, Jenkins and Azure DevOps show: a test
// suite per file, a test case per finding (errors and warnings fail, info
// passes), and one passing case for a file without findings.
import type { FileResult } from '../../core/project';
import type { Finding } from '../../core/types';
import { fullMessage } from '../../core/findings';
import { relativePath } from './relative';

export function formatJunit(results: FileResult[], cwd: string): string {
  const failing = (f: Finding) => f.severity !== 'info';
  const total = { tests: 0, failures: 0 };
  const suites: string[] = [];
  for (const file of results) {
    const rel = relativePath(file.path, cwd);
    const cases = file.findings.map((f) => {
      const name = `${f.line}:${f.column} ${f.ruleId}`;
      const open = `    <testcase classname="${attr(f.ruleId)}" name="${attr(name)}" file="${attr(rel)}"`;
      const detail = `${rel}:${f.line}:${f.column}: ${fullMessage(f)} (${f.ruleId})`;
      if (!failing(f)) return `${open}>\n      <system-out>${text(detail)}</system-out>\n    </testcase>`;
      return `${open}>\n      <failure message="${attr(f.message)}" type="${f.severity}">${text(detail)}</failure>\n    </testcase>`;
    });
    if (!cases.length) cases.push(`    <testcase classname="qmslint" name="no problems" file="${attr(rel)}"/>`);
    const failures = file.findings.filter(failing).length;
    total.tests += cases.length;
    total.failures += failures;
    suites.push(`  <testsuite name="${attr(rel)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qmslint" tests="${total.tests}" failures="${total.failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * Characters XML 1.0 forbids anywhere, even escaped: C0 controls other than
 * tab and line breaks, U+FFFE/U+FFFF, and unpaired surrogates.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escaped for element content. */
export function text(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Escaped for an attribute value; line breaks and tabs as references, or parsers turn them into spaces. */
export function attr(s: string): string {
  return text(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
