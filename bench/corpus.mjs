// A deterministic corpus of controlled documents for benchmarks: N SOPs, work
// instructions, forms and manuals as real QMS repositories hold them (front
// matter with approvals, revision history tables, numbered steps, citations in
// every form the extractor reads, links and id references between documents),
// about 10% of them with a planted defect; and, apart, one large document
// (a 1 500-row clause mapping table and many sections, about 2 MB).
//
//   node bench/corpus.mjs --out bench/.corpus/2000 --docs 2000 [--seed 1] [--large]
//
// Same arguments, same bytes: the generator draws from its own seeded PRNG and
// never from the clock or Math.random.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: small, fast, and the same on every platform. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const PEOPLE = [
  'Dana Whitfield', 'Omar Haddad', 'Lena Brandt', 'Priya Raman', 'Tomasz Nowak', 'Aiko Tanaka',
  'Samuel Okafor', 'Ingrid Solberg', 'Mateo Alvarez', 'Chloe Dubois', 'Ravi Menon', 'Hannah Vogel',
];
const OWNERS = ['Quality Manager', 'Regulatory Affairs Manager', 'Production Manager', 'Engineering Manager', 'Supply Chain Manager', 'Head of Service'];
const SUBJECTS = [
  'Control of Documents', 'Control of Records', 'Corrective and Preventive Action', 'Internal Audit', 'Training and Competence',
  'Management Review', 'Purchasing', 'Supplier Evaluation', 'Design Control', 'Design Transfer', 'Risk Management',
  'Complaint Handling', 'Nonconforming Product', 'Calibration', 'Infrastructure Maintenance', 'Work Environment',
  'Contamination Control', 'Identification and Traceability', 'Labelling', 'Packaging', 'Preservation of Product',
  'Servicing', 'Installation', 'Post-Market Surveillance', 'Vigilance Reporting', 'Software Validation', 'Process Validation',
  'Sterilisation Validation', 'Change Control', 'Customer Communication', 'Data Analysis', 'Monitoring and Measurement',
  'Incoming Inspection', 'Final Inspection', 'Release of Product', 'Statistical Techniques', 'Medical Device File',
  'Clinical Evaluation', 'Usability Engineering', 'Device History Record',
];
// Clauses of ISO 13485:2016 (all exist) and their ISO 9001:2015 neighbours.
const ISO13485 = [
  '4.1', '4.1.1', '4.1.5', '4.1.6', '4.2.1', '4.2.3', '4.2.4', '4.2.5', '5.1', '5.5.1', '5.6.1', '6.2', '6.3', '6.4.1',
  '6.4.2', '7.1', '7.2.1', '7.2.3', '7.3.2', '7.3.3', '7.3.4', '7.3.6', '7.3.7', '7.3.8', '7.3.9', '7.4.1', '7.4.2',
  '7.4.3', '7.5.1', '7.5.2', '7.5.4', '7.5.6', '7.5.8', '7.5.9.1', '7.5.11', '7.6', '8.1', '8.2.1', '8.2.2', '8.2.3',
  '8.2.4', '8.2.5', '8.2.6', '8.3.1', '8.3.2', '8.4', '8.5.2', '8.5.3',
];
const ISO9001 = ['4.4', '5.1.2', '6.1', '7.1.5', '7.2', '7.5.3', '8.4.1', '8.5.1', '8.7', '9.1.3', '9.2', '9.3', '10.2'];
const CFR = ['820.10', '820.35', '820.45', '820.1', '820.3'];
const VERBS = ['records', 'reviews', 'approves', 'verifies', 'documents', 'files', 'checks', 'updates', 'signs', 'releases', 'archives', 'assesses'];
const OBJECTS = [
  'the inspection report', 'the batch record', 'each deviation', 'the supplier questionnaire', 'the training matrix',
  'the calibration certificate', 'every open action', 'the risk file', 'the label proof', 'the audit checklist',
  'the change request', 'the complaint file', 'the acceptance criteria', 'the sampling plan', 'the validation protocol',
];
const WHEN = [
  'before the first production lot', 'within five working days', 'at least once a year', 'before release',
  'when the change is approved', 'at each shift handover', 'before the management review', 'within 30 days',
];
const WORDS = (
  'the process owner makes sure that every activity described here is carried out by trained staff using current ' +
  'documents and that objective evidence of the result is kept as a record retrievable for the lifetime of the device ' +
  'records are legible identifiable and protected against loss while they are retained and changes are reviewed ' +
  'and approved by the same function that approved the original unless another function is designated'
).split(' ');
const TYPES = [
  { type: 'SOP', dir: 'sops', weight: 6 },
  { type: 'WI', dir: 'work-instructions', weight: 3 },
  { type: 'FRM', dir: 'forms', weight: 1 },
];

const pad = (n, w = 3) => String(n).padStart(w, '0');
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const date = (r, from = 2019, to = 2025) => `${r.int(from, to)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;

function sentence(r, min = 12, max = 28) {
  const n = r.int(min, max);
  const out = [];
  for (let i = 0; i < n; i++) out.push(r.pick(WORDS));
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/** A paragraph wrapped at about 100 columns, as people write Markdown in git. */
function paragraph(r, sentences, extra = []) {
  const parts = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(r));
  for (const e of extra) parts.splice(r.int(0, parts.length), 0, e);
  return wrap(parts.join(' '));
}

function wrap(text, width = 100, indent = '') {
  const words = text.split(' ');
  const lines = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = indent + w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A clause citation in one of the forms found in real documents. */
function citation(r) {
  const c = r.pick(ISO13485);
  switch (r.int(0, 9)) {
    case 0: return `ISO 13485:2016, para. ${c}`;
    case 1: return `ISO 13485:2016 §${c}`;
    case 2: return `clause ${c} of ISO 13485:2016`;
    case 3: return `ISO 9001:2015 ${r.pick(ISO9001)}`;
    case 4: return `21 CFR ${r.pick(CFR)}`;
    case 5: return `[[13485:${c}]]`;
    case 6: return `ISO 13485:2016 clauses ${c} and ${r.pick(ISO13485)}`;
    case 7: return `IEC 62304:2006+A1:2015, para. 5.${r.int(1, 8)}`;
    case 8: return `Sec. ${c}`;
    default: return `ISO 14971:2019`;
  }
}

function plan(n, seed) {
  const r = rng(seed);
  const docs = [];
  const counters = {};
  const total = TYPES.reduce((a, t) => a + t.weight, 0);
  for (let i = 0; i < n; i++) {
    let w = r.int(1, total);
    const t = TYPES.find((x) => (w -= x.weight) <= 0);
    counters[t.type] = (counters[t.type] ?? 0) + 1;
    const num = counters[t.type];
    const subject = SUBJECTS[(i * 7 + r.int(0, 3)) % SUBJECTS.length];
    const title = num > SUBJECTS.length ? `${subject} ${Math.ceil(num / SUBJECTS.length)}` : subject;
    const id = `${t.type}-${pad(num)}`;
    docs.push({ i, id, type: t.type, title, rel: `${t.dir}/${slug(`${id}-${title}`)}.md` });
  }
  return docs;
}

const DEFECTS = [
  'clause-unknown', 'clause-edition', 'link-broken', 'doc-reference-unresolved', 'revision-mismatch', 'approval-missing',
  'field-placeholder', 'id-duplicate', 'date-format', 'old-qsr', 'field-missing', 'history-order',
];

function documentText(doc, docs, r) {
  const defect = r.chance(0.1) ? r.pick(DEFECTS) : undefined;
  const revisions = r.int(2, 8);
  const revLetters = [...'ABCDEFGHIJ'].slice(0, revisions);
  const history = revLetters.map((rev, k) => ({ rev, date: `${2016 + k}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`, author: r.pick(PEOPLE) }));
  if (defect === 'history-order' && history.length > 2) [history[0], history[1]] = [history[1], history[0]];
  const current = history[history.length - 1];
  const revision = defect === 'revision-mismatch' ? revLetters[revLetters.length - 2] : current.rev;
  const effective = `2026-0${r.int(1, 6)}-${pad(r.int(10, 28), 2)}`;
  const status = r.chance(0.85) ? 'effective' : r.pick(['draft', 'approved', 'in-review']);
  const others = [];
  for (let k = 0; k < r.int(1, 5); k++) others.push(docs[r.int(0, docs.length - 1)]);
  const refs = [...new Set(others.filter((o) => o !== doc).map((o) => o.id))];
  if (defect === 'doc-reference-unresolved') refs.push(`${doc.type}-9${pad(r.int(0, 99), 2)}`);
  const clauses = [...new Set([r.pick(ISO13485), r.pick(ISO13485)])];
  if (defect === 'clause-unknown') clauses.push('4.21');
  const approvers = defect === 'approval-missing' ? ['author', 'reviewer'] : ['author', 'reviewer', 'approver'];
  const fm = [
    '---',
    `id: ${defect === 'id-duplicate' ? docs[Math.max(0, doc.i - 1)].id : doc.id}`,
    `title: ${doc.title}`,
    `type: ${doc.type}`,
    `revision: ${revision}`,
    `status: ${status}`,
    defect === 'field-missing' ? undefined : `effective_date: ${defect === 'field-placeholder' ? 'YYYY-MM-DD' : effective}`,
    `owner: ${r.pick(OWNERS)}`,
    `clauses: [${clauses.map((c) => `"${c}"`).join(', ')}]`,
    'approvals:',
    ...approvers.map((role, k) => `  - {role: ${role}, name: ${r.pick(PEOPLE)}, date: ${current.date.slice(0, 8)}${pad(Math.min(28, Number(current.date.slice(8)) + k), 2)}}`),
    `next_review: 2028-0${r.int(1, 9)}-${pad(r.int(10, 28), 2)}`,
    refs.length ? `references: [${refs.join(', ')}]` : undefined,
    '---',
  ].filter((l) => l !== undefined);

  const dir = path.posix.dirname(doc.rel);
  const linkTo = (o) => {
    const rel = path.posix.relative(dir, o.rel) || path.posix.basename(o.rel);
    return `[${o.id} ${o.title}](${rel})`;
  };
  const body = [];
  body.push(`# ${doc.title}`, '');
  if (r.chance(0.2)) {
    // Imported documents carry a bold-key metadata table and a clause mapping table.
    body.push('| | |', '|---|---|', `| **Document Number** | ${doc.id} |`, `| **Process Owner** | ${r.pick(OWNERS)} |`, `| **Effective Date** | ${effective} |`, '');
    body.push('| ISO 13485:2016 Section | Document Section |', '|---|---|');
    for (let k = 0; k < r.int(2, 6); k++) body.push(`| ${r.pick(ISO13485)} | ${k ? `5.${k}` : '(All)'} |`);
    body.push('');
  }
  body.push('## 1. Purpose', '');
  const cite1 = defect === 'clause-edition' ? 'ISO 13485:2015, para. 7.5.1' : citation(r);
  body.push(paragraph(r, r.int(2, 3), [`This procedure implements ${cite1} and ${citation(r)}.`]), '');
  body.push('## 2. Scope', '');
  const scopeLink = defect === 'link-broken' ? `[the manual](../manual/qm-999-missing.md)` : linkTo(r.pick(docs));
  body.push(paragraph(r, r.int(1, 3), [`It applies together with ${scopeLink}.`]), '');
  body.push('## 3. Responsibilities', '', '| Role | Responsibility |', '|---|---|');
  for (let k = 0; k < r.int(3, 5); k++) body.push(`| ${r.pick(OWNERS)} | ${sentence(r, 6, 14)} |`);
  body.push('', '## 4. Definitions', '', '| Term | Meaning |', '|---|---|');
  for (let k = 0; k < r.int(2, 5); k++) body.push(`| ${r.pick(OBJECTS).replace(/^the |^each |^every /, '')} | ${sentence(r, 8, 16)} |`);
  body.push('', '## 5. Procedure', '');
  const sections = r.int(2, 5);
  for (let s = 1; s <= sections; s++) {
    body.push(`### 5.${s} ${r.pick(SUBJECTS)}`, '');
    body.push(paragraph(r, r.int(1, 3), r.chance(0.5) ? [`See ${citation(r)}.`] : []), '');
    const steps = r.int(3, 7);
    for (let k = 1; k <= steps; k++) {
      const verb = r.pick(VERBS);
      let step = `**${verb[0].toUpperCase()}${verb.slice(1)}.** The ${r.pick(OWNERS).toLowerCase()} ${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(WHEN)}.`;
      if (r.chance(0.3)) step += ` ${sentence(r, 8, 20)}`;
      if (r.chance(0.25)) step += ` Follow ${linkTo(r.pick(docs))}.`;
      if (r.chance(0.2)) step += ` This meets ${citation(r)}.`;
      if (defect === 'date-format' && k === 1 && s === 1) step += ' Records before 15.01.2021 stay in the old system.';
      if (defect === 'old-qsr' && k === 1 && s === 1) step += ' Design reviews follow 21 CFR 820.30(e).';
      body.push(wrap(`${k}. ${step}`, 100, '   '));
    }
    body.push('');
    if (r.chance(0.3)) body.push(`<!-- [13485:${r.pick(ISO13485)},${r.pick(ISO13485)}] -->`, '');
    if (r.chance(0.15)) body.push('```text', `FORM ${doc.id}-${s}  Lot: ______  Date: ______`, `Checked by: ______ (see ISO 13485:2016 ${r.pick(ISO13485)})`, '```', '');
  }
  body.push('## 6. Records', '');
  body.push(paragraph(r, r.int(1, 2), [`Records are kept as described in ${linkTo(r.pick(docs))}.`]), '');
  body.push('## 7. References', '');
  body.push(`- ${citation(r)}`, `- ${citation(r)}`);
  for (const id of refs) {
    const o = docs.find((d) => d.id === id);
    body.push(o ? `- ${linkTo(o)}` : `- ${id}`);
  }
  body.push('', '## 8. Revision History', '', '| Revision | Date | Author | Description |', '|---|---|---|---|');
  for (const [k, h] of history.entries()) {
    body.push(`| ${h.rev} | ${h.date} | ${h.author} | ${k ? sentence(r, 4, 12) : 'Initial release.'} |`);
  }
  body.push('');
  return `${fm.join('\n')}\n\n${body.join('\n')}`;
}

/** The large document: a quality manual with a 1 500-row mapping table and many sections, about 2 MB. */
export function largeDocument(seed = 1, targetBytes = 2 * 1024 * 1024) {
  const r = rng(seed ^ 0x5bd1e995);
  const parts = [
    '---',
    'id: QM-001',
    'title: Quality Manual',
    'type: MAN',
    'revision: F',
    'status: effective',
    'effective_date: 2026-03-01',
    'owner: Quality Manager',
    'approvals:',
    '  - {role: author, name: Dana Whitfield, date: 2026-02-10}',
    '  - {role: reviewer, name: Omar Haddad, date: 2026-02-12}',
    '  - {role: approver, name: Lena Brandt, date: 2026-02-14}',
    'next_review: 2028-03-01',
    '---',
    '',
    '# Quality Manual',
    '',
    '## 1. Clause mapping',
    '',
    '| ISO 13485:2016 Section | Process | Document | Owner | Notes |',
    '|---|---|---|---|---|',
  ];
  for (let k = 0; k < 1500; k++) {
    parts.push(`| ${r.pick(ISO13485)} | ${r.pick(SUBJECTS)} | SOP-${pad(r.int(1, 400))} | ${r.pick(OWNERS)} | ${sentence(r, 6, 14)} |`);
  }
  parts.push('');
  let size = parts.join('\n').length;
  let section = 2;
  while (size < targetBytes - 2000) {
    const block = [`## ${section}. ${r.pick(SUBJECTS)}`, ''];
    for (let p = 0; p < 3; p++) block.push(paragraph(r, r.int(2, 5), r.chance(0.5) ? [`See ${citation(r)}.`] : []), '');
    for (let k = 1; k <= 4; k++) block.push(wrap(`${k}. The ${r.pick(OWNERS).toLowerCase()} ${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(WHEN)}.`, 100, '   '));
    block.push('');
    const text = block.join('\n');
    parts.push(text);
    size += text.length + 1;
    section++;
  }
  parts.push('## Revision History', '', '| Revision | Date | Author | Description |', '|---|---|---|---|');
  for (const [k, rev] of [...'ABCDEF'].entries()) parts.push(`| ${rev} | ${2016 + 2 * k}-03-01 | Dana Whitfield | ${k ? 'Periodic review.' : 'Initial release.'} |`);
  parts.push('');
  return parts.join('\n');
}

export const CONFIG = '# Generated benchmark corpus\nstandard: iso13485:2016\n';

/** Writes the corpus; returns the relative paths written, in order. */
export function writeCorpus(out, { docs: n, seed = 1, large = false }) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, '.qmslint.yaml'), CONFIG);
  const docs = plan(n, seed);
  const r = rng(seed * 7919 + 17);
  const written = [];
  for (const doc of docs) {
    const file = path.join(out, doc.rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, documentText(doc, docs, r));
    written.push(doc.rel);
  }
  if (large) {
    mkdirSync(path.join(out, 'manual'), { recursive: true });
    writeFileSync(path.join(out, 'manual', 'qm-001-quality-manual.md'), largeDocument(seed));
    written.push('manual/qm-001-quality-manual.md');
  }
  return written;
}

function main(argv) {
  const args = { out: undefined, docs: 2000, seed: 1, large: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') args.out = argv[++i];
    else if (a === '--docs') args.docs = Number(argv[++i]);
    else if (a === '--seed') args.seed = Number(argv[++i]);
    else if (a === '--large') args.large = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.out || !(args.docs >= 0)) throw new Error('usage: node bench/corpus.mjs --out DIR --docs N [--seed S] [--large]');
  const written = writeCorpus(args.out, args);
  process.stdout.write(`${written.length} documents in ${args.out}\n`);
}

if (process.argv[1] && import.meta.url && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
