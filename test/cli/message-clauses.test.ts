// Every message names the clause it rests on (issue 13, point 12): through the bundled CLI, on the
// planted defects (one per rule) and the example QMS, each message of a rule whose rationale is a
// clause must name a clause ("ISO 13485:2016 4.2.4 c)", "21 CFR 820.35"), or say plainly that it
// is a house rule ("your configuration requires ..."), never leave the reader to guess.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/rules';
import { removeTempRepos, TempRepo } from '../git-repo';
import { CLEAN_SOP } from '../helpers';
import { runCli, type JsonReport } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** A clause label as messages cite one: a standard with its edition and a clause number, or a CFR section. */
const CLAUSE_LABEL = /\b(?:ISO\/IEC|ISO|IEC) \d{4,5}(?:-\d{1,2})?:\d{4} \d{1,2}(?:\.\d{1,2}){0,3}\b|\b21 CFR (?:Part )?\d{3}\.\d{1,3}\b/;
/** A requirement no clause makes, said as the configuration's own. */
const HOUSE_RULE = /\byour configuration requires\b/;

/** Rules whose messages need name no clause, and why. */
const EXEMPT: Record<string, string> = {
  // The cited number is the subject: the message names the clause that does not exist.
  'clause-unknown': 'the message is about the cited clause itself',
  // Same: a declared clause that does not exist, or a procedure that cites none of its standard.
  'clause-reference-missing': "the message is about the document's own clause citations",
  // Forms (id pattern, type and status names, revision schemes, ISO 8601 dates, list shapes) are
  // qmslint's and the configuration's; no clause prescribes the form of a value.
  'field-invalid': 'no clause sets the form of a value',
};

function messages(target: string): { file: string; ruleId: string; message: string }[] {
  const r = runCli([target, '--format', 'json', '--today', '2026-11-26'], { cwd: repo });
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as JsonReport;
  return report.flatMap((f) => f.messages.map((m) => ({ file: f.filePath.slice(repo.length), ruleId: m.ruleId, message: m.message })));
}

describe('every message names the clause it rests on, through the bundled CLI', () => {
  // test/fixtures/approvals: approval-unverified, which needs a configuration that requires evidence.
  const found = [...messages('test/fixtures/planted'), ...messages('examples'), ...messages('test/fixtures/approvals')];

  it('lints something from every document rule', () => {
    const reported = new Set(found.map((m) => m.ruleId));
    for (const rule of rules) if (rule.scope !== 'change') expect(reported, rule.id).toContain(rule.id);
  });

  it('every rule has a clause-based rationale, so its messages are held to it', () => {
    for (const rule of rules) for (const r of rule.rationale) expect(r, rule.id).toMatch(CLAUSE_LABEL);
  });

  it('names a clause, or says the requirement is the configuration\'s, in every message', () => {
    const unnamed = found
      .filter((m) => !(m.ruleId in EXEMPT))
      .filter((m) => !CLAUSE_LABEL.test(m.message) && !HOUSE_RULE.test(m.message))
      .map((m) => `${m.file} ${m.ruleId}: ${m.message}`);
    expect(unnamed).toEqual([]);
  });

  it('cites no clause for a house rule: owner, type and effective_date are the configuration\'s', () => {
    const owner = found.filter((m) => m.ruleId === 'field-missing' && /\bowner\b/.test(m.message));
    expect(owner.length).toBeGreaterThan(0);
    for (const m of owner) {
      expect(m.message).toMatch(/\bowner\b.*\(your configuration requires it\)\.$/);
      expect(m.message).not.toMatch(CLAUSE_LABEL);
    }
  });

  it('never cites 4.2.4 d) (availability at points of use) for a date', () => {
    for (const m of found) if (/4\.2\.4 d\)/.test(m.message)) expect(m.ruleId, m.message).toMatch(/^(link-broken|doc-reference-unresolved)$/);
  });

  it('says what each exemption is for', () => {
    for (const [id, why] of Object.entries(EXEMPT)) {
      expect(rules.map((r) => r.id), id).toContain(id);
      expect(why.length, id).toBeGreaterThan(10);
    }
  });
});

// The change rules run only with --base: one pull request in a real repository plants each of
// them (and the history-date branch of change-without-history) in its own document.
describe('change-control messages name their clause too, through the bundled CLI', () => {
  afterAll(removeTempRepos);
  const CHANGE_RULES = rules.filter((r) => r.scope === 'change').map((r) => r.id);
  const numbered = (n: number) => CLEAN_SOP.replace('SOP-001', `SOP-00${n}`);
  const edited = (text: string) => text.replace('controlled documents.', 'controlled documents and records.');
  /** Revision D with a history row dated `date`; approvals renewed unless `carried`. */
  const revisionD = (text: string, date: string, carried = false) => {
    const out = text
      .replace('revision: C', 'revision: D')
      .replace('| C | 2026-02-10 | Dana Whitfield | Periodic review updates |\n', `$&| D | ${date} | Dana Whitfield | Scope extended to records |\n`);
    return carried ? out : out.replace(/date: 2026-02-1(\d)/g, 'date: 2026-10-1$1').replace('effective_date: 2026-03-01', 'effective_date: 2026-10-20');
  };
  const base = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`sops/sop-00${n}.md`, numbered(n)]));
  const repo = TempRepo.create({ '.qmslint.yaml': 'rules:\n  coverage-gap: off\n', ...base }).branch('pr');
  repo.write({
    'sops/sop-001.md': edited(numbered(1)), // change-without-revision
    'sops/sop-002.md': edited(numbered(2)).replace('revision: C', 'revision: D'), // change-without-history: no row
    'sops/sop-003.md': revisionD(edited(numbered(3)), '2026-01-05'), // change-without-history: row dated too early
    'sops/sop-004.md': revisionD(edited(numbered(4)), '2026-10-01', true), // change-approvals-carried
    'sops/sop-005.md': numbered(5).replace('status: effective', 'status: draft'), // status-regression
  });
  repo.commit('Change');
  const r = repo.run('--base', 'main', '--format', 'json', '--today', '2026-11-26');
  const found = (JSON.parse(r.stdout) as JsonReport).flatMap((f) => f.messages.filter((m) => CHANGE_RULES.includes(m.ruleId)));

  it('plants every change rule', () => {
    expect(new Set(found.map((m) => m.ruleId))).toEqual(new Set(CHANGE_RULES));
    expect(found.filter((m) => m.ruleId === 'change-without-history')).toHaveLength(2);
  });

  it('names a clause, or says the requirement is the configuration\'s, in every message', () => {
    const unnamed = found.filter((m) => !CLAUSE_LABEL.test(m.message) && !HOUSE_RULE.test(m.message)).map((m) => `${m.ruleId}: ${m.message}`);
    expect(unnamed).toEqual([]);
  });
});

