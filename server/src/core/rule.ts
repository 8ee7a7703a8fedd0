// The rule model: a rule is metadata plus one check function, made with
// defineRule({meta, check}). Document rules see one document (and the workspace
// index, read-only); workspace rules see every document at once. The metadata
// drives the docs pages' headers, the README rule table, the editor's rule
// setting, the configuration schema and the SARIF descriptors
// (scripts/rule-docs.mjs writes them; test/unit/rule-docs.test.ts checks them).
import type { DocumentHistory } from './approvals/facts';
import type { Config } from './config';
import type { ControlledDocument } from './document';
import type { WorkspaceIndex } from './index-workspace';
import type { Catalog } from './standards/catalog';
import type { DocumentControlProfile, DocumentTypeProfile, StandardPack } from './standards/types';
import type { Report, RuleMeta, RuleScope } from './types';

export interface DocumentContext {
  doc: ControlledDocument;
  config: Config;
  catalog: Catalog;
  /** The standard this document is checked against (its own `standard:` or the config's). */
  standard?: StandardPack;
  /** The standard's document-control profile with the config's type overrides applied. */
  profile?: DocumentControlProfile;
  /** The profile of this document's type, when the type is known. */
  typeProfile?: DocumentTypeProfile;
  index: WorkspaceIndex;
  /** ISO date the review checks use. */
  today: string;
  options: Record<string, unknown>;
  /** "ISO 13485:2016 4.2.4 c)": a clause of the document's standard, for messages. */
  cite(clause: string | undefined): string;
  /**
   * For a rule that declares `needs.evidence`: what git says of this document's approvals; null when
   * the run has git facts but none for it, undefined when the run has none (the editor, --stdin).
   */
  evidence?: DocumentHistory | null;
}

export interface WorkspaceContext {
  index: WorkspaceIndex;
  catalog: Catalog;
  /** The configuration at the root of the lint. */
  config: Config;
  today: string;
  options: Record<string, unknown>;
}

export interface DocumentRule extends RuleMeta {
  scope: 'document';
  check(ctx: DocumentContext, report: (r: Report) => void): void;
}

export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  /** Reports go to a file: a document, or the config file for workspace-wide gaps. */
  check(ctx: WorkspaceContext, report: (path: string, r: Report) => void): void;
}

/** A document's version at the base ref, for change control; null when the document is new. */
export interface ChangeContext extends DocumentContext {
  base: ControlledDocument | null;
}

/** Runs only with a base (`--base`), for documents that differ from it. */
export interface ChangeRule extends RuleMeta {
  scope: 'change';
  check(ctx: ChangeContext, report: (r: Report) => void): void;
}

export type Rule = DocumentRule | WorkspaceRule | ChangeRule;

type CheckOf<S extends RuleScope> = Extract<Rule, { scope: S }>['check'];

/**
 * A rule from its metadata and its check. The result is the flat object every consumer reads
 * ({...meta, check}); the scope in meta picks the check's context type.
 */
export function defineRule<S extends RuleScope>(rule: { meta: RuleMeta & { scope: S }; check: CheckOf<S> }): Extract<Rule, { scope: S }> {
  return { ...rule.meta, check: rule.check } as Extract<Rule, { scope: S }>;
}

/**
 * A report as the engine takes it from `rule`: a fix from a rule not marked fixable is the rule's
 * bug, so it throws, and the runner that called the check turns that into a rule failure (a
 * typed finding), never a fix applied in silence (ESLint's discipline).
 */
export function checkedReport<R extends Report>(rule: RuleMeta, r: R): R {
  if (r.fix && !rule.fixable) throw new Error('it returned a fix without being marked fixable');
  return r;
}
