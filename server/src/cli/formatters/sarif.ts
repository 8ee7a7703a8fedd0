// SARIF 2.1.0, the format GitHub code scanning (and most static-analysis
// viewers) take: one run, every rule described, each finding with its rule,
// level, region, a fingerprint that survives edits above it, and its fix.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../../core/project';
import { NOTICES } from '../../core/notices';
import { ruleById } from '../../core/rules';
import type { Finding, RuleMeta, Severity } from '../../core/types';
import { fullMessage } from '../../core/findings';
import type { FormatContext } from './context';
import { isOutside, relativePath } from './relative';

/** Where each rule's documentation page lives: `${RULE_DOCS_URL}<id>.md`. */
export const RULE_DOCS_URL = 'https://github.com/qmslint/qmslint/blob/main/docs/rules/';
const INFORMATION_URI = 'https://github.com/qmslint/qmslint';
const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Bump when what the fingerprint hashes changes: every alert would get a new identity. */
const FINGERPRINT = 'qmslint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

// The engine's own findings are described beside the rules: every result needs a descriptor.
export { NOTICES };

export function formatSarif(results: FileResult[], ctx: FormatContext): string {
  const descriptors = [...ctx.rules, ...NOTICES];
  const index = new Map(descriptors.map((r, i) => [r.id, i]));
  // A finding from a rule this build does not describe still needs a descriptor.
  for (const f of results.flatMap((r) => r.findings)) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, descriptors.length);
    descriptors.push({ id: f.ruleId, description: f.ruleId, rationale: [], severity: f.severity, scope: 'document', fixable: false, needs: {} });
  }

  const workspaceRules = new Set(ctx.rules.filter((r) => r.scope === 'workspace').map((r) => r.id));
  const sarifResults = results.flatMap((file) => {
    const location = artifactLocation(file.path, ctx.cwd);
    const fingerprints = fingerprintsOf(file, relativePath(file.path, ctx.cwd), workspaceRules);
    const bom = file.text.startsWith('\uFEFF') ? 1 : 0;
    return file.findings.map((f, i) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      // SARIF has one text per result, which viewers show whole: the message, then its detail.
      message: { text: fullMessage(f) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: location,
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT]: fingerprints[i] },
      // Only the fix: consumers may apply SARIF fixes unasked, and a suggestion could change what the text means.
      ...(f.fix
        ? {
            fixes: [
              {
                description: { text: f.fix.title },
                artifactChanges: [
                  {
                    artifactLocation: location,
                    // Offsets count UTF-16 code units of the text after its byte order mark, as columns do.
                    replacements: f.fix.edits.map((e) => ({
                      deletedRegion: { charOffset: Math.max(0, e.start - bom), charLength: e.end - e.start },
                      insertedContent: { text: e.text },
                    })),
                  },
                ],
              },
            ],
          }
        : {}),
    }));
  });

  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qmslint',
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: INFORMATION_URI,
            rules: descriptors.map(descriptor),
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(ctx.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A rule's descriptor, from its meta (as the docs pages' headers are: scripts/rule-docs.mjs). */
function descriptor(rule: RuleMeta) {
  const notice = rule.notice === true;
  // Every rule and notice has its page; a rule this build does not know (no meta of its own) gets the list.
  const known = notice || ruleById(rule.id) !== undefined;
  const helpUri = known ? `${RULE_DOCS_URL}${rule.id}.md` : `${RULE_DOCS_URL}README.md`;
  const why = rule.rationale.length ? ` Motivated by ${rule.rationale.join('; ')}.` : '';
  return {
    id: rule.id,
    // A friendly name, as SARIF viewers expect: revision-mismatch is RevisionMismatch.
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description + why },
    helpUri,
    help: { text: `${rule.description}${why} See ${helpUri}`, markdown: `${rule.description}${why}\n\n[Documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['qms', `scope:${rule.scope}`, ...(rule.fixable ? ['fixable'] : []), ...(notice ? ['notice'] : [])],
      rationale: rule.rationale,
    },
  };
}

/** Relative to %SRCROOT% (the working folder) when inside it; an absolute file URI otherwise. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relativePath(file, cwd);
  if (isOutside(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(path.resolve(dir)).href;
  return href.endsWith('/') ? href : href + '/';
}

/**
 * One fingerprint per finding, in order. It hashes what the finding is about,
 * never where: the rule, the file, what the finding points at, and how many
 * identical findings came before it in the file. Lines inserted above keep it.
 */
function fingerprintsOf(file: FileResult, rel: string, workspaceRules: Set<string>): string[] {
  const seen = new Map<string, number>();
  return file.findings.map((f) => {
    const key = [f.ruleId, rel, subject(file.text, f, workspaceRules.has(f.ruleId))].join('\0');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}`;
  });
}

/**
 * What a finding points at: the text of its range; for a workspace finding
 * with no range (a coverage gap, reported at the top of a file) its message,
 * which names the clause, so closing one gap leaves the others' identities
 * alone; otherwise the line it is on, or its message when that line is empty.
 */
function subject(text: string, f: Finding, workspace: boolean): string {
  const own = text.slice(f.range.start, f.range.end).trim();
  if (own) return own;
  if (workspace) return f.message;
  const start = text.lastIndexOf('\n', f.range.start - 1) + 1;
  let end = text.indexOf('\n', f.range.start);
  if (end < 0) end = text.length;
  return text.slice(start, end).trim() || f.message;
}
