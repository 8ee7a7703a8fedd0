// Findings the engine makes itself, not any rule: about a file it did not
// analyse, or a suppression comment that names no rule. They have no severity
// setting and no docs page of their own (docs/rules/README.md describes them),
// and a comment cannot suppress them.
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
  },
  {
    id: 'file-binary',
    description: 'A binary file, or a path that is not a regular file (a link to a device, FIFO or socket), is skipped: it is not Markdown text.',
    rationale: [],
    severity: 'info',
    scope: 'document',
    fixable: false,
  },
  {
    id: 'file-too-complex',
    description: 'A file the Markdown parser would take minutes over (block quotes or lists nested more than 100 levels deep, or a paragraph with thousands of emphasis and link marks), or cannot take, is not analysed.',
    rationale: [],
    severity: 'warning',
    scope: 'document',
    fixable: false,
  },
  {
    id: UNKNOWN_RULE_NOTICE,
    description: 'A qmslint-disable or qmslint-enable comment names a rule that does not exist, so it has no effect for that name.',
    rationale: [],
    severity: 'warning',
    scope: 'document',
    fixable: false,
  },
];
