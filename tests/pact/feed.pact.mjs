// The app service's staff replica as a consumer of the company service: the
// real app_service in replica mode (--staff-mode replica), pointed at a Pact
// mock of the company, reads the company's staff change feed
// (GET /api/staff/changes with the services' internal API key) and the pact
// records what it sends and needs back: a page of changes it applies, and the
// refusal of a key the company was not given.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { emulatorToken, pactBetween, startService } from './support.mjs';

const { eachLike, like, regex, uuid } = MatchersV3;

// The key both services are given in these pacts: run.sh verify starts the
// company with --internal-api-key pact-internal-api-key (keep the two equal).
const INTERNAL_API_KEY = 'pact-internal-api-key';
const STAFF_ID = '7c1e9a4b-2d3f-4e5a-8b6c-0d9e8f7a6b51';
const MEMBER = { firebaseId: 'pact-feed-staff-uid', email: 'feed-staff@gofast.test' };
// Who calls the app: replica mode asks the company nothing about callers.
const ADA = { uid: 'ada-admin-uid', email: 'ada@gofast.test' };
const JSON_TYPE = regex('application/json.*', 'application/json; charset=utf-8');
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const AT = '2026-01-01T00:00:00.000Z';
// The sync worker reads once at start and then every interval: an hour, so
// that only the start-up round (and any round a create asks for) reaches the mock.
const HOUR_MS = '3600000';
const WAIT_MS = 10000;

// The feed read the replica makes from the start of the feed (cursor 0), with `key`.
const firstRead = (key) => ({
  method: 'GET',
  path: '/api/staff/changes',
  query: { cursor: '0', limit: '500' },
  headers: { Authorization: `Bearer ${key}` },
});

// Polls `probe` until it answers something truthy, for WAIT_MS at most.
async function waitFor(what, probe) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

// The app in replica mode, pointed at `companyMock`, sending `key`; `body`
// gets the app's answers with the caller's token.
async function withReplicaApp(companyMock, key, body) {
  const app = await startService('app_service', [
    '--staff-mode', 'replica', '--company-url', companyMock.url, '--internal-api-key', key,
    '--staff-sync-interval-ms', HOUR_MS,
  ]);
  try {
    const token = emulatorToken(ADA.uid, ADA.email);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const replicaStatus = async () => {
      const answer = await fetch(`${app.url}/api/staff-replica`, { headers });
      assert.equal(answer.status, 200);
      return answer.json();
    };
    const createRun = (staffId) => fetch(`${app.url}/api/runs/create`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Synced', citySlug: 'arlington', startDate: '2026-12-05',
                             meetUpPoint: 'Clarendon Metro', staffGeneratedId: staffId }),
    });
    return await body({ app, replicaStatus, createRun });
  } finally {
    await app.stop();
  }
}

test('the replica applies the changes the company feed answers', async () => {
  const company = pactBetween('app_service', 'company_service');
  company
    .given('a staff member exists', { id: STAFF_ID, ...MEMBER })
    .uponReceiving("the replica's first read of the staff change feed")
    .withRequest(firstRead(INTERNAL_API_KEY))
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      // The provider's feed may hold more changes, of any kind, than the
      // state's: the example is one change, cursor "1", which the app's page
      // check takes (cursors rising past the one asked, nextCursor the last).
      // firstName, lastName and companyId are text or null, so left out.
      body: {
        success: true,
        changes: eachLike({
          cursor: regex(/^[0-9]+$/, '1'),
          kind: regex(/^(created|linked|updated|removed)$/, 'created'),
          staff: {
            id: uuid(STAFF_ID),
            firebaseId: like(MEMBER.firebaseId),
            email: like(MEMBER.email),
            role: like('Founder'),
            updatedAt: regex(TIMESTAMP, AT),
          },
          at: regex(TIMESTAMP, AT),
        }),
        nextCursor: regex(/^[0-9]+$/, '1'),
      },
    });
  await company.executeTest((mock) =>
    withReplicaApp(mock, INTERNAL_API_KEY, async ({ replicaStatus, createRun }) => {
      const status = await waitFor('the start-up sync to apply a change', async () => {
        const answer = await replicaStatus();
        return answer.appliedChanges >= 1 && answer;
      });
      assert.equal(status.cursor, '1');
      assert.notEqual(status.lastSyncAt, null);
      const created = await createRun(STAFF_ID);
      assert.equal(created.status, 200);
      const { run } = await created.json();
      assert.equal(run.staffGeneratedId, STAFF_ID);
      assert.deepEqual(run.createdBy,
                       { id: STAFF_ID, name: null, email: MEMBER.email, role: 'Founder' });
    }));
});

test('the feed refuses another key', async () => {
  const company = pactBetween('app_service', 'company_service');
  // The refusal depends on no data; the state is there because the services'
  // POST /_test/provider-states refuses the verifier's call for an interaction
  // without one (a state named "").
  company
    .given('a staff member exists')
    .uponReceiving("the replica's read of the staff change feed with a key the company was not given")
    .withRequest(firstRead('wrong-key'))
    .willRespondWith({
      status: 401,
      headers: { 'Content-Type': JSON_TYPE },
      body: { success: false, code: 'INVALID_TOKEN', error: like('This route is for services') },
    });
  await company.executeTest((mock) =>
    withReplicaApp(mock, 'wrong-key', async ({ app, replicaStatus, createRun }) => {
      // The start-up round reads the feed, is refused, and says so once.
      await waitFor('the start-up sync to fail', () =>
        readFileSync(app.log, 'utf8').includes('staff sync: '));
      const status = await replicaStatus();
      assert.equal(status.appliedChanges, 0);
      assert.equal(status.lastSyncAt, null);
      // A staff id the replica does not know asks for a round at once: the
      // same read, refused again.
      const created = await createRun(randomUUID());
      assert.equal(created.status, 503);
      assert.equal((await created.json()).code, 'STAFF_SYNC_UNAVAILABLE');
    }));
});
