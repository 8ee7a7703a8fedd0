// Issue 18, point 3 (review): `qmslint review --base` lists the documents in force that people
// must be (re)trained on after the change, with the roles to train: the document's own
// `training:`, else its type's default in .qmslint.yaml. Real git repositories, made here.
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, TempRepo } from '../git-repo';
import { CLEAN_SOP } from '../helpers';

const TODAY = ['--today', '2026-11-26'];
const CONFIG = 'rules:\n  coverage-gap: off\ntypes:\n  SOP:\n    training: [Operators, Quality]\n';

afterAll(removeTempRepos);

function doc(id: string, title: string, extra: { type?: string; status?: string; training?: string } = {}): string {
  let text = CLEAN_SOP.replace('SOP-001', id).replace(/Control of Documents/g, title);
  if (extra.type) text = text.replace('type: SOP', `type: ${extra.type}`);
  if (extra.status) text = text.replace('status: effective', `status: ${extra.status}`);
  if (extra.training) text = text.replace('next_review: 2028-03-01\n', `next_review: 2028-03-01\ntraining: ${extra.training}\n`);
  return text;
}

/** A one-sentence edit to the body: what the document says changed. */
function edit(text: string): string {
  return text.replace('controlled documents.', 'controlled documents and records.');
}

/** Revision D's paperwork only: a new revision, its history row, fresh approvals; nothing it says changed. */
function paperworkD(text: string): string {
  return text
    .replace('revision: C', 'revision: D')
    .replace(/(\| C \| 2026-02-10 \| Dana Whitfield \| Periodic review updates \|\n)/, '$1| D | 2026-10-01 | Dana Whitfield | Periodic review, no change |\n')
    .replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1')
    .replace('effective_date: 2026-03-01', 'effective_date: 2026-10-20');
}

/** Enough new text that git's rename detection no longer pairs the moved file with its old path. */
function rewrite(text: string): string {
  const steps = Array.from({ length: 30 }, (_, i) => `## Step ${i + 1}\n\nThe complaint handler completes step ${i + 1} and records it.\n`).join('\n');
  return text.replace('## Revision History', `${steps}\n## Revision History`);
}

const SECTION = /### Training impact \(\d+\)\n\n[^]*?\n\n/;

describe('qmslint review --base: training impact', () => {
  it('lists changed documents in force with their roles, says when none are named, and leaves out paperwork, bare moves, drafts and withdrawn ones', () => {
    const repo = TempRepo.create({
      '.qmslint.yaml': CONFIG,
      'sops/sop-001.md': doc('SOP-001', 'Control of Documents'),
      'sops/sop-002.md': doc('SOP-002', 'Complaint Handling', { training: '[Complaint handlers, Quality]' }),
      'sops/sop-003.md': doc('SOP-003', 'Internal Audit'),
      'sops/sop-004.md': doc('SOP-004', 'Purchasing'),
      'sops/sop-005.md': doc('SOP-005', 'Training', { status: 'draft' }),
      'sops/sop-006.md': doc('SOP-006', 'Design Control', { status: 'draft' }),
      'sops/sop-007.md': doc('SOP-007', 'Servicing'),
      'sops/sop-008.md': doc('SOP-008', 'Calibration'),
    }).branch('pr');
    repo.write({
      // content changed, revision D: its type's roles
      'sops/sop-001.md': paperworkD(edit(doc('SOP-001', 'Control of Documents'))),
      // paperwork only (new revision, history row, approvals): nothing to retrain
      'sops/sop-003.md': paperworkD(doc('SOP-003', 'Internal Audit')),
      // a draft comes into force unchanged: its first training
      'sops/sop-005.md': doc('SOP-005', 'Training'),
      // a draft edited, still a draft: nobody trains on a draft
      'sops/sop-006.md': edit(doc('SOP-006', 'Design Control', { status: 'draft' })),
      // withdrawn
      'sops/sop-007.md': doc('SOP-007', 'Servicing', { status: 'obsolete' }),
      // new, in force, of a type with no default roles
      'wi/wi-001.md': doc('WI-001', 'Label Printing', { type: 'WI' }),
    });
    // moved without git mv and edited: compared with its old path, so its content changed
    repo.remove('sops/sop-002.md').write({ 'complaints/sop-002.md': paperworkD(rewrite(doc('SOP-002', 'Complaint Handling', { training: '[Complaint handlers, Quality]' }))) });
    // moved with git mv, unchanged: nothing to retrain
    repo.git('mv', 'sops/sop-004.md', 'sops/purchasing.md');
    repo.remove('sops/sop-008.md');
    repo.commit('Change');

    const r = repo.run('review', '--base', 'main', ...TODAY);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('| **SOP-002** Complaint Handling<br>`complaints/sop-002.md` | moved from `sops/sop-002.md` | C → D |');
    expect(SECTION.exec(r.stdout)?.[0]).toBe(
      [
        '### Training impact (4)',
        '',
        '| Document | Revision | Why | Roles to train |',
        '|---|---|---|---|',
        '| **SOP-002** Complaint Handling<br>`complaints/sop-002.md` | D | content changed | Complaint handlers, Quality |',
        '| **SOP-001** Control of Documents<br>`sops/sop-001.md` | D | content changed | Operators, Quality |',
        '| **SOP-005** Training<br>`sops/sop-005.md` | C | now in force | Operators, Quality |',
        '| **WI-001** Label Printing<br>`wi/wi-001.md` | C | new | **no training roles named** |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('a change with nothing in force to train on has no training section', () => {
    const repo = TempRepo.create({ '.qmslint.yaml': CONFIG, 'sops/sop-001.md': doc('SOP-001', 'Control of Documents') }).branch('pr');
    repo.write({ 'sops/sop-001.md': paperworkD(doc('SOP-001', 'Control of Documents')) }).commit('Periodic review');
    const r = repo.run('review', '--base', 'main', ...TODAY);
    expect(r.stdout).toContain('| **SOP-001** Control of Documents<br>`sops/sop-001.md` | modified | C → D | effective | 3, new |');
    expect(r.stdout).not.toContain('Training impact');
  });
});
