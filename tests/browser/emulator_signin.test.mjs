// The console's sign-in through the real Firebase Auth Emulator: with
// FIREBASE_AUTH_EMULATOR_HOST set, the page signs up (or in) over the
// emulator's REST API, and that token carries the dialog through both services.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PROJECT_ID } from '../support/services.mjs';
import { startAuthEmulator } from './auth_emulator.mjs';
import { audited, createRun, launchBrowser, openPage, pair, query, shot, steps } from './support.mjs';

let browser;
let emulator;
let services;
before(async () => {
  [browser, emulator] = await Promise.all([launchBrowser(), startAuthEmulator(PROJECT_ID)]);
  services = await pair({ companyEnv: { FIREBASE_AUTH_EMULATOR_HOST: emulator.host } });
});
after(async () => {
  await browser?.close();
  await services?.stop();
  await emulator?.stop();
});

test('a new admin signs up in the emulator from the page and creates a run', async () => {
  const view = await openPage(browser, services.consoleUrl);
  const { page } = view;
  assert.equal(await page.getByTestId('signin-password').isVisible(), true);
  await page.getByTestId('signin-name').fill('Grace Emulator');
  await page.getByTestId('signin-email').fill('grace@gofast.test');
  await page.getByTestId('signin-password').fill('grace-password');
  await page.getByTestId('signin-submit').click();
  const status = page.getByTestId('signin-status');
  await status.filter({ hasText: 'Signed in as grace@gofast.test' }).waitFor();
  // Unknown at first: the sign-in is refused, the sign-up makes the account.
  assert.deepEqual(await steps(page), [{ id: 'step-1', status: '400' }, { id: 'step-2', status: '200' }]);
  const uid = /uid (\S+)\)/.exec(await status.textContent())[1];

  const runId = await createRun(page);
  await shot(page, 'emulator-signed-up');
  const [run] = query(services.app.db,
    `SELECT staffGeneratedId, createdByFirebaseId FROM city_runs WHERE id = '${runId}'`);
  const [staff] = query(services.company.db,
    `SELECT id, firstName, lastName FROM company_staff WHERE firebaseId = '${uid}'`);
  assert.deepEqual(run, { staffGeneratedId: staff.id, createdByFirebaseId: uid });
  assert.deepEqual([staff.firstName, staff.lastName], ['Grace', 'Emulator']);

  await page.getByTestId('audit-run').click();
  assert.equal((await audited(page)).resolution, 'found');
  await view.close();
});

test('a known admin signs in with the emulator, and a wrong password is told', async () => {
  const view = await openPage(browser, services.consoleUrl);
  const { page } = view;
  await page.getByTestId('signin-email').fill('grace@gofast.test');
  await page.getByTestId('signin-password').fill('not-her-password');
  await page.getByTestId('signin-submit').click();
  const status = page.getByTestId('signin-status');
  await status.filter({ hasText: 'refused' }).waitFor();
  assert.equal(await page.getByTestId('signin-submit').isEnabled(), true);

  await page.getByTestId('signin-password').fill('grace-password');
  await page.getByTestId('signin-submit').click();
  await status.filter({ hasText: 'Signed in as grace@gofast.test' }).waitFor();
  assert.equal((await steps(page)).at(-1).status, '200');
  await view.close();
});
