// SARIF 2.1.0, the format GitHub code scanning (and most static-analysis
// viewers) take: one run, every rule described, each finding with its rule,
// level, region, a fingerprint that survives edits above it, and its fix.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../../core/project';
import { NOTICES } from '../../core/notices';
import { ruleById } from '../../core/rules';
import type { Finding, RuleMeta, Severity } from '../../core/types';
import { fullMessage } from '../../core/findings';
import { FINGERPRINT_VERSION, fingerprintsOf } from '../../core/fingerprint';
import type { FormatContext } from './context';
import { isOutside, relativePath } from './relative';

/** Where each rule's documentation page lives: `${RULE_DOCS_URL}<id>.md`. */
export const RULE_DOCS_URL = 'https://github.com/qmslint/qmslint/blob/main/docs/rules/';
const INFORMATION_URI = 'https://github.com/qmslint/qmslint';
const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

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
    const fingerprints = fingerprintsOf(file.text, file.findings, relativePath(file.path, ctx.cwd), workspaceRules);
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
      partialFingerprints: { [FINGERPRINT_VERSION]: fingerprints[i] },
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
