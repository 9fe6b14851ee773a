// The GoFast flow from a Node.js test suite: both services as `gofast exec`
// starts them, reset and seeded through their test API before each test, and
// spoken to with fetch. Run it with:
//
//   build/bin/gofast exec -- node --test tests/consumers/node/*.test.mjs
//
// Every test starts from the same data (beforeEach), so they can run in any
// order; they share both services, so keep them in one file (node --test runs
// files in parallel).
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import { call, gofastEnv, mintEmulatorToken, newCuid, testApi, uidOf } from './gofast.mjs';

const env = gofastEnv();
const company = testApi(env.companyUrl);
const app = testApi(env.appUrl);

// Ada Admin, as gofast exec signs her in.
const admin = { token: env.adminToken, uid: uidOf(env.adminToken) };
// Rita: signed in with the same Firebase project, but not company staff.
const runner = {
  uid: 'rita-runner-uid',
  token: mintEmulatorToken({
    projectId: env.projectId, uid: 'rita-runner-uid', email: 'rita@runners.test',
    name: 'Rita Runner',
  }),
};

// Seeded before each test: a staff member of another account, and a run club.
const sam = {
  id: '5a3e1c9b-7d2f-4e8a-9b1c-2d3e4f5a6b7c',
  firebaseId: 'sam-steward-uid',
  email: 'sam@gofast.test',
  role: 'Community Manager',
  firstName: 'Sam',
  lastName: 'Steward',
};
const club = { slug: 'dc-run-crew', name: 'DC Run Crew' };

// What the company's "Create run" dialog sends (see README's curl session).
function runBody(fields) {
  return {
    runClub: club,
    title: 'Wednesday Sunrise 5K',
    meetUpAddress: '1200 Wilson Blvd, Arlington, VA 22209, USA',
    startDate: '2026-01-28',
    startTimeHour: 6,
    startTimeMinute: '30',
    startTimePeriod: 'am',
    meetUpPoint: 'Gateway Park',
    totalMiles: 3.1,
    ...fields,
  };
}

// Step 2 of the dialog: the caller's staff row on the company (found or created).
async function findOrCreateStaff(token) {
  const answer = await call(env.companyUrl, 'POST', '/api/staff/find-or-create', { token });
  assert.ok([200, 201].includes(answer.status), JSON.stringify(answer.body));
  return answer.body.staff;
}

async function createRun(token, body, headers = {}) {
  return call(env.appUrl, 'POST', '/api/runs/create', { token, body, headers });
}

async function audit(token, runId) {
  const answer = await call(env.appUrl, 'GET', `/api/runs/${runId}/creator`, { token });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

describe('GoFast from Node.js, under gofast exec', () => {
  beforeEach(async () => {
    await Promise.all([company.reset(), app.reset()]);
    await Promise.all([company.seed({ staff: [sam] }), app.seed({ runClubs: [club] })]);
  });

  it('plays the Create run dialog: find-or-create, create, audit found', async () => {
    // 1. The admin is signed in: gofast exec hands her token over.
    // 2. Her staff row on the company: created the first time (201), with a UUID.
    const created = await call(env.companyUrl, 'POST', '/api/staff/find-or-create',
                               { token: admin.token });
    assert.equal(created.status, 201);
    assert.equal(created.body.staff.firebaseId, admin.uid);
    assert.match(created.body.staff.id, /^[0-9a-f-]{36}$/);
    const again = await call(env.companyUrl, 'POST', '/api/staff/find-or-create',
                             { token: admin.token });
    assert.equal(again.status, 200);
    assert.equal(again.body.staff.id, created.body.staff.id);

    // 3. The run on the app, with the staff id exactly as given.
    const run = await createRun(admin.token, runBody({ staffGeneratedId: created.body.staff.id }));
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.equal(run.body.run.staffGeneratedId, created.body.staff.id);
    assert.equal(run.body.run.createdByFirebaseId, admin.uid);
    assert.equal(run.body.run.citySlug, 'arlington');
    assert.equal(run.body.run.startDate, '2026-01-28T12:00:00.000Z');

    // 4. The audit asks the company who that staff id is.
    const answer = await audit(admin.token, run.body.run.id);
    assert.equal(answer.resolution, 'found');
    assert.equal(answer.companyStatus, 200);
    assert.equal(answer.staff.id, created.body.staff.id);
    assert.equal(answer.staff.email, 'ada@gofast.test');
    assert.equal(answer.run.id, run.body.run.id);
  });

  it('audits mismatch: the run names the staff row of another account', async () => {
    await findOrCreateStaff(admin.token);  // the admin may read staff
    const run = await createRun(admin.token, runBody({ staffGeneratedId: sam.id }));
    assert.equal(run.status, 200, JSON.stringify(run.body));

    const answer = await audit(admin.token, run.body.run.id);
    assert.equal(answer.resolution, 'mismatch');
    assert.equal(answer.staff.id, sam.id);
    assert.equal(answer.staff.firebaseId, sam.firebaseId);  // not the run's createdByFirebaseId
    assert.equal(answer.run.createdByFirebaseId, admin.uid);
  });

  it('audits not_found: the run names a staff id that exists nowhere', async () => {
    await findOrCreateStaff(admin.token);
    const nobody = '00000000-0000-4000-8000-000000000000';
    const run = await createRun(admin.token, runBody({ staffGeneratedId: nobody }));
    assert.equal(run.status, 200, 'the app stores any staff id: it checks nothing');

    const answer = await audit(admin.token, run.body.run.id);
    assert.equal(answer.resolution, 'not_found');
    assert.equal(answer.companyStatus, 404);
    assert.equal(answer.staff, null);
  });

  it('audits company_denied: the caller is signed in but not company staff', async () => {
    const staff = await findOrCreateStaff(admin.token);
    const run = await createRun(admin.token, runBody({ staffGeneratedId: staff.id }));
    assert.equal(run.status, 200, JSON.stringify(run.body));

    // The app lets any valid token read; the company refuses Rita (403 NOT_COMPANY_STAFF)...
    const direct = await call(env.companyUrl, 'GET', `/api/staff/${staff.id}`,
                              { token: runner.token });
    assert.equal(direct.status, 403);
    assert.equal(direct.body.code, 'NOT_COMPANY_STAFF');
    // ...and the audit forwards her token, so it says so.
    const answer = await audit(runner.token, run.body.run.id);
    assert.equal(answer.resolution, 'company_denied');
    assert.equal(answer.companyStatus, 403);
    assert.equal(answer.staff, null);
  });

  it('audits company_unavailable: the company refuses the look-up (414)', async () => {
    // Any company answer but 200, 401, 403 and 404 is company_unavailable, like no answer at
    // all. A staff id of 2,000 non-ASCII characters (the most the app stores) becomes 12,000
    // bytes of percent-encoded path: over the company's 8,192-byte request line, so the company
    // refuses the look-up itself (414 URI_TOO_LONG), with both services up.
    const staff = await findOrCreateStaff(admin.token);
    const tooLong = 'é'.repeat(2000);
    const run = await createRun(admin.token, runBody({ staffGeneratedId: tooLong }));
    assert.equal(run.status, 200, JSON.stringify(run.body));

    const answer = await audit(admin.token, run.body.run.id);
    assert.equal(answer.resolution, 'company_unavailable');
    assert.equal(answer.companyStatus, 414);
    assert.equal(answer.staff, null);
    assert.equal(answer.reason, 'the company service answered 414');

    // The company is fine: a run with a usable id is still found.
    const usable = await createRun(admin.token, runBody({ staffGeneratedId: staff.id,
                                                          title: 'Thursday Hills' }));
    assert.equal((await audit(admin.token, usable.body.run.id)).resolution, 'found');
  });

  it('audits athlete: a run made by an athlete, with no staff id', async () => {
    const athlete = await call(env.appUrl, 'POST', '/api/athlete/create', { token: runner.token });
    assert.equal(athlete.status, 201);
    assert.equal(athlete.body.created, true);
    assert.equal(athlete.body.athlete.firebaseId, runner.uid);

    const run = await createRun(runner.token,
                                runBody({ athleteGeneratedId: athlete.body.athlete.id }));
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.equal(run.body.run.staffGeneratedId, null);

    const answer = await audit(runner.token, run.body.run.id);
    assert.equal(answer.resolution, 'athlete');
    assert.equal(answer.companyStatus, null, 'the company is not asked');
    assert.equal(answer.staff, null);
  });

  it('seeds runs through the test API and reads them back by staffGeneratedId', async () => {
    // Runs Sam made, seeded as rows: no dialog, no token.
    const seeded = {
      runs: [
        { id: newCuid(), citySlug: 'arlington', createdByFirebaseId: sam.firebaseId,
          staffGeneratedId: sam.id, runClubSlug: club.slug, title: 'Tempo Tuesday',
          startDate: '2026-02-03T11:30:00.000Z', meetUpPoint: 'Gateway Park',
          createdAt: '2026-01-20T09:00:00.000Z' },
        { id: newCuid(), citySlug: 'arlington', createdByFirebaseId: sam.firebaseId,
          staffGeneratedId: sam.id, title: 'Long Run Sunday',
          startDate: '2026-02-08T13:00:00.000Z', meetUpPoint: 'Key Bridge',
          createdAt: '2026-01-21T09:00:00.000Z' },
        { id: newCuid(), citySlug: 'washington', createdByFirebaseId: 'someone-else',
          staffGeneratedId: 'another-staff-id', title: 'Not Sam\'s',
          startDate: '2026-02-08T13:00:00.000Z', meetUpPoint: 'The Mall' },
      ],
    };
    assert.deepEqual(await app.seed(seeded), { success: true, stored: 3, skipped: 0 });
    // A seed merges: the same rows again are skipped; a changed one is a 409.
    assert.deepEqual(await app.seed(seeded), { success: true, stored: 0, skipped: 3 });
    const changed = { runs: [{ ...seeded.runs[0], title: 'Renamed' }] };
    assert.equal((await app.seedAnswer(changed)).status, 409);

    const listed = await call(env.appUrl, 'GET',
                              `/api/runs?staffGeneratedId=${encodeURIComponent(sam.id)}`,
                              { token: admin.token });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.runs.map((run) => run.title),
                     ['Long Run Sunday', 'Tempo Tuesday']);  // newest first
    assert.equal(listed.body.nextCursor, null);

    // Seeded rows are audited like any other: Sam's row is on the company (beforeEach).
    await findOrCreateStaff(admin.token);
    const answer = await audit(admin.token, seeded.runs[0].id);
    assert.equal(answer.resolution, 'found');
    assert.equal(answer.staff.email, sam.email);
  });

  it('refuses a duplicate run: 409 DUPLICATE_RUN (same club, title and day)', async () => {
    const staff = await findOrCreateStaff(admin.token);
    const first = await createRun(admin.token, runBody({ staffGeneratedId: staff.id }));
    assert.equal(first.status, 200, JSON.stringify(first.body));

    const again = await createRun(admin.token, runBody({
      staffGeneratedId: staff.id, title: '  wednesday sunrise 5k ', startTimeHour: 7,
    }));
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'DUPLICATE_RUN');
    assert.equal(again.body.duplicate, true);
    assert.equal(again.body.existingRunId, first.body.run.id);
    assert.equal((await app.export()).runs.length, 1, 'nothing stored');
  });

  it('replays a retried create with the same Idempotency-Key', async () => {
    const staff = await findOrCreateStaff(admin.token);
    const body = JSON.stringify(runBody({ staffGeneratedId: staff.id }));
    const key = { 'Idempotency-Key': 'create-run-7f3a' };

    const first = await createRun(admin.token, body, key);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.headers.get('idempotent-replayed'), null);

    // A double-click or a retry: the same key and the same bytes.
    const retry = await createRun(admin.token, body, key);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(retry.body.run.id, first.body.run.id);

    // The same key with another body is refused.
    const other = await createRun(admin.token, runBody({ staffGeneratedId: staff.id,
                                                         title: 'Another run' }), key);
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal((await app.export()).runs.length, 1, 'one run stored');
  });
});
