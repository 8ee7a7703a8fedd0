// `qmslint review --base <ref> [paths]`: a pull request's change to the
// controlled documents, as Markdown for a PR comment. Lints the working tree
// against the base (change rules included), lints the base versions with the
// same configuration, and reports per document what changed, which clauses
// gain or lose coverage, who must be trained, and the findings that block the
// merge. The base is the merge base of the ref and HEAD (../git.ts); documents
// moved without `git mv` are followed by their id (../moves.ts).
import { maxOf, pushAll } from '../../core/arrays';
import { inForce } from '../../core/config';
import { clauseLabel } from '../../core/standards/label';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { approvalKey, approvalsCarried } from '../../core/changes';
import { computeCoverage, counts, type ClauseCoverage, type CoverageMatrix } from '../../core/coverage';
import { fieldText, type ControlledDocument } from '../../core/document';
import { fullMessage } from '../../core/findings';
import type { FileResult, LintResult } from '../../core/project';
import { rules } from '../../core/rules';
import type { Finding } from '../../core/types';
import { MemoryWorkspace, toPosix, type FileStat, type Workspace } from '../../core/workspace';
import { isMarkdownPath } from '../../host/discover';
import { DiskWorkspace } from '../../host/disk-workspace';
import type { ReviewArgs } from '../args';
import { GitBase, gitFailure, type GitChange } from '../git';
import { DocumentIds, type AmbiguousMove } from '../moves';
import { trainingNeeds, type TrainingNeed } from './review-training';
import type { CliIo } from '../io';
import { lintFiles } from '../lint-files';
import { writeReport } from '../output';
import { plural } from '../../core/words';
import { md } from '../../core/coverage-report/markdown';
import { visible } from '../../core/visible';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MAX_COVERAGE_LINES = 15;
// A PR comment stays readable (and under GitHub's size limit); the full list is one lint away.
const MAX_FINDING_LINES = 50;

/** One changed document, before and after. */
interface DocChange {
  change: GitChange;
  head?: FileResult;
  base?: ControlledDocument;
}

export async function runReview(args: ReviewArgs, io: CliIo): Promise<number> {
  let git: GitBase;
  let changes: GitChange[];
  let baseList: string[];
  let versions;
  let ids: DocumentIds;
  try {
    ids = await DocumentIds.create(io.cwd, args.config);
    git = await GitBase.open(io.cwd, args.base, { ids });
    [changes, versions, baseList] = await Promise.all([git.changes(), git.versions(), git.files()]);
  } catch (e) {
    return gitFailure(e, io);
  }
  if (git.note) io.stderr.write(`qmslint: ${git.note}\n`);

  const head = await lintFiles(args, io.cwd, { base: versions });
  const linted = new Set(head.result.files.map((f) => f.path));

  // The base as the same lint would have seen it: every Markdown file under the
  // same paths at the base commit, plus where renamed documents came from.
  const inScope = underPatterns(baseList, args.patterns, io.cwd, git.root);
  for (const c of changes) if (c.basePath && linted.has(c.path)) inScope.add(c.basePath);
  let texts: Map<string, string>;
  try {
    texts = await git.read([...inScope].sort());
  } catch (e) {
    return gitFailure(e, io);
  }
  const base = await lintFiles(args, io.cwd, {
    workspace: new BaseWorkspace(texts, new Set(baseList)),
    files: [...texts.keys()].sort(),
    root: head.root,
  });
  const baseByPath = new Map(base.result.files.map((f) => [f.path, f]));
  const headByPath = new Map(head.result.files.map((f) => [f.path, f]));

  const docs: DocChange[] = [];
  let others = 0;
  for (const change of changes) {
    const h = change.kind === 'deleted' ? undefined : headByPath.get(change.path);
    const b = change.basePath ? baseByPath.get(change.basePath) : undefined;
    if (!h && !b) continue; // outside the linted paths, or ignored
    if (!h?.document?.controlled && !b?.document?.controlled) {
      others++;
      continue;
    }
    docs.push({ change, head: h, base: b?.document });
  }
  docs.sort((a, b) => (a.change.path < b.change.path ? -1 : a.change.path > b.change.path ? 1 : 0));

  const changedPaths = new Set(changes.filter((c) => c.kind !== 'deleted').map((c) => c.path));
  const blocking = blockingFindings(head.result, base.result, changedPaths);
  const changeRules = new Set(rules.filter((r) => r.scope === 'change').map((r) => r.id));
  const changeWarnings = head.result.files
    .filter((f) => changedPaths.has(f.path))
    .flatMap((f) => f.findings)
    .filter((f) => f.severity !== 'error' && changeRules.has(f.ruleId));

  const standard = head.result.config.standard;
  const controlled = (r: LintResult) => r.index.documents.some((d) => d.controlled);
  const coverage =
    controlled(head.result) || controlled(base.result)
      ? coverageChanges(
          computeCoverage(base.result.index, base.result.catalog, standard),
          computeCoverage(head.result.index, head.result.catalog, standard),
          docs,
          (p) => toPosix(path.relative(io.cwd, p)) || '.',
        )
      : [];

  const rel = (p: string) => toPosix(path.relative(io.cwd, p)) || '.';
  const training = await trainingNeeds(
    docs.map((d) => ({ base: d.base, head: d.change.kind === 'deleted' ? undefined : d.head?.document })),
    (file) => ids.config(file),
  );
  const unfollowed = ambiguousMoves(git.ambiguousMoves, headByPath, baseByPath);
  const out: string[] = [`## qmslint change control against ${code(args.base)}`, ''];
  pushAll(out, comparedWith(git));
  if (!docs.length) {
    out.push(`No controlled documents changed${others ? ` (${plural(others, 'other Markdown file')} changed)` : ''}.`, '');
  } else {
    out.push(summaryLine(docs, others, blocking.length), '');
    out.push('| Document | Change | Revision | Status | Approvals | Findings |', '|---|---|---|---|---|---|');
    for (const d of docs) out.push(row(d, rel));
    out.push('');
  }
  if (coverage.length) {
    out.push('### Coverage', '');
    const shown = coverage.slice(0, MAX_COVERAGE_LINES);
    for (const line of shown) out.push(`- ${line}`);
    if (coverage.length > shown.length) out.push(`- and ${coverage.length - shown.length} more (run \`qmslint coverage\`)`);
    out.push('');
  }
  if (unfollowed.length) {
    out.push('### Moves not followed', '');
    for (const m of unfollowed) out.push(`- ${ambiguousLine(m, rel)}`);
    out.push('');
  }
  if (training.length) {
    out.push(`### Training impact (${training.length})`, '');
    out.push('| Document | Revision | Why | Roles to train |', '|---|---|---|---|');
    for (const t of training) out.push(trainingRow(t, rel));
    out.push('');
  }
  if (blocking.length) {
    out.push(`### Blocking findings (${blocking.length})`, '');
    for (const f of blocking.slice(0, MAX_FINDING_LINES)) out.push(`- ${code(`${rel(f.path)}:${f.line}`)} ${f.ruleId}: ${message(fullMessage(f))}`);
    if (blocking.length > MAX_FINDING_LINES) out.push(`- and ${blocking.length - MAX_FINDING_LINES} more (run \`qmslint --base ${args.base}\`)`);
    out.push('');
  }
  if (changeWarnings.length) {
    out.push(`### Change-control warnings (${changeWarnings.length})`, '');
    for (const f of changeWarnings) out.push(`- ${code(`${rel(f.path)}:${f.line}`)} ${f.ruleId}: ${message(fullMessage(f))}`);
    out.push('');
  }
  writeReport(out.join('\n'), args.output, io, linted);
  return blocking.length ? 1 : 0;
}

/**
 * Errors that block the merge: every error in a changed document, and errors
 * elsewhere that the base did not have (a deleted document leaves references
 * to it unresolved). Errors that were already there in untouched documents
 * are not this change's to fix.
 */
function blockingFindings(head: LintResult, base: LintResult, changed: Set<string>): Finding[] {
  const key = (f: Finding) => `${f.path}\0${f.ruleId}\0${f.message}`;
  const before = new Set(base.files.flatMap((f) => f.findings).map(key));
  return head.files
    .flatMap((file) => file.findings.filter((f) => f.severity === 'error' && (changed.has(file.path) || !before.has(key(f)))))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

function summaryLine(docs: DocChange[], others: number, blocking: number): string {
  const kind = (d: DocChange) => (d.change.byId ? 'moved' : d.change.kind);
  const kinds = (['added', 'modified', 'renamed', 'moved', 'deleted'] as const)
    .map((k) => [k, docs.filter((d) => kind(d) === k).length] as const)
    .filter(([, n]) => n)
    .map(([k, n]) => `${n} ${k}`);
  const rest = others ? `; ${plural(others, 'other Markdown file')} changed` : '';
  const block = blocking ? `**${plural(blocking, 'blocking finding')}**` : 'no blocking findings';
  return `${plural(docs.length, 'controlled document')} changed (${kinds.join(', ')}${rest}): ${block}.`;
}

function row(d: DocChange, rel: (p: string) => string): string {
  const doc = d.head?.document ?? d.base;
  const id = (doc && fieldText(doc, 'id')) ?? (d.base && fieldText(d.base, 'id'));
  const title = (doc && (fieldText(doc, 'title') ?? doc.h1?.text)) ?? '';
  // A move git did not see is named as one, so nobody reads it as a new document and a deletion.
  const where =
    d.change.kind === 'renamed' && !d.change.byId ? `${code(rel(d.change.basePath!), true)} → ${code(rel(d.change.path), true)}` : code(rel(d.change.path), true);
  const kind = d.change.byId ? `moved from ${code(rel(d.change.basePath!), true)}` : d.change.kind;
  const name = [id ? `**${cell(id)}**` : '', cell(title)].filter(Boolean).join(' ');
  const headDoc = d.change.kind === 'deleted' ? undefined : d.head?.document;
  return `| ${name ? `${name}<br>${where}` : where} | ${kind} | ${fromTo(d.base, headDoc, 'revision')} | ${fromTo(d.base, headDoc, 'status')} | ${approvals(d.base, headDoc)} | ${findingCounts(d)} |`;
}

function fromTo(base: ControlledDocument | undefined, head: ControlledDocument | undefined, field: string): string {
  const a = base ? (fieldText(base, field) ?? '?') : '—';
  const b = head ? (fieldText(head, field) ?? '?') : '—';
  return cell(a === b ? a : `${a} → ${b}`);
}

function approvals(base: ControlledDocument | undefined, head: ControlledDocument | undefined): string {
  if (!head) return '—';
  const n = head.approvals.length;
  if (!n) return 'none';
  if (!base) return String(n);
  if (approvalsCarried(base, head)) return `${n}, carried over`;
  const before = new Set(base.approvals.map(approvalKey));
  const fresh = head.approvals.filter((a) => !before.has(approvalKey(a))).length;
  return fresh === n ? `${n}, new` : `${n}, ${fresh} new`;
}

function findingCounts(d: DocChange): string {
  if (!d.head || d.change.kind === 'deleted') return '—';
  const errors = d.head.findings.filter((f) => f.severity === 'error').length;
  const warnings = d.head.findings.filter((f) => f.severity === 'warning').length;
  if (!errors && !warnings) return 'none';
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

// ---- the comparison, moves and training ---------------------------------------------

/** A line under the title when the comparison is not simply with the ref's commit. */
function comparedWith(git: GitBase): string[] {
  const ref = code(git.ref);
  if (git.fallback === 'shallow') {
    return [
      `> **Note:** this shallow clone lacks the merge base of ${ref} and HEAD, so the change is compared with ${ref} itself: what ${ref} gained since this branch left it shows as undone here. Check out the full history (actions/checkout with \`fetch-depth: 0\`).`,
      '',
    ];
  }
  if (git.fallback === 'unrelated') return [`> **Note:** ${ref} and HEAD share no history, so the change is compared with ${ref} itself.`, ''];
  if (git.commit === git.refCommit) return [];
  return [`Compared with the merge base of ${ref} and HEAD (${code(git.commit.slice(0, 12))}): what ${ref} gained since this branch left it is not part of this change.`, ''];
}

/** The ids not followed as moves that concern a document the review looked at. */
function ambiguousMoves(all: AmbiguousMove[], head: Map<string, FileResult>, base: Map<string, FileResult>): AmbiguousMove[] {
  return all.filter((m) => m.gone.some((p) => base.get(p)?.document?.controlled) || m.arrived.some((p) => head.get(p)?.document?.controlled));
}

function ambiguousLine(m: AmbiguousMove, rel: (p: string) => string): string {
  const files = (paths: string[]) => list(paths.map((p) => code(rel(p))));
  return (
    `**${cell(m.id)}** left ${files(m.gone)} and arrived at ${files(m.arrived)}: the id does not say which file moved where, ` +
    'so each is shown as deleted or new. Give each document its own id, or move it with `git mv`.'
  );
}

function trainingRow(t: TrainingNeed, rel: (p: string) => string): string {
  const id = fieldText(t.doc, 'id');
  const title = fieldText(t.doc, 'title') ?? t.doc.h1?.text ?? '';
  const name = [id ? `**${cell(id)}**` : '', cell(title)].filter(Boolean).join(' ');
  const where = code(rel(t.doc.path), true);
  const roles = t.roles.length ? t.roles.map(cell).join(', ') : '**no training roles named**';
  return `| ${name ? `${name}<br>${where}` : where} | ${cell(fieldText(t.doc, 'revision') ?? '?')} | ${t.reason} | ${roles} |`;
}

// ---- coverage ------------------------------------------------------------------

// A clause cited only by uncontrolled documents is no more covered than one cited by none; one
// whose subclauses alone are cited by approved documents is more than drafts make it, less than covered.
const RANK = { 'not-covered': 0, uncontrolled: 0, 'draft-only': 1, partial: 2, covered: 3 } as const;

/**
 * Covering documents that make a clause's state: the in-force ones citing it (or a parent that
 * counts) when it is covered, those citing its subclauses when it is partly covered, the
 * controlled ones when drafts only cite it, none when only uncontrolled files do. Citations that
 * do not count (a crosswalk, 7.5 for 7.5.7) make nothing.
 */
function contributors(c: ClauseCoverage): Map<string, { id: string; direct: boolean }> {
  const own = c.documents.filter((d) => d.controlled && counts(d));
  const inForceOwn = own.filter((d) => inForce(d.status));
  const docs =
    c.state === 'covered' ? inForceOwn.filter((d) => d.via !== 'subclause') : c.state === 'partial' ? inForceOwn.filter((d) => d.via === 'subclause') : own;
  return new Map(docs.map((d) => [d.path, { id: d.id ?? path.posix.basename(d.path), direct: d.via === 'direct' }]));
}

/** "; only uncontrolled documents cite it (notes.md)": what still cites a clause that lost its coverage. */
function uncontrolledNote(c: ClauseCoverage, rel: (p: string) => string): string {
  if (c.state !== 'uncontrolled') return '';
  const files = c.documents.map((d) => code(rel(d.path)));
  const named = files.length > 3 ? [...files.slice(0, 2), `${files.length - 2} more`] : files;
  return `; only uncontrolled documents (no id) cite it: ${list(named)}`;
}

/**
 * One sentence per clause whose coverage state the change moves, naming the
 * documents that move it. Clauses reached only through a parent or subclause
 * are left out unless the standard requires a procedure for them.
 */
function coverageChanges(before: CoverageMatrix | undefined, after: CoverageMatrix | undefined, docs: DocChange[], rel: (p: string) => string): string[] {
  if (!before || !after) return [];
  const beforeById = new Map(before.clauses.map((c) => [c.clause.id, c]));
  const changeByPath = new Map<string, DocChange>();
  for (const d of docs) {
    changeByPath.set(d.change.path, d);
    if (d.change.basePath) changeByPath.set(d.change.basePath, d);
  }
  const lost: string[] = [];
  const gained: string[] = [];
  for (const now of after.clauses) {
    const was = beforeById.get(now.clause.id);
    if (!was || RANK[was.state] === RANK[now.state]) continue;
    const name = md(`${clauseLabel(now.incorporated?.title ?? after.title, now.clause.id)} ${now.clause.title}`);
    const [a, b] = [contributors(was), contributors(now)];
    if (RANK[now.state] > RANK[was.state]) {
      const movers = [...b].filter(([p]) => !a.has(p) && !a.has(changeByPath.get(p)?.change.basePath ?? ''));
      if (!now.required && !movers.some(([, m]) => m.direct)) continue;
      const who = movers.map(([, m]) => md(m.id));
      const how = now.state === 'covered' ? 'covers' : now.state === 'partial' ? 'partly covers' : 'covers, as a draft only,';
      const only = now.state === 'partial' ? ' (cites only subclauses of it)' : '';
      const is = now.state === 'covered' ? 'covered' : now.state === 'partial' ? 'partly covered (only subclauses cited)' : 'covered by drafts only';
      gained.push(who.length ? `${list(who)} now ${who.length > 1 ? how.replace('covers', 'cover') : how} ${name}${only}` : `${name} is now ${is}`);
    } else {
      const movers = [...a].filter(([p]) => !b.has(p) && !b.has(changeByPath.get(p)?.change.path ?? ''));
      if (!now.required && !movers.some(([, m]) => m.direct)) continue;
      const leaves =
        now.state === 'not-covered' || now.state === 'uncontrolled'
          ? now.required
            ? 'without a procedure'
            : 'uncovered'
          : now.state === 'partial'
            ? 'only partly covered (only subclauses cited)'
            : now.required
              ? 'without an approved procedure'
              : 'covered by drafts only';
      const causes = movers.map(([p, m]) => cause(md(m.id), changeByPath.get(p)));
      const still = uncontrolledNote(now, rel);
      lost.push(causes.length ? `${capitalise(list(causes))} leave${causes.length > 1 ? '' : 's'} ${name} ${leaves}${still}` : `${name} is now ${leaves}${still}`);
    }
  }
  return [...lost, ...gained];
}

function cause(id: string, d: DocChange | undefined): string {
  if (!d) return `the change to ${id}`;
  if (d.change.kind === 'deleted') return `removing ${id}`;
  const status = d.head?.document && fieldText(d.head.document, 'status');
  if (status === 'obsolete') return `making ${id} obsolete`;
  if (status && !inForce(status)) return `${id} as ${code(status)}`;
  return `the change to ${id}`;
}

// ---- the base as a workspace ------------------------------------------------------

/**
 * The base commit at the working tree's paths: Markdown from the base (read
 * from git), everything else (configuration, standard packs, images) from
 * the disk, so both versions are linted with the same configuration.
 */
class BaseWorkspace implements Workspace {
  private readonly memory: MemoryWorkspace;
  private readonly disk = new DiskWorkspace();

  constructor(
    texts: Map<string, string>,
    /** Every Markdown file the base commit has, read or not: for link checks. */
    private readonly existing: Set<string>,
  ) {
    this.memory = new MemoryWorkspace(Object.fromEntries(texts));
  }

  async list(dir: string): Promise<string[]> {
    const out = new Set((await this.disk.list(dir)).filter((p) => !isMarkdownPath(p)));
    for (const p of await this.memory.list(dir)) out.add(p);
    return [...out];
  }

  read(file: string): Promise<string | undefined> {
    return isMarkdownPath(file) ? this.memory.read(file) : this.disk.read(file);
  }

  readHead(file: string, bytes: number): Promise<string | undefined> {
    return isMarkdownPath(file) ? this.memory.readHead(file, bytes) : this.disk.readHead(file, bytes);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    if (!isMarkdownPath(file)) return this.disk.stat(file);
    const found = await this.memory.stat(file);
    if (found || !this.existing.has(file)) return found;
    return { isFile: true, isDirectory: false, size: 0 };
  }
}

/** The files the lint's paths and globs name, among the base's Markdown files. */
function underPatterns(files: string[], patterns: string[], cwd: string, root: string): Set<string> {
  const tests = patterns.map((p): ((f: string) => boolean) => {
    const abs = toPosix(path.resolve(cwd, p));
    if (picomatch.scan(p).isGlob) return picomatch(abs, { dot: false });
    const dir = abs.endsWith('/') ? abs : abs + '/';
    return (f) => f === abs || f.startsWith(dir);
  });
  return new Set(
    files.filter((f) => {
      const parts = path.posix.relative(root, f).split('/');
      return !parts.some((s) => SKIPPED_DIRS.has(s)) && tests.some((t) => t(f));
    }),
  );
}

// ---- text -------------------------------------------------------------------------

// Names, ids, titles and statuses come from the repository (or a pull request to it): each is
// shown as text, so none can open an HTML comment that hides the rows and findings after it,
// break a table row, or start a line with a workflow command. md() and visible() say how.

/** A table cell's text: escaped Markdown, on one line. */
function cell(s: string): string {
  return md(s);
}

/**
 * A file name or status as a code span: controls shown (visible), fenced with more backticks
 * than the text holds in a row, so a backtick in a name cannot end the span early; in a table
 * a `|` is escaped, which GFM undoes inside the span.
 */
function code(s: string, inTable = false): string {
  let text = visible(s);
  if (inTable) text = text.replace(/\|/g, '\\|');
  const longest = maxOf((text.match(/`+/g) ?? []).map((run) => run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A finding's message: our wording keeps its code spans, the values quoted in it are shown
 * (visible), and `<` becomes an entity, so a quoted value cannot start HTML even if a backtick
 * in it ends a code span early.
 */
function message(s: string): string {
  return oneLine(visible(s)).replace(/</g, '&lt;');
}

function oneLine(s: string): string {
  // Runs of white space as a whole: /\s*\n\s*/ is quadratic on a long run without a line break.
  return s.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
