// Template-engine syntax (Jinja, Liquid, Django, Mustache) in controlled documents:
// `{{ device.name }}`, `{% for cr in crs %}`, `{# note #}`. A value or link target made of
// it is a placeholder: field-placeholder reports it in front matter, and no other rule
// judges it (never link-broken, field-invalid, id-duplicate or doc-reference-unresolved).
// In the body it is the source of a rendered document, and nothing reports it.
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../server/src/core/project';
import { writtenDestination } from '../../server/src/core/links';
import {
  findPlaceholders,
  findTargetPlaceholders,
  findTemplates,
  insideTemplate,
  isPlaceholder,
  isPlaceholderTarget,
  isWholePlaceholder,
  readerMentions,
} from '../../server/src/core/placeholders';
import type { Finding } from '../../server/src/core/types';
import { HANG_GUARD_MS } from '../hang-guard.mjs';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';

const texts = (source: string) => findPlaceholders(source).map((p) => p.text);

describe('template placeholders', () => {
  it('finds expressions, statements and comments, with their kind and offsets', () => {
    const source = "For {{device.name}} ({{ device.version }}): {% for cr in crs|rejectattr('x') %}{{- cr.id -}}{% endfor %} {# note #}";
    const found = findTemplates(source);
    expect(found.map((p) => [p.text, p.template])).toEqual([
      ['{{device.name}}', 'expression'],
      ['{{ device.version }}', 'expression'],
      ["{% for cr in crs|rejectattr('x') %}", 'statement'],
      ['{{- cr.id -}}', 'expression'],
      ['{% endfor %}', 'statement'],
      ['{# note #}', 'comment'],
    ]);
    for (const p of found) expect(source.slice(p.start, p.end)).toBe(p.text);
  });

  it('allows % and # inside where they do not close', () => {
    expect(texts("{% set fmt = '%Y-%m-%d' %}")).toEqual(["{% set fmt = '%Y-%m-%d' %}"]);
    expect(texts('{# issue #12 #}')).toEqual(['{# issue #12 #}']);
    expect(texts('{# {{ commented.out }} #} {% set d = {"a": 1} %}')).toEqual(['{# {{ commented.out }} #}', '{% set d = {"a": 1} %}']);
  });

  it('is part of findPlaceholders and isPlaceholder, and wins over a placeholder inside it', () => {
    expect(texts('Owner {{ owner.name }}, form FRM-XXX, due TBD.')).toEqual(['{{ owner.name }}', 'XXX', 'TBD']);
    expect(texts('{{ [Name] }} and {% if TBD %}')).toEqual(['{{ [Name] }}', '{% if TBD %}']);
    for (const value of ['{{ release.date }}', '"{{ release.date }}"', 'docs/{{ name }}.md', "{% url 'a' %}", '{# later #}', '{{}}']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
  });

  it('does not take braces that are not template syntax', () => {
    for (const value of ['{ a }', '{a: 1}', '{"a": {"b": 1}}', '{{ unclosed', '{{ a }', '{ { a } }', '{% unclosed', '{# unclosed', '{{ line\nbreak }}', '${HOME}', '{%}', 'SOP-002']) {
      expect(findTemplates(value), value).toEqual([]);
    }
  });

  it('tells a value made of placeholders from one that only contains one', () => {
    expect(isWholePlaceholder('{{ release.date }}')).toBe(true);
    expect(isWholePlaceholder(' "{{ a }} {{ b }}" ')).toBe(true);
    expect(isWholePlaceholder('<enter owner>')).toBe(true);
    expect(isWholePlaceholder('docs/{{ name }}.md')).toBe(false);
    expect(isWholePlaceholder('Release {{ v }}')).toBe(false);
    expect(isWholePlaceholder('2026-03-01')).toBe(false);
    expect(isWholePlaceholder('')).toBe(false);
  });

  it('finds placeholders in link destinations as written', () => {
    const at = (dest: string) => findTargetPlaceholders(dest).map((p) => dest.slice(p.start, p.end));
    expect(at('{{cr.url}}')).toEqual(['{{cr.url}}']);
    expect(at('docs/{{name}}.md#{{ anchor }}')).toEqual(['{{name}}', '{{ anchor }}']);
    expect(at("<{% url 'a' %}>")).toEqual(["{% url 'a' %}"]);
    expect(at('<enter link>')).toEqual(['<enter link>']);
    expect(at('<insert link here>')).toEqual(['<insert link here>']);
    expect(at('TBD')).toEqual(['TBD']);
    expect(at('SOP-XXX.md')).toEqual(['XXX']);
    // Paths in pointy brackets are paths, not prompts.
    for (const dest of ['<My File.md>', '<forms/CAPA form.pdf>', '<sop-002.md#retention periods>', 'sop-002.md', '../forms/CAPA%20form.pdf', '#purpose', 'https://example.com/a_b']) {
      expect(isPlaceholderTarget(dest), dest).toBe(false);
    }
  });

  it('locates a destination in the link source', () => {
    expect(writtenDestination('[Change request]({{cr.url}})', '{{cr.url}}')).toEqual({ text: '{{cr.url}}', offset: 17 });
    expect(writtenDestination('[p](<enter link>)', 'enter link')).toEqual({ text: '<enter link>', offset: 4 });
    expect(writtenDestination('[![logo](a.png)](  b.md "b.md")', 'b.md')).toEqual({ text: 'b.md', offset: 19 });
    expect(writtenDestination('[ref]: {{ref.url}}', '{{ref.url}}')).toEqual({ text: '{{ref.url}}', offset: 7 });
    expect(writtenDestination('[a](b\\)c)', 'b)c')).toBeUndefined();
  });

  it('tells whether a range lies inside template syntax', () => {
    const text = "See {{ docs['SOP-099'].title }} and SOP-002 {# SOP-098 #}";
    const spans = findTemplates(text);
    const inside = (id: string) => insideTemplate(spans, text.indexOf(id), text.indexOf(id) + id.length);
    expect([inside('SOP-099'), inside('SOP-002'), inside('SOP-098'), inside('See')]).toEqual([true, false, true, false]);
    expect(insideTemplate([], 0, 1)).toBe(false);
  });

  it('keeps only the mentions a reader sees', () => {
    const text = "{{ docs['SOP-099'].title }} SOP-002";
    const mentions = [
      { id: '{{ ref.id }}', range: { start: 0, end: 0 }, source: 'references' },
      { id: 'SOP-003', range: { start: 0, end: 0 }, source: 'references' },
      { id: 'SOP-099', range: { start: 9, end: 16 }, source: 'body' },
      { id: 'SOP-002', range: { start: 28, end: 35 }, source: 'body' },
    ];
    expect(readerMentions(text, mentions).map((m) => m.id)).toEqual(['SOP-003', 'SOP-002']);
  });

  it(
    'stays linear on hostile input',
    () => {
      // Not timed: the hang guard stops a blow-up. Each must simply complete.
      const hostile = [
        '{{'.repeat(50_000),
        '{%'.repeat(50_000),
        '{#'.repeat(50_000),
        '{{ ' + 'a'.repeat(200_000),
        '{% ' + '%'.repeat(200_000),
        '{# ' + '#'.repeat(200_000),
        '{{ a }'.repeat(50_000),
        '}}%}#}'.repeat(50_000),
        '{{a}}'.repeat(50_000),
      ];
      for (const input of hostile) {
        findPlaceholders(input);
        isWholePlaceholder(input);
        findTargetPlaceholders(`<${input}>`);
        insideTemplate(findTemplates(input), 1, 2);
      }
      expect(findTemplates('{{a}}'.repeat(50_000))).toHaveLength(50_000);
      expect(findTemplates('{{'.repeat(50_000))).toEqual([]);
    },
    HANG_GUARD_MS,
  );
});

// ---- through the engine --------------------------------------------------------------

const TEMPLATE_SOP = `---
id: SOP-010
title: "{{ doc.title }}"
type: SOP
revision: "{{ release.revision }}"
status: "{{ doc.status }}"
effective_date: "{{ release.date }}"
next_review: {{ release.next_review }}
owner: Quality Manager
review_period_months: "{{ period }}"
clauses: {{ doc.clauses }}
references: ["{{ ref.id }}", {{ other.id }}]
superseded_by: "{{ successor }}"
approvals:
  - {role: author, name: {{ author.name }}, date: "{{ author.date }}"}
  - {role: "{{ role }}", name: Omar Haddad, date: 2026-02-12}
  - "{{ approval }}"
  - {{ approval }}
---

# Control of Records

## Purpose

This procedure implements ISO 13485:2016 §4.2.5 for {{device.name}} release {{ device.version }}.
See the [change request]({{cr.url}}), [the plan](docs/{{name}}.md), [x]({% url 'a' %}) and [the list][ref].

{% for cr in history.change_requests|rejectattr('is_problem_report') %}
## {{cr.title}}

**Identifier:** {% if cr.url is defined %}[{{cr.id}}]({{cr.url}}){% else %}{{cr.id}}{% endif %}

Refers to {{ docs['SOP-099'].title }}.
{# kept with SOP-098 #}
{% endfor %}

[ref]: {{ref.url}}

## Revision History

| Revision | Date | Author | Description |
|---|---|---|---|
| A | 2024-01-10 | Dana Whitfield | First issue |
| {{ release.revision }} | {{ release.date }} | {{ author.name }} | {{ release.notes }} |
`;

function sliceOf(result: LintResult, f: Finding): string {
  return result.files.find((r) => r.path === f.path)!.text.slice(f.range.start, f.range.end);
}

describe('templates through the rules', () => {
  it('reports front matter template values once, as placeholders, and nothing else about the template', async () => {
    const result = await lintFiles({ 'sop-010.md': TEMPLATE_SOP, 'sop-011.md': CLEAN_SOP.replace('SOP-001', 'SOP-011') });
    const all = findings(result, 'sop-010.md').filter((f) => f.ruleId !== 'coverage-gap');
    expect(all.filter((f) => f.ruleId !== 'field-placeholder').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    const placeholders = all.filter((f) => f.ruleId === 'field-placeholder');
    expect(placeholders.map((f) => [sliceOf(result, f), f.detail?.match(/ is left unfilled in (\S+)\./)?.[1]])).toEqual([
      ['{{ doc.title }}', 'title'],
      ['{{ release.revision }}', 'revision'],
      ['{{ doc.status }}', 'status'],
      ['{{ release.date }}', 'effective_date'],
      ['{{ release.next_review }}', 'next_review'],
      ['{{ period }}', 'review_period_months'],
      ['{{ doc.clauses }}', 'clauses'],
      ['{{ ref.id }}', 'references[1]'],
      ['{{ other.id }}', 'references[2]'],
      ['{{ successor }}', 'superseded_by'],
      ['{{ author.name }}', 'approvals[1].name'],
      ['{{ author.date }}', 'approvals[1].date'],
      ['{{ role }}', 'approvals[2].role'],
      ['{{ approval }}', 'approvals[3]'],
      ['{{ approval }}', 'approvals[4]'],
    ]);
  });

  it('never reports a template link target as broken, but still a real broken link', async () => {
    const body = [
      'See [change request]({{cr.url}}), [plan](docs/{{ name }}.md), [anchor](#{{ slug }}), [p](<enter link>) and [t](TBD).',
      '',
      '[def]: {% url "records" %}',
      '',
      'And [missing](sop-404.md).',
    ].join('\n');
    const result = await lintFiles({ 'sop.md': CLEAN_SOP.replace('This procedure implements', `${body}\n\nThis procedure implements`) });
    const broken = findings(result, 'sop.md', 'link-broken');
    expect(broken.map((f) => sliceOf(result, f))).toEqual(['[missing](sop-404.md)']);
    // Prompts as targets are reported as unfilled, like prompts in the text; template syntax in the body is not.
    expect(findings(result, 'sop.md', 'field-placeholder').map((f) => sliceOf(result, f))).toEqual(['<enter link>', 'TBD']);
  });

  it('does not read document ids inside template syntax in the body', async () => {
    const body = "Uses {{ docs['SOP-099'].title }} {# and SOP-098 #} {% include 'SOP-097' %}, but SOP-096 is read.";
    const result = await lintFiles({ 'sop.md': CLEAN_SOP.replace('This procedure implements', `${body}\n\nThis procedure implements`) });
    expect(findings(result, 'sop.md', 'doc-reference-unresolved').map((f) => sliceOf(result, f))).toEqual(['SOP-096']);
  });

  it('does not call two templates with the same template id duplicates', async () => {
    // Drafts: in an effective document a template id is a missing id (field-missing's).
    const tpl = (n: number) => CLEAN_SOP.replace('id: SOP-001', 'id: "{{ doc.id }}"').replace('status: effective', 'status: draft').replace('Control of Documents', `Doc ${n}`);
    const result = await lintFiles({ 'a.md': tpl(1), 'b.md': tpl(2) });
    expect(findings(result, undefined, 'id-duplicate')).toEqual([]);
    expect(findings(result, undefined, 'field-invalid')).toEqual([]);
    expect(findings(result, 'a.md', 'field-placeholder').map((f) => sliceOf(result, f))).toEqual(['{{ doc.id }}']);
  });

  it('leaves the missing approver to field-placeholder while a role is a template', async () => {
    const text = CLEAN_SOP.replace('{role: approver, name: Lena Brandt', '{role: "{{ approver.role }}", name: Lena Brandt');
    const result = await lintFiles({ 'sop.md': text });
    expect(findings(result, 'sop.md', 'approval-missing')).toEqual([]);
    expect(findings(result, 'sop.md', 'field-invalid')).toEqual([]);
    expect(findings(result, 'sop.md', 'field-placeholder').map((f) => sliceOf(result, f))).toEqual(['{{ approver.role }}']);
  });
});
