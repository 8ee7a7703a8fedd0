// Findings the engine makes itself, not any rule's check: about a file it did
// not analyse, or a suppression comment that names no rule. They are registered
// with metadata like every rule (a docs page each, a row in the rule tables, a
// SARIF descriptor, all written from this metadata), but have no check: the
// engine reports them (read-document.ts: readDocument and skipReason for the
// file notices; check.ts: finish for suppression-unknown-rule; unparsable.ts for
// a file the parser cannot take). They are not in `rules`, so they have no severity
// setting (config-names.ts says so) and a comment cannot suppress them.
import type { RuleMeta } from './types';

export const UNKNOWN_RULE_NOTICE = 'suppression-unknown-rule';

export const NOTICES: RuleMeta[] = [
  {
    id: 'file-too-large',
    description: 'A file above the size limit (5 MB by default; maxFileSize in .qmslint.yaml, --max-file-size) is not analysed.',
    rationale: [],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
    notice: true,
  },
  {
    id: 'file-binary',
    description: 'A binary file (a NUL byte near its start), a path that is not a regular file, or a file the system will not open is not analysed.',
    rationale: [],
    severity: 'info',
    scope: 'document',
    fixable: false,
    needs: {},
    notice: true,
  },
  {
    id: 'file-too-complex',
    description: 'A file the Markdown parser would take minutes over (block quotes or lists nested more than 100 levels deep, or a paragraph with thousands of emphasis and link marks), or cannot take, is not analysed.',
    rationale: [],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
    notice: true,
  },
  {
    id: 'baseline-stale',
    description: 'An entry of the baseline (qmslint --baseline, baseline: in .qmslint.yaml) whose finding no longer occurs; qmslint baseline --prune removes it.',
    rationale: [],
    severity: 'info',
    scope: 'workspace',
    fixable: false,
    needs: {},
    notice: true,
  },
  {
    id: UNKNOWN_RULE_NOTICE,
    description: 'A name in a qmslint-disable or qmslint-enable comment that is no rule (a slip, or a notice) suppresses nothing; it is reported where it is written.',
    rationale: [],
    severity: 'warning',
    scope: 'document',
    fixable: false,
    needs: {},
    notice: true,
  },
];
