// The bundled CLI on documents written as templates (Jinja, as in innolitics/rdm's design
// documents): template link targets are never link-broken, front matter values made of
// template expressions are reported once by field-placeholder (where that rule applies:
// not in documents of a template type), and Jinja blocks in the body report nothing.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace, TODAY } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const RECORD = `---
id: SDMR-001
title: Software Development and Maintenance Record
type: REC
revision: "{{ release.revision }}"
status: draft
effective_date: "{{ release.date }}"
owner: "{{ owner.name }}"
---

# Software Development and Maintenance Record

## Change Requests

This section lists the change requests implemented for release {{device.version}} of {{ device.name }}.

{% for cr in history.change_requests|rejectattr('is_problem_report') %}
### {{cr.title}}

**Identifier:** {% if cr.url is defined %}[{{cr.id}}]({{cr.url}}){% else %}{{cr.id}}{% endif %}

See the [Change request]({{cr.url}}), [x]({% url 'a' %}) and [the design](designs/{{cr.id}}.md).
{# SOP-098 is named here only for the template's author #}
{% endfor %}

[changes]: {{ release.changes_url }}

## Revision History

| Revision | Date | Author | Description |
|---|---|---|---|
| {{ release.revision }} | {{ release.date }} | {{ owner.name }} | Release {{ release.version }} |
`;

// A template document by type: placeholders are its purpose, field-placeholder does not apply.
const TEMPLATE = RECORD.replace('id: SDMR-001', 'id: TPL-001').replace('type: REC', 'type: TPL');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function lint(files: Record<string, string>) {
  const dir = tempWorkspace({ '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', ...files }, 'qmslint-templates-');
  dirs.push(dir);
  const r = runCli(['.', '--format', 'json', '--today', TODAY], { cwd: dir });
  expect(r.status, r.stderr).not.toBe(2);
  const report = JSON.parse(r.stdout) as JsonReport;
  const of = (name: string) => report.find((f) => f.filePath.endsWith(`/${name}`))!.messages;
  return { r, of };
}

describe('templates', () => {
  it('reports no template link target as broken, and the front matter template values as placeholders', () => {
    const { of } = lint({ 'records/sdmr-001.md': RECORD, 'sops/sop-001.md': CLEAN_SOP });
    const messages = of('sdmr-001.md');
    expect(messages.filter((m) => m.ruleId === 'link-broken')).toEqual([]);
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([
      '5:12 field-placeholder Placeholder {{ release.revision }} left unfilled in revision (ISO 13485:2016 4.2.4 a)).',
      '7:18 field-placeholder Placeholder {{ release.date }} left unfilled in effective_date (ISO 13485:2016 4.2.4 a)).',
      '8:9 field-placeholder Placeholder {{ owner.name }} left unfilled in owner (ISO 13485:2016 4.2.4 a)).',
    ]);
    expect(of('sop-001.md')).toEqual([]);
  });

  it('reports nothing about a template-type document made of the same text', () => {
    const { of } = lint({ 'templates/tpl-001.md': TEMPLATE });
    expect(of('tpl-001.md')).toEqual([]);
  });

  it('still reports a broken link next to template ones, in stylish output', () => {
    const dir = tempWorkspace(
      { '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', 'records/sdmr-001.md': RECORD.replace('[the design](designs/{{cr.id}}.md)', '[the design](designs/sdd-001.md)') },
      'qmslint-templates-',
    );
    dirs.push(dir);
    const r = runCli(['.', '--today', TODAY], { cwd: dir });
    expect(r.stdout).toContain('Link target designs/sdd-001.md does not exist (ISO 13485:2016 4.2.4 d)). Fix the path');
    expect(r.stdout.match(/link-broken/g)).toHaveLength(1);
    expect(r.stdout).not.toContain('{{cr.url}}');
    expect(r.stdout).not.toContain('SOP-098');
  });
});
