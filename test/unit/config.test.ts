import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_ID_PATTERN, parseConfig } from '../../server/src/core/config';
import { CLEAN_SOP, findings, lintFiles, ruleIds } from '../helpers';

function configError(text: string, file = '/ws/.qmslint.yaml'): ConfigError {
  try {
    parseConfig(text, file);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('fills defaults and normalises rules and aliases', () => {
    const c = parseConfig('standard: iso9001:2015\nfields: {id: document_id, revision: [version, rev]}\nrules:\n  review-overdue: error\n  link-broken: [off, {}]\n', '/ws/.qmslint.yaml');
    expect(c.root).toBe('/ws');
    expect(c.standard).toBe('iso9001:2015');
    expect(c.fields.id).toEqual(['document_id', 'id']);
    expect(c.fields.revision).toEqual(['version', 'rev', 'revision']);
    expect(c.rules['review-overdue']).toEqual({ setting: 'error', options: {} });
    expect(c.rules['link-broken'].setting).toBe('off');
    expect(c.historyHeadings).toContain('Revision History');
  });

  it.each([
    ['rules:\n  clause-unknown: loud\n', 2, 'rules.clause-unknown: must be one of off, info, warning, error'],
    ['standard: iso13485:2016\nstandrad: x\n', 2, 'standrad: unknown key'],
    ['fields:\n  ident: document_id\n', 2, 'fields'],
    ['documents: "*.md"\n', 1, 'documents: must be array'],
    ['rules: [\n', 2, 'YAML syntax error'],
    ['idPattern: "[A-"\n', 1, 'idPattern: not a pattern qmslint can run'],
    // idPattern runs on RE2 (linear time), which has no lookaround: refused when the config is read, naming the option.
    ['standard: iso13485:2016\nidPattern: "^(?!X)[A-Z]+-\\\\d+$"\n', 2, 'idPattern: not a pattern qmslint can run'],
  ])('rejects %j with the line and key path', (text, line, message) => {
    const e = configError(text);
    expect(e.message).toContain(message);
    expect(e.message.startsWith('/ws/.qmslint.yaml')).toBe(true);
    expect(e.line).toBe(line);
  });

  // The last two would backtrack without bound in RegExp; RE2 matches them in linear time.
  it.each(['^[A-Z]+-\\d{3}$', '^(SOP|WI|FRM)-\\d{3,4}$', '^NW-[A-Z]+-\\d{3}$', '^[A-Z]{2,4}-[A-Z]{2}-\\d+$', '^QMS-\\d+(\\.\\d+)?$', '^\\p{Lu}+-\\d+$', DEFAULT_ID_PATTERN, '^(SOP-)?(\\d+)+$', '^[A-Z]+-\\d+\\d+$'])(
    'accepts the id pattern %s, which matches in linear time',
    (pattern) => {
      expect(parseConfig(`idPattern: ${JSON.stringify(pattern)}\n`, '/ws/.qmslint.yaml').idPattern).toBe(pattern);
    },
  );

  it('reads JSON configs with positions too', () => {
    const e = configError('{\n  "rules": {\n    "link-broken": 3\n  }\n}\n', '/ws/.qmslint.json');
    expect(e.message).toContain('rules.link-broken');
    expect(e.line).toBe(3);
  });

  it('lets existing repositories keep their key names', async () => {
    const aliased = CLEAN_SOP.replace('id: SOP-001', 'document_id: SOP-001').replace('revision: C', 'version: C').replace('effective_date:', 'effective:');
    const config = 'fields:\n  id: document_id\n  revision: version\n  effective_date: effective\nrules:\n  coverage-gap: off\n';
    expect(ruleIds(await lintFiles({ '.qmslint.yaml': config, 'sop.md': aliased }))).toEqual([]);
    // Without the aliases the same document misses its id, revision and effective date.
    const ids = ruleIds(await lintFiles({ '.qmslint.yaml': 'documents: ["*.md"]\nrules:\n  coverage-gap: off\n', 'sop.md': aliased }), 'sop.md');
    expect(ids).toContain('field-missing');
  });

  it('uses the nearest config above each file', async () => {
    const result = await lintFiles({
      '.qmslint.yaml': 'rules:\n  coverage-gap: off\n',
      'a/sop.md': CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-01-01'),
      'b/.qmslint.yaml': 'rules:\n  coverage-gap: off\n  review-overdue: off\n',
      'b/sop.md': CLEAN_SOP.replace('SOP-001', 'SOP-002').replace('next_review: 2028-03-01', 'next_review: 2026-01-01'),
    });
    expect(findings(result, 'a/sop.md', 'review-overdue')).toHaveLength(1);
    expect(findings(result, 'b/sop.md', 'review-overdue')).toHaveLength(0);
  });

  it('sets severities and ignores files', async () => {
    const result = await lintFiles({
      '.qmslint.yaml': 'ignore: ["drafts/**"]\nrules:\n  coverage-gap: off\n  review-overdue: error\n',
      'sop.md': CLEAN_SOP.replace('next_review: 2028-03-01', 'next_review: 2026-01-01'),
      'drafts/x.md': '---\nid: [broken\n---\n',
    });
    expect(findings(result, 'sop.md', 'review-overdue')[0].severity).toBe('error');
    expect(result.files.map((f) => f.path)).not.toContain('/ws/drafts/x.md');
  });

  it('makes files controlled by the documents globs', async () => {
    const result = await lintFiles({ '.qmslint.yaml': 'documents: ["sops/**"]\nrules:\n  coverage-gap: off\n', 'sops/x.md': '# Purchasing\n', 'notes.md': '# Notes\n' });
    expect(ruleIds(result, 'sops/x.md')).toContain('front-matter-missing');
    expect(ruleIds(result, 'notes.md')).toEqual([]);
  });
});
