// The browser tests' harness: a real dulyd on a fresh SQLite database with `duly demo load`,
// an admin token from `duly token create`, and Debian's chromium driven by playwright-core
// (from web/node_modules; the browser is never downloaded).
//
//   DULY_BUILD_DIR     where daemon/dulyd and daemon/duly are (default build/dev)
//   DULY_WEB_DIST      the built UI (default web/dist); dulyd serves it ($DULY_WEB_DIR)
//   DULY_CHROMIUM      the browser (default /usr/bin/chromium)
//   DULY_SCREENSHOTS   where screenshots go (default build/browser-screenshots)
//   DULY_BROWSER_BASE_URL, DULY_BROWSER_TOKEN  use a running dulyd (with --test-clock and demo
//                      data, an admin token) instead of starting one
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'web/package.json'));
const { chromium } = require('playwright-core');

const buildDir = path.resolve(root, process.env.DULY_BUILD_DIR || 'build/dev');
const webDist = path.resolve(root, process.env.DULY_WEB_DIST || 'web/dist');
export const chromiumPath = process.env.DULY_CHROMIUM || '/usr/bin/chromium';
export const screenshotDir = path.resolve(root,
    process.env.DULY_SCREENSHOTS || 'build/browser-screenshots');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl, child, logFile) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`dulyd exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8')}`);
    }
    try {
      const response = await fetch(baseUrl + '/readyz');
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dulyd did not become ready on ${baseUrl}:\n${readFileSync(logFile, 'utf8')}`);
}

// Starts dulyd with demo data; answers { baseUrl, token, cli(args), stop() }.
export async function startDulyd() {
  if (process.env.DULY_BROWSER_BASE_URL) return attach(process.env.DULY_BROWSER_BASE_URL);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duly-browser-'));
  const database = 'sqlite://' + path.join(dir, 'duly.db');
  const cli = (args) => execFileSync(path.join(buildDir, 'daemon/duly'),
      [...args, '--database', database], { encoding: 'utf8' });
  cli(['migrate']);
  cli(['demo', 'load']);
  const token = cli(['token', 'create', '--role', 'admin', '--name',
    'browser-' + process.pid + '-' + Date.now(), '--quiet']).trim();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'dulyd.log');
  const log = openSync(logFile, 'a');
  const child = spawn(path.join(buildDir, 'daemon/dulyd'),
      ['--database', database, '--listen', `127.0.0.1:${port}`, '--test-clock'],
      { stdio: ['ignore', log, log], env: { ...process.env, DULY_WEB_DIR: webDist } });
  await waitForReady(baseUrl, child, logFile);
  const index = await fetch(baseUrl + '/');
  if (!index.ok || !(index.headers.get('content-type') || '').startsWith('text/html')) {
    child.kill('SIGTERM');
    throw new Error(`dulyd does not serve the web UI at / (HTTP ${index.status}): build it with ` +
        `web/build.sh; dulyd reads $DULY_WEB_DIR (config web.dir) into ApiContext::web_dir`);
  }
  return {
    baseUrl,
    token,
    cli,
    log: () => readFileSync(logFile, 'utf8'),
    api: (method, route, body) => callApi(baseUrl, token, method, route, body),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function attach(baseUrl) {
  const token = process.env.DULY_BROWSER_TOKEN || '';
  return {
    baseUrl,
    token,
    log: () => '',
    api: (method, route, body) => callApi(baseUrl, token, method, route, body),
    async stop() {},
  };
}

async function callApi(baseUrl, token, method, route, body) {
  const response = await fetch(baseUrl + route, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// A fresh page (own context: empty sessionStorage and localStorage) in English.
export async function newPage(browser, { locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Uncaught errors in the page: each test asserts there were none.
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

// Moves the test clock to the next 10:00 UTC (working hours in Europe) until the work list has
// a call task, at most a week ahead; answers the first call task.
export async function callTaskDue(server) {
  for (let day = 0; day < 7; day++) {
    const tasks = await server.api('GET', '/v1/tasks?kind=call&limit=10');
    if (tasks.items.length > 0) return tasks.items[0];
    const now = new Date((await server.api('POST', '/v1/test/clock', { advance_seconds: 1 })).now);
    const next = new Date(now);
    next.setUTCHours(10, 0, 0, 0);
    if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
    await server.api('POST', '/v1/test/clock', { to: next.toISOString().replace(/\.\d+Z$/, 'Z') });
  }
  throw new Error('no call task became due within a week of demo data');
}

export async function signIn(page, server) {
  await page.goto(server.baseUrl + '/');
  await page.getByLabel(/API token|API-token/).fill(server.token);
  await page.getByRole('button', { name: /^(Sign in|Aanmelden)$/ }).click();
  await page.getByRole('navigation').waitFor();
}

// Waits until the page has loaded what it asked for: no request in flight and nothing "Loading…".
export async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
}

export async function screenshot(page, name) {
  await settled(page);
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name + '.png'), fullPage: true });
}
