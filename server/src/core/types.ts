// The engine's vocabulary: findings, fixes and rules. Nothing here knows about
// editors, terminals or processes.
import type { OffsetRange } from './text';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';
export type RuleScope = 'document' | 'workspace' | 'change';

/** Replace text[start, end) with `text`. Offsets address the original file text (BOM included). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** Short imperative label for a quick fix, e.g. "Set revision to C". */
  title: string;
  edits: TextEdit[];
}

/** What a rule reports. Ranges are offsets into the document text without BOM. */
export interface Report {
  /**
   * What is wrong, for the Problems panel: one plain-text sentence under 100 characters that
   * names the clause it rests on (test/message-form.ts holds every rule to it).
   */
  message: string;
  /** Why it matters and how to fix it, plain text: the editor shows it on hover, the CLI after the message. */
  detail?: string;
  range: OffsetRange;
  fix?: Fix;
  /**
   * Edits that may be what the author meant but could change what the text means (a clause
   * number "did you mean", another edition): offered one by one in an editor, never applied
   * by `--fix`.
   */
  suggestions?: Fix[];
  /** The clause that makes an auditor care, when more specific than the rule's rationale. */
  rationale?: string;
  /**
   * Lower than the rule's severity for a finding the rule is less sure of (a clause number
   * read from context rather than written with its standard). Never raises the severity: a
   * rule set to `warning` reports warnings only.
   */
  severity?: Severity;
  /** Set only by the engine, on the finding that says a rule threw (see RuleFailure). */
  failure?: RuleFailure;
}

/**
 * A finding that reports a rule's failure rather than a problem in the text: `document`, a rule
 * threw on this file (runRuleInto); `workspace`, a workspace rule threw on the whole index, and
 * every document gets this finding. Doors read it, never the message, to tell such findings apart.
 */
export type RuleFailure = 'document' | 'workspace';

/** A report after severity, suppressions and positions are resolved. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Why and how to fix (Report.detail). */
  detail?: string;
  /** Path as given by the workspace (relative to the lint root where possible). */
  path: string;
  /** Offsets into the original file text (BOM included). */
  range: OffsetRange;
  /** 1-based, UTF-16 columns; end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  suggestions?: Fix[];
  rationale?: string;
  /** Set when the finding reports that a rule threw, not a problem in the text. */
  failure?: RuleFailure;
}

export interface RuleMeta {
  /** Stable kebab-case id, never renamed or reused. */
  id: string;
  description: string;
  /** Clauses that motivate the rule, e.g. ["ISO 13485:2016 4.2.4 c)"]. */
  rationale: string[];
  severity: Severity;
  scope: RuleScope;
  /** Whether the rule may return a `fix`; the engine turns a fix from any other rule into a rule failure. */
  fixable: boolean;
  /** What the rule reads besides the document, its configuration and the standards. */
  needs: RuleNeeds;
  /** JSON schema of the rule's options (`rules: {<id>: [severity, options]}`); absent when it reads none. */
  options?: Record<string, unknown>;
  /**
   * Reported by the engine itself, never by a check (file-too-large and the like): such a rule has
   * no severity setting and a comment cannot suppress it.
   */
  notice?: true;
}

/** What a rule reads beyond its own document (declared; test/unit/rule-needs.test.ts holds it to the truth). */
export interface RuleNeeds {
  /** The workspace index (other documents, link targets). */
  index?: boolean;
  /** Today's date. */
  today?: boolean;
  /** The document's version at the git base (change rules). */
  base?: boolean;
  /** What git says of the document's approvals (approval-unverified; given by the CLI, never by the editor). */
  evidence?: boolean;
}
