// The HTML master list in a real browser (Debian's Chromium through playwright-core), opened from
// disk with every non-file request blocked: its own script runs under its Content-Security-Policy
// (a wrong hash would leave the filter dead without a word), the filter narrows the rows, and
// markup in a title stays text. A missing browser fails the suite, as in coverage-html.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_SOP, tempWorkspace } from '../helpers';
import { runCli } from '../run-cli';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned = 1">';

const dir = tempWorkspace(
  {
    'sops/sop-001.md': CLEAN_SOP,
    'sops/sop-002.md': CLEAN_SOP.replace('id: SOP-001', 'id: SOP-002').replace('title: Control of Documents', `title: '${HOSTILE_TITLE}'`),
    'sops/sop-010.md': CLEAN_SOP.replace('id: SOP-001', 'id: SOP-010').replace('title: Control of Documents', 'title: Complaint Handling').replace('status: effective', 'status: draft'),
  },
  'qmslint-list-html-',
);

describe('HTML master list in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the HTML report tests need Debian's Chromium. Install it with: apt-get update && apt-get install -y chromium`);
    const r = runCli(['list', '--format', 'html', '-o', 'list.html', '--today', '2026-11-26'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
    page = await browser.newPage();
    // A CSP that refuses the page's own script or style is reported on the console.
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(join(dir, 'list.html')).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const visibleIds = () => page.locator('table.documents tbody tr:not([hidden]) th').allTextContents();

  it('runs its own script and nothing else, and asks for nothing over the network', async () => {
    expect(await page.locator('#count').textContent()).toBe('Showing 3 of 3 documents');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('table.documents tbody').textContent()).toContain(HOSTILE_TITLE);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('lists the documents in id order, and the filter narrows them', async () => {
    expect(await visibleIds()).toEqual(['SOP-001', 'SOP-002', 'SOP-010']);
    await page.fill('#filter', 'complaint');
    expect(await visibleIds()).toEqual(['SOP-010']);
    expect(await page.locator('#count').textContent()).toBe('Showing 1 of 3 documents');
    await page.fill('#filter', 'no such document');
    expect(await visibleIds()).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    await page.fill('#filter', '');
    expect(await visibleIds()).toEqual(['SOP-001', 'SOP-002', 'SOP-010']);
  });
});
