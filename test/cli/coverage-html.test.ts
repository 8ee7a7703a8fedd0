// The HTML coverage report in a real browser: Debian's Chromium driven by
// playwright-core, the page opened from disk with every non-file request
// blocked and recorded. A missing browser fails the suite: a skipped browser
// test would let a broken report through CI unnoticed.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmePack, CLEAN_SOP, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const HOSTILE_TITLE = '<script>window.__pwned = 1</script>';
const HOSTILE_HEADING = `<img src=x onerror="window.__pwned = 2">`;

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'qmslint-cov-html-');

function run(cwd: string, ...args: string[]) {
  const r = runCli(['coverage', ...args, '--today', '2026-11-26'], { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A user pack as a further standard, with a heading that is markup.
const pack = acmePack(`  - {id: "1.1", title: '${HOSTILE_HEADING}', parent: "1", documentedProcedure: true}
  - {id: "2", title: Training & competence, documentedProcedure: true}
`);

const dir = workspace({
  '.qmslint.yaml': 'standards: [acme-qms:2026]\npacks: [standards/acme.yaml]\n',
  'standards/acme.yaml': pack,
  'sops/sop-001.md': CLEAN_SOP,
  // A draft whose title is a script: 8.2.2 becomes a draft-only gap listing it.
  'sops/sop-002.md': CLEAN_SOP.replace('id: SOP-001', 'id: SOP-002')
    .replace('title: Control of Documents', `title: "${HOSTILE_TITLE}"`)
    .replace('status: effective', 'status: draft')
    .replace('clauses: ["4.2.4"]', 'clauses: ["8.2.2"]')
    .replace('§4.2.4', '§8.2.2'),
  // A path with markup characters in it.
  "sops/r&d <lab> 'x'.md": CLEAN_SOP.replace('id: SOP-001', 'id: SOP-003').replace('clauses: ["4.2.4"]', 'clauses: ["7.3.2"]').replace('§4.2.4', '§7.3.2'),
  // A template without front matter whose mapping table cites 8.5.2: cited, but by an uncontrolled document.
  'templates/capa.md': '# CAPA\n\n| ISO 13485:2016 Section | Document Section |\n|---|---|\n| 8.5.2 | (All) |\n',
});

interface Json {
  standards: {
    standard: string;
    summary: { clauses: number; covered: number; partial: number; uncontrolled: number; required: number; requiredCovered: number };
    groups: { id: string }[];
    clauses: { clause: { id: string }; state: string; required: boolean }[];
  }[];
}

describe('HTML coverage report in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let json: Json;
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the HTML report test needs Debian's Chromium. Install it with: apt-get update && apt-get install -y chromium`);
    }
    const html = run(dir, '--format', 'html', '--output', 'report.html');
    expect(html.stderr).toBe('');
    expect(html.code).toBe(0);
    const j = run(dir, '--format', 'json');
    expect(j.code).toBe(0);
    json = JSON.parse(j.stdout) as Json;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.route('**/*', (r) => {
      const url = r.request().url();
      if (url.startsWith('file:')) return r.continue();
      blocked.push(url);
      return r.abort();
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is one file that asks for nothing over the network and runs no script but its own', async () => {
    const text = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    expect(text).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(blocked).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('shows the summary figures and one bar group per clause group', async () => {
    const iso = json.standards[0];
    expect(iso.standard).toBe('iso13485:2016');
    const section = page.locator('section.standard').first();
    await expect.poll(() => section.locator('[data-figure="clauses-covered"] .value').isVisible()).toBe(true);
    expect(await section.locator('[data-figure="clauses-covered"] .value').textContent()).toBe(`${Math.round((100 * iso.summary.covered) / iso.summary.clauses)}%`);
    expect(await section.locator('[data-figure="required-covered"] .value').textContent()).toBe(`${iso.summary.requiredCovered}/${iso.summary.required}`);
    // Partly covered clauses (only subclauses cited) have a figure and rows of their own.
    expect(iso.summary.partial).toBeGreaterThan(0);
    expect(await section.locator('[data-figure="partial"] .value').textContent()).toBe(String(iso.summary.partial));
    expect(await section.locator('table.clauses tbody tr[data-state="partial"]').count()).toBe(iso.summary.partial);
    expect(await section.locator('table.clauses tbody tr[data-state="partial"] .state-partial').first().textContent()).toBe('partly covered');
    expect(await section.locator('svg g.bar-group').count()).toBe(iso.groups.length);
    expect(await section.locator('svg g.bar-group').evaluateAll((gs) => gs.map((g) => (g as unknown as { dataset: { group: string } }).dataset.group))).toEqual(
      iso.groups.map((g) => g.id),
    );
    // Every bar has its label and counts as text, not only colour.
    expect(await section.locator('svg g.bar-group text.counts').first().textContent()).toMatch(/^\d+\/\d+ covered, \d+ partly, \d+ draft, \d+ uncontrolled, \d+ not covered$/);
    // The user's pack is a second section with its own chart.
    const acme = page.locator('section.standard[data-standard="acme-qms:2026"]');
    expect(await acme.locator('svg g.bar-group').count()).toBe(2);
  });

  it('narrows the table to gaps, and by text', async () => {
    const iso = json.standards[0];
    const section = page.locator('section.standard').first();
    const rows = section.locator('table.clauses tbody tr');
    const visible = () => rows.filter({ visible: true });
    expect(await visible().count()).toBe(iso.clauses.length);

    await section.getByLabel('Show gaps only').check();
    const gaps = iso.clauses.filter((c) => c.required && c.state !== 'covered');
    expect(gaps.length).toBeGreaterThan(0);
    expect(await visible().count()).toBe(gaps.length);
    expect(await visible().locator('th').allTextContents()).toEqual(gaps.map((c) => c.clause.id));
    for (const state of await visible().locator('.state').allTextContents()) expect(['draft only', 'uncontrolled only', 'not covered']).toContain(state);
    await expect.poll(() => section.locator('.count').textContent()).toBe(`Showing ${gaps.length} of ${iso.clauses.length} clauses`);

    await section.getByLabel('Filter').fill('complaint');
    expect(await visible().locator('th').allTextContents()).toEqual(['8.2.2']);
    await section.getByLabel('Show gaps only').uncheck();
    await section.getByLabel('Filter').fill('no such words anywhere');
    expect(await visible().count()).toBe(0);
    expect(await section.locator('.empty').isVisible()).toBe(true);
    await section.getByLabel('Filter').fill('');
    expect(await visible().count()).toBe(iso.clauses.length);
  });

  it('shows clauses cited only by uncontrolled documents apart from those cited by none', async () => {
    const iso = json.standards[0];
    expect(iso.summary.uncontrolled).toBeGreaterThan(0);
    const section = page.locator('section.standard').first();
    const row852 = section.locator('tbody tr', { has: page.locator('th', { hasText: /^8\.5\.2$/ }) });
    expect(await row852.getAttribute('data-state')).toBe('uncontrolled');
    expect(await row852.getAttribute('data-gap')).toBe('yes');
    expect(await row852.locator('.state').textContent()).toBe('uncontrolled only');
    expect(await row852.locator('.status').textContent()).toBe('uncontrolled');
    expect(await row852.locator('.path').textContent()).toBe('templates/capa.md:5');
    const row853 = section.locator('tbody tr', { has: page.locator('th', { hasText: /^8\.5\.3$/ }) });
    expect(await row853.locator('.state').textContent()).toBe('not covered');
    expect(await section.locator('[data-figure="uncontrolled"] .value').textContent()).toBe(String(iso.summary.uncontrolled));
    const seg = section.locator('svg g.bar-group[data-group="8"] rect.seg-uncontrolled');
    expect(Number(await seg.getAttribute('width'))).toBeGreaterThan(0);
    expect(await section.locator('.legend').textContent()).toContain('uncontrolled documents only');
    const list = section.locator('details.uncontrolled-documents');
    await list.locator('summary').click();
    expect(await list.locator('li').allTextContents()).toEqual(['templates/capa.md']);
  });

  it('shows hostile titles, headings and paths as text', async () => {
    const row822 = page.locator('section.standard').first().locator('tbody tr', { has: page.locator('th', { hasText: /^8\.2\.2$/ }) });
    expect(await row822.getAttribute('data-state')).toBe('draft-only');
    expect(await row822.locator('.doc-title').textContent()).toBe(HOSTILE_TITLE);
    expect(await row822.locator('.status').textContent()).toBe('draft');
    await expect.poll(() => page.getByText(HOSTILE_TITLE).first().isVisible()).toBe(true);
    const acme = page.locator('section.standard[data-standard="acme-qms:2026"]');
    expect(await acme.locator('tbody td', { hasText: HOSTILE_HEADING }).count()).toBe(1);
    expect(await acme.locator('svg g.bar-group text.label').allTextContents()).toEqual(['1 General', '2 Training & competence']);
    expect(await page.getByText("sops/r&d <lab> 'x'.md:").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('has no console errors, and looks right (screenshot in .e2e/)', async () => {
    mkdirSync(join(repo, '.e2e'), { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(repo, '.e2e/coverage-report.png'), fullPage: false });
    await page.locator('section.standard').first().getByLabel('Show gaps only').check();
    await page.screenshot({ path: join(repo, '.e2e/coverage-report-gaps.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
