// The Create-run dialog as a consumer of both services: `gofast dialog` (the
// project's own client code) runs against Pact mock servers of the company
// and the app service, and the pacts record what it sends and needs back.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { MatchersV3 } from '@pact-foundation/pact';
import { BIN_DIR, emulatorToken, pactBetween } from './support.mjs';

const { eachLike, fromProviderState, like, regex, uuid } = MatchersV3;

const CONSUMER = 'create-run-dialog';
const ADMIN_TOKEN = emulatorToken('ada-admin-uid', 'ada@gofast.test');
const STAFF_ID = '4f9c2a8e-7d1b-4c3e-9a5f-2b8d6e1c0a47';
const RUN_ID = 'cmiqk3u5w0000pactdialog01';
const TITLE = 'Saturday long run';
const JSON_TYPE = regex('application/json.*', 'application/json; charset=utf-8');

// The run the dialog's form makes (SampleRunForm in shared/devkit/create_run_dialog.cc).
const FORM = {
  title: TITLE,
  runClub: { slug: 'arlington-runners', name: 'Arlington Runners', city: 'Arlington' },
  meetUpCity: 'Arlington',
  meetUpState: 'VA',
  meetUpPoint: 'Clarendon Metro, north exit',
  meetUpStreetAddress: '3100 Wilson Blvd',
  startDate: '2026-12-05',
  startTimeHour: 7,
  startTimeMinute: 30,
  startTimePeriod: 'AM',
  timezone: 'America/New_York',
  totalMiles: 6.2,
  pace: '9:30/mi',
};
// What the dialog reads of a run: its id, and the staff id it carries.
const RUN = { id: like(RUN_ID), staffGeneratedId: uuid(STAFF_ID), title: like(TITLE) };

// The token of the state's user where a state names one; the admin's otherwise.
const bearer = (fromState) =>
  fromState ? fromProviderState('Bearer ${token}', `Bearer ${ADMIN_TOKEN}`) : `Bearer ${ADMIN_TOKEN}`;

test('the dialog finds the admin, creates a run, lists, reads and audits it', async () => {
  const company = pactBetween(CONSUMER, 'company_service');
  company
    .given('a staff member exists', { id: STAFF_ID, role: 'Founder' })
    .uponReceiving("the dialog's find-or-create for the signed-in admin")
    .withRequest({
      method: 'POST',
      path: '/api/staff/find-or-create',
      headers: { Authorization: bearer(true), 'Content-Type': 'application/json' },
      body: {},
    })
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      body: { success: true, staff: { id: uuid(STAFF_ID) } },
    });

  const app = pactBetween(CONSUMER, 'app_service');
  app
    .given('no runs')
    .uponReceiving("the dialog's run, carrying the staff id")
    .withRequest({
      method: 'POST',
      path: '/api/runs/create',
      headers: { Authorization: bearer(false), 'Content-Type': 'application/json' },
      body: { ...FORM, staffGeneratedId: uuid(STAFF_ID) },
    })
    .willRespondWith({ status: 200, headers: { 'Content-Type': JSON_TYPE }, body: { success: true, run: RUN } });
  app
    .given('a run exists', { id: RUN_ID, staffGeneratedId: STAFF_ID, title: TITLE })
    .uponReceiving("a list of the staff member's runs")
    .withRequest({
      method: 'GET',
      path: '/api/runs',
      query: { staffGeneratedId: STAFF_ID },
      headers: { Authorization: bearer(true) },
    })
    .willRespondWith({ status: 200, headers: { 'Content-Type': JSON_TYPE }, body: { success: true, runs: eachLike(RUN) } });
  app
    .given('a run exists', { id: RUN_ID, staffGeneratedId: STAFF_ID, title: TITLE })
    .uponReceiving('a read of the new run')
    .withRequest({ method: 'GET', path: `/api/runs/${RUN_ID}`, headers: { Authorization: bearer(true) } })
    .willRespondWith({ status: 200, headers: { 'Content-Type': JSON_TYPE }, body: { success: true, run: RUN } });
  app
    .given('a run exists', { id: RUN_ID, staffGeneratedId: STAFF_ID, title: TITLE })
    .uponReceiving('the audit of who created the run')
    .withRequest({
      method: 'GET',
      path: `/api/runs/${RUN_ID}/creator`,
      headers: { Authorization: bearer(true) },
    })
    // Which resolution depends on the company behind the app: the dialog shows any of them.
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      body: { success: true, run: RUN, resolution: like('found') },
    });

  await company.executeTest((companyMock) =>
    app.executeTest(async (appMock) => {
      const { stdout } = await promisify(execFile)(path.join(BIN_DIR, 'gofast'), [
        'dialog', '--company-url', companyMock.url, '--app-url', appMock.url,
        '--token', ADMIN_TOKEN, '--title', TITLE,
      ]);
      const steps = stdout.trim().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(steps.map((step) => [step.step, step.status]), [
        ['find-or-create staff', 200],
        ['create run', 200],
        ['list runs by staff id', 200],
        ['read run', 200],
        ['audit', 200],
      ]);
      assert.equal(steps[4].body.run.id, RUN_ID);
    }));
});
