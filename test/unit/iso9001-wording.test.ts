import { fullMessage } from '../../server/src/core/findings';
// Issue 13, point 6: ISO 9001:2015 requires no "documented procedure", and its messages cite what
// ISO 9001 says at the clause cited, never ISO 13485's wording (7.5.3.2 d) is retention and
// disposition, not obsolete documents).
import { describe, expect, it } from 'vitest';
import { CLEAN_SOP, findings, lintFiles } from '../helpers';
import { runCli } from '../run-cli';

/** CLEAN_SOP as a document of ISO 9001:2015 that cites 7.5.2. */
const SOP_9001 = CLEAN_SOP.replace('owner: Quality Manager\n', 'owner: Quality Manager\nstandard: iso9001:2015\n')
  .replace('clauses: ["4.2.4"]', 'clauses: ["7.5.2"]')
  .replace('ISO 13485:2016 §4.2.4', 'ISO 9001:2015 §7.5.2');

const obsolete = (text: string) => text.replace('status: effective', 'status: obsolete');

describe('ISO 9001:2015 wording', () => {
  it('`standards show` names documented information for ISO 9001 and documented procedures for ISO 13485', () => {
    const nine = runCli(['standards', 'show', 'iso9001:2015']);
    expect(nine.status).toBe(0);
    expect(nine.stdout).toMatch(/^ {2}4\.3 {2}Scope of the QMS {2}\[documented information \(maintain\)\]$/m);
    expect(nine.stdout).toMatch(/^ {4}4\.4\.2 {2}.*\[documented information \(maintain\), documented information \(retain\)\]$/m);
    expect(nine.stdout).toMatch(/^ {2}7\.2 {2}Competence {2}\[documented information \(retain\)\]$/m);
    expect(nine.stdout).not.toMatch(/procedure/);
    const maintained = [...nine.stdout.matchAll(/^\s*(\S+) .*documented information \(maintain\)/gm)].map((m) => m[1]);
    expect(maintained).toEqual(['4.3', '4.4.2', '5.2.2', '6.2.1', '8.1']);

    const thirteen = runCli(['standards', 'show', 'iso13485:2016']);
    expect(thirteen.status).toBe(0);
    expect(thirteen.stdout).toMatch(/^ {4}4\.2\.4 {2}Control of documents {2}\[documented procedure\]$/m);
    expect(thirteen.stdout).not.toMatch(/documented information \((maintain|retain)\)/);

    const list = runCli(['standards']);
    expect(list.stdout).toMatch(/^iso9001:2015 .*, 5 clauses requiring documented information to be maintained$/m);
    expect(list.stdout).toMatch(/^iso13485:2016 .*, \d+ documented procedures$/m);
  });

  it('`standards show --format json` carries documentedInformation for ISO 9001 only', () => {
    const rows = JSON.parse(runCli(['standards', 'show', 'iso9001:2015', '--format', 'json']).stdout) as { id: string; documentedProcedure: boolean; documentedInformation?: string }[];
    expect(rows.find((r) => r.id === '4.3')).toMatchObject({ documentedProcedure: false, documentedInformation: 'maintain' });
    expect(rows.every((r) => !r.documentedProcedure)).toBe(true);
    const other = JSON.parse(runCli(['standards', 'show', 'iso13485:2016', '--format', 'json']).stdout) as object[];
    expect(other.every((r) => !('documentedInformation' in r))).toBe(true);
  });

  it('an obsolete ISO 9001 document without a successor cites version control, not 7.5.3.2 d) on obsolete documents', async () => {
    const result = await lintFiles({ 'sop.md': obsolete(SOP_9001) });
    const [finding, ...more] = findings(result, 'sop.md', 'status-inconsistent');
    expect(more).toEqual([]);
    expect(fullMessage(finding)).toContain('ISO 9001:2015 7.5.3.2 c) requires changes to documented information to be controlled (version control, for example)');
    expect(fullMessage(finding)).not.toMatch(/d\) requires/);
    expect(fullMessage(finding)).not.toMatch(/obsolete documents to be identified/);
    // ISO 13485 keeps its own wording: 4.2.4 h) is about obsolete documents.
    const [own] = findings(await lintFiles({ 'sop.md': obsolete(CLEAN_SOP) }), 'sop.md', 'status-inconsistent');
    expect(fullMessage(own)).toContain('ISO 13485:2016 4.2.4 h) requires obsolete documents to be kept from unintended use');
  });

  it('approval and required-field messages say what ISO 9001 7.5.2 says', async () => {
    const noApprovals = SOP_9001.replace(/approvals:\n(  - .*\n)+/, '');
    const [approval] = findings(await lintFiles({ 'sop.md': noApprovals }), 'sop.md', 'status-inconsistent');
    expect(fullMessage(approval)).toContain('ISO 9001:2015 7.5.2 c) requires documented information to be reviewed and approved for suitability and adequacy');
    expect(fullMessage(approval)).not.toContain('before issue');

    const noOwner = SOP_9001.replace('owner: Quality Manager\n', '');
    const [owner] = findings(await lintFiles({ 'sop.md': noOwner }), 'sop.md', 'field-missing');
    // 7.5.2 a) leaves the means of identification to the organization: an owner is a house rule.
    expect(fullMessage(owner)).toContain('Your configuration requires owner');
    expect(fullMessage(owner)).not.toMatch(/ISO 9001:2015/);
    const noTitle = SOP_9001.replace(/^title: .*\n/m, '');
    const [title] = findings(await lintFiles({ 'sop.md': noTitle }), 'sop.md', 'field-missing');
    expect(fullMessage(title)).toContain('ISO 9001:2015 7.5.2 a) requires documented information to be suitably identified and described');
  });

  it('an obsolete successor in an ISO 9001 document cites what 7.5.3.2 c) requires', async () => {
    const old = obsolete(SOP_9001).replace('SOP-001', 'SOP-002').replace('status: obsolete', 'status: obsolete\nsuperseded_by: SOP-003');
    const text = SOP_9001.replace('This procedure implements', 'It replaces SOP-002 and implements');
    const list = findings(await lintFiles({ 'sop.md': text, 'old.md': old }), 'sop.md', 'doc-reference-obsolete');
    expect(list).toHaveLength(1);
    expect(fullMessage(list[0])).toContain('ISO 9001:2015 7.5.3.2 c) requires changes to documented information to be controlled (version control, for example).');
    expect(fullMessage(list[0])).not.toMatch(/7\.5\.3\.2 d\)/);
  });

  it('coverage-gap says documented information to be maintained for an ISO 9001 QMS', async () => {
    const CONFIG = 'standard: iso9001:2015\n';
    const sop = SOP_9001.replace('standard: iso9001:2015\n', '').replace('clauses: ["7.5.2"]', 'clauses: ["4.3"]').replace('§7.5.2', '§4.3');
    const result = await lintFiles({ '.qmslint.yaml': CONFIG, 'sop.md': sop });
    const [gap, ...more] = findings(result, undefined, 'coverage-gap');
    expect(more).toEqual([]);
    expect(fullMessage(gap)).toBe(
      'ISO 9001:2015: 4 of 5 required clauses not covered (ISO 9001:2015 7.5.1 a)). 4 of 5 clauses that require documented information to be maintained are not covered by an approved or effective document. ISO 9001:2015 7.5.1 a) requires the QMS to include the documented information that the standard requires. ' +
        'Cited by no document: 4.4.2 Documented information on processes, 5.2.2 Communicating the quality policy, 6.2.1 Setting quality objectives, 8.1 Operational planning and control. ' +
        'Run qmslint coverage for the detail.',
    );
    expect(fullMessage(gap)).not.toMatch(/procedure/);
  });
});
