// The admin console in a real browser: Debian's chromium driven by
// playwright-core, the real services behind it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { emulatorToken, freePort, startService } from '../support/services.mjs';
import {
  BIN_DIR, audited, createRun, launchBrowser, openPage as openPageIn, pair, query, shot, signIn,
  steps,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => browser?.close());

const openPage = (url, viewport) => openPageIn(browser, url, viewport);

async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

// Both services as `gofast up --data DIR` starts them: the company serving the
// console, the app allowing its origin.
async function gofastUp() {
  const data = mkdtempSync(path.join(tmpdir(), 'gofast-browser-'));
  const child = spawn(path.join(BIN_DIR, 'gofast'), ['up', '--json', '--data', data],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const up = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gofast up exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
  return {
    ...up,
    companyDb: path.join(data, 'company.db'),
    appDb: path.join(data, 'app.db'),
    appLog: path.join(data, 'app_service.log'),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

describe('the whole dialog, as gofast up serves it', () => {
  let services;
  let view;
  before(async () => {
    services = await gofastUp();
    view = await openPage(services.consoleUrl);
  });
  after(async () => {
    await view?.close();
    await services?.stop();
  });

  test('ends with a run in app.db naming the staff row of company.db, preflight first', async () => {
    const { page } = view;
    await shot(page, '1-console');
    await signIn(page);
    await shot(page, '2-signed-in');
    const runId = await createRun(page);
    await shot(page, '3-run-created');
    const staffId = (await page.getByTestId('staff-id').textContent()).trim();

    const [run] = query(services.appDb,
      `SELECT staffGeneratedId FROM city_runs WHERE id = '${runId}'`);
    const [staff] = query(services.companyDb,
      `SELECT id, email FROM company_staff WHERE id = '${staffId}'`);
    assert.equal(run.staffGeneratedId, staffId);
    assert.equal(staff.email, 'ada@gofast.test');

    // The browser's own CORS preflight, then the POST, in the app's access log.
    const log = readFileSync(services.appLog, 'utf8').split('\n');
    const preflight = log.findIndex((line) => / OPTIONS \/api\/runs\/create 204 /.test(line));
    const post = log.findIndex((line) => / POST \/api\/runs\/create 200 /.test(line));
    assert.ok(preflight >= 0, 'no OPTIONS preflight in the app log');
    assert.ok(post > preflight, 'the POST came before its preflight');

    assert.deepEqual((await steps(page)).slice(0, 3), [
      { id: 'step-1', status: '201' }, { id: 'step-2', status: '200' },
      { id: 'step-3', status: '200' }]);
    await assert.doesNotReject(
      page.getByTestId('runs-list').locator(`[data-run-id="${runId}"]`).waitFor());
  });

  test('answers "who created this run?" with found', async () => {
    const { page } = view;
    await page.getByTestId('audit-run').click();
    const { resolution, sentence } = await audited(page);
    await shot(page, '4-audit-found');
    assert.equal(resolution, 'found');
    assert.match(sentence, /Ada Admin <ada@gofast\.test>/);
  });

  test('said nothing in the browser console and asked nothing of other machines', () => {
    assert.deepEqual(view.complaints, []);
    const local = /^http:\/\/127\.0\.0\.1:\d+\//;
    assert.deepEqual(view.requested.filter((url) => !local.test(url)), []);
  });

  test('labels every field and scrolls no way but down, at 1280 and 375 px', async () => {
    const { page } = view;
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((field) => field.labels.length === 0 && !field.closest('[hidden]'))
      .map((field) => field.id));
    assert.deepEqual(unlabelled, []);
    assert.equal(await scrollsSideways(page), false);
    await page.setViewportSize({ width: 375, height: 800 });
    assert.equal(await scrollsSideways(page), false);
    await shot(page, '5-narrow');
  });
});

describe('the dialog on a phone, with the keyboard alone', () => {
  let services;
  before(async () => { services = await pair(); });
  after(async () => services?.stop());

  // Tab until the element with this test id has the focus, as a person would.
  async function tabTo(page, testId) {
    for (let presses = 0; presses < 80; presses += 1) {
      if (await page.evaluate((id) => document.activeElement?.dataset.testid === id, testId)) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`Tab never reached ${testId}`);
  }

  test('signs in, creates a recurring run and audits it without a mouse', async () => {
    const view = await openPage(services.consoleUrl, { width: 375, height: 800 });
    const { page } = view;
    await tabTo(page, 'signin-submit');
    await page.keyboard.press('Enter');
    await page.getByTestId('signin-status').filter({ hasText: 'Signed in' }).waitFor();
    await tabTo(page, 'run-title');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Tuesday Track Night');
    await tabTo(page, 'run-recurring');
    await page.keyboard.press('Space');
    await tabTo(page, 'run-day-of-week');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'run-submit');
    await page.keyboard.press('Enter');
    await page.getByTestId('run-id').filter({ hasNotText: 'none yet' }).waitFor();
    const runId = (await page.getByTestId('run-id').textContent()).trim();
    const [run] = query(services.app.db,
      `SELECT title, isRecurring, dayOfWeek FROM city_runs WHERE id = '${runId}'`);
    assert.deepEqual(run, { title: 'Tuesday Track Night', isRecurring: 1, dayOfWeek: 'Tuesday' });

    await tabTo(page, 'audit-run');
    await page.keyboard.press('Enter');
    assert.equal((await audited(page)).resolution, 'found');
    assert.equal(await scrollsSideways(page), false);
    await page.getByTestId('audit-resolution').scrollIntoViewIfNeeded();
    await shot(page, '6-keyboard-375');
    assert.deepEqual(view.complaints, []);
    await view.close();
  });
});

describe('errors the page must tell apart', () => {
  test('shows a validation error of the app at its field, in the app\'s words', async () => {
    const services = await pair();
    const view = await openPage(services.consoleUrl);
    try {
      const { page } = view;
      await signIn(page);
      await page.getByTestId('run-title').fill('');
      await page.getByTestId('run-submit').click();
      const titleError = page.getByTestId('error-run-title');
      await titleError.filter({ hasText: 'title is required' }).waitFor();
      assert.equal(await page.getByTestId('run-title').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByTestId('error-message').textContent(), '');
      await shot(page, '7-validation-error');

      await page.getByTestId('run-title').fill('Saturday Easy 10K');
      await page.getByTestId('run-lat').fill('95');
      await page.getByTestId('run-submit').click();
      await page.getByTestId('error-run-lat')
        .filter({ hasText: 'meetUpLat must be between -90 and 90' }).waitFor();
      assert.equal(await titleError.textContent(), '', 'the old error stayed');
      assert.equal(await page.getByTestId('run-submit').isEnabled(), true);
      assert.deepEqual(query(services.app.db, 'SELECT count(*) AS runs FROM city_runs'), [{ runs: 0 }]);
      const statuses = (await steps(page)).map((step) => step.status);
      assert.deepEqual(statuses, ['201', '400', '200', '400']);
    } finally {
      await view.close();
      await services.stop();
    }
  });

  test('says the browser refused the call when the app allows another origin', async () => {
    const services = await pair({ corsOrigin: 'http://127.0.0.1:1' });
    const view = await openPage(services.consoleUrl);
    try {
      const { page } = view;
      await signIn(page);
      await page.getByTestId('run-submit').click();
      const message = page.getByTestId('error-message');
      await message.filter({ hasText: 'browser refused' }).waitFor();
      assert.match(await message.textContent(), /--cors-origin http:\/\/127\.0\.0\.1:\d+/);
      assert.equal(await page.getByTestId('run-submit').isEnabled(), true);
      assert.deepEqual(query(services.app.db, 'SELECT count(*) AS runs FROM city_runs'), [{ runs: 0 }]);
      await shot(page, '8-cors-refused');
    } finally {
      await view.close();
      await services.stop();
    }
  });

  test('says the app does not answer when nothing listens at its address', async () => {
    const appPort = await freePort();
    const company = await startService(BIN_DIR, 'company_service',
      ['--console', '--console-app-url', `http://127.0.0.1:${appPort}`]);
    const view = await openPage(`${company.url}/`);
    try {
      const { page } = view;
      await signIn(page);
      await page.getByTestId('run-submit').click();
      const message = page.getByTestId('error-message');
      await message.filter({ hasText: 'does not answer' }).waitFor();
      assert.doesNotMatch(await message.textContent(), /refused/);
      assert.equal(await page.getByTestId('run-submit').isEnabled(), true);
    } finally {
      await view.close();
      await company.stop();
    }
  });
});

describe('the audit\'s other answers', () => {
  test('not_found: a run whose staff id the company never had', async () => {
    const services = await pair();
    const view = await openPage(services.consoleUrl);
    try {
      const { page } = view;
      await signIn(page);
      await createRun(page);  // the admin's staff row: the company answers staff look-ups
      const created = await fetch(`${services.app.url}/api/runs/create`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${emulatorToken('other-admin', 'other@gofast.test')}`,
          'Content-Type': 'application/json' },
        body: JSON.stringify({ staffGeneratedId: 'no-such-staff', title: 'Dangling',
          meetUpCity: 'Arlington', startDate: '2026-12-06', meetUpPoint: 'Gate 1' }),
      }).then((answer) => answer.json());
      await page.getByTestId('audit-run-id').fill(created.run.id);
      await page.getByTestId('audit-run-id').press('Enter');
      const { resolution, sentence } = await audited(page);
      assert.equal(resolution, 'not_found');
      assert.match(sentence, /no staff no-such-staff/);
      await shot(page, '9-audit-not-found');
    } finally {
      await view.close();
      await services.stop();
    }
  });

  test('company_unavailable: the app cannot reach the company', async () => {
    const services = await pair({ companyUrl: `http://127.0.0.1:${await freePort()}` });
    const view = await openPage(services.consoleUrl);
    try {
      const { page } = view;
      await signIn(page);
      await createRun(page);
      await page.getByTestId('audit-run').click();
      const { resolution, sentence } = await audited(page);
      assert.equal(resolution, 'company_unavailable');
      assert.match(sentence, /could not get an answer from company_service/);
    } finally {
      await view.close();
      await services.stop();
    }
  });
});
