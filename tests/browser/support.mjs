// What the browser suites share: Debian's chromium through playwright-core,
// pages that record what the browser says, the databases read back, and
// screenshots. run.sh sets GOFAST_BIN_DIR, GOFAST_SCREENSHOT_DIR, GOFAST_CHROMIUM.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, startService } from '../support/services.mjs';

export const BIN_DIR = process.env.GOFAST_BIN_DIR;
const SCREENSHOTS = process.env.GOFAST_SCREENSHOT_DIR;
mkdirSync(SCREENSHOTS, { recursive: true });

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.GOFAST_CHROMIUM ?? '/usr/bin/chromium',
    // As root, Chromium's sandbox cannot start.
    args: process.getuid() === 0 ? ['--no-sandbox'] : [],
  });
}

// A page that records what the browser console says and every request it
// sends anywhere.
export async function openPage(browser, url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const complaints = [];
  const requested = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      complaints.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(url);
  return { page, complaints, requested, close: () => context.close() };
}

export function query(db, sql) {
  return JSON.parse(execFileSync('sqlite3', ['-json', `file:${db}?mode=ro`, sql]).toString() || '[]');
}

// The whole page, or on a phone the screen only (the page is a long column there).
export async function shot(page, name) {
  const fullPage = page.viewportSize().width > 800;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

export async function signIn(page) {
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signin-status').filter({ hasText: 'Signed in' }).waitFor();
}

export async function createRun(page) {
  await page.getByTestId('run-submit').click();
  await page.getByTestId('run-id').filter({ hasNotText: 'none yet' }).waitFor();
  return (await page.getByTestId('run-id').textContent()).trim();
}

export async function audited(page) {
  const resolution = page.getByTestId('audit-resolution');
  await resolution.and(page.locator('[data-resolution]')).waitFor();
  return { resolution: await resolution.getAttribute('data-resolution'),
    sentence: await resolution.textContent() };
}

export async function steps(page) {
  return page.getByTestId('step-list').locator(':scope > li').evaluateAll(
    (items) => items.map((item) => ({ id: item.dataset.testid, status: item.dataset.status })));
}

// A pair started by hand, for the configurations gofast never makes: the app
// allowing `corsOrigin` (default: the console's own origin) and calling the
// company at `companyUrl` (default: the real one); `companyEnv` is added to
// the company's environment.
export async function pair({ corsOrigin, companyUrl, companyEnv = {} } = {}) {
  const companyPort = await freePort();
  const consoleOrigin = `http://127.0.0.1:${companyPort}`;
  const app = await startService(BIN_DIR, 'app_service', [
    '--cors-origin', corsOrigin ?? consoleOrigin, '--company-url', companyUrl ?? consoleOrigin]);
  const company = await startService(BIN_DIR, 'company_service',
    ['--console', '--console-app-url', app.url], { port: companyPort, env: companyEnv });
  return { app, company, consoleUrl: `${consoleOrigin}/`,
    stop: async () => { await app.stop(); await company.stop(); } };
}

