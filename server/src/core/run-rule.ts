// A rule that throws costs one finding on the file it was checking, never the run. The project's
// checks and the document analyser both run document rules through this.
import { positioned } from './findings';
import { LineIndex } from './text';
import type { Finding } from './types';

/** Runs a rule's check, whose findings go into `findings`; a failure adds one. */
export function runRuleInto(ruleId: string, path: string, text: string, findings: Finding[], run: () => void): void {
  try {
    run();
  } catch (e) {
    findings.push(
      positioned(path, text, new LineIndex(text), {
        ruleId,
        severity: 'error',
        message: `Rule ${ruleId} failed on this file: ${(e as Error).message}. Please report this as a qmslint bug.`,
        range: { start: 0, end: 0 },
        failure: 'document',
      }),
    );
  }
}
