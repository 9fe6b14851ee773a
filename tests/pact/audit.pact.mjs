// The app service's audit as a consumer of the company service: the real
// app_service, pointed at a Pact mock of the company, asks who created a run
// (GET /api/staff/{id} with the caller's token) and the pact records the three
// answers it must tell apart: found, not found, and a caller who is not staff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { emulatorToken, pactBetween, startService } from './support.mjs';

const { fromProviderState, like, regex, uuid } = MatchersV3;

const STAFF_ID = '0b7e5d2c-3a91-4f6e-8c4d-9e2f1a6b7c58';
const ADA = { uid: 'ada-admin-uid', email: 'ada@gofast.test' };
const OUTSIDER = { uid: 'pact-not-staff-uid', email: 'outsider@gofast.test' };
const JSON_TYPE = regex('application/json.*', 'application/json; charset=utf-8');

// Runs a service pointed at `companyMock`, stores a run by `caller` naming
// STAFF_ID, and answers the app's audit of it.
async function auditThroughApp(companyMock, caller) {
  const app = await startService('app_service', ['--company-url', companyMock.url]);
  try {
    const token = emulatorToken(caller.uid, caller.email);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${app.url}/api/runs/create`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Audited', citySlug: 'arlington', startDate: '2026-12-05',
                             meetUpPoint: 'Clarendon Metro', staffGeneratedId: STAFF_ID }),
    });
    assert.equal(created.status, 200);
    const { run } = await created.json();
    const audit = await fetch(`${app.url}/api/runs/${run.id}/creator`, { headers });
    assert.equal(audit.status, 200);
    return audit.json();
  } finally {
    await app.stop();
  }
}

const lookup = (authorization) => ({
  method: 'GET',
  path: fromProviderState('/api/staff/${id}', `/api/staff/${STAFF_ID}`),
  headers: { Authorization: authorization },
});

test('the audit reads a staff member the company has', async () => {
  const company = pactBetween('app_service', 'company_service');
  company
    .given('a staff member exists', { id: STAFF_ID, firebaseId: ADA.uid, email: ADA.email })
    .uponReceiving("the audit's lookup of an existing staff member")
    .withRequest(lookup(fromProviderState('Bearer ${token}', `Bearer ${emulatorToken(ADA.uid, ADA.email)}`)))
    .willRespondWith({
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      body: {
        success: true,
        staff: { id: uuid(STAFF_ID), firebaseId: like(ADA.uid), email: like(ADA.email), role: like('Founder') },
      },
    });
  await company.executeTest(async (mock) => {
    const audit = await auditThroughApp(mock, ADA);
    assert.equal(audit.resolution, 'found');
    assert.equal(audit.staff.id, STAFF_ID);
  });
});

test('the audit tells a dangling staff id', async () => {
  const company = pactBetween('app_service', 'company_service');
  company
    .given('a staff member exists', { firebaseId: ADA.uid, email: ADA.email })
    .given('no staff member with this id', { id: STAFF_ID })
    .uponReceiving("the audit's lookup of a staff id the company does not have")
    .withRequest(lookup(fromProviderState('Bearer ${token}', `Bearer ${emulatorToken(ADA.uid, ADA.email)}`)))
    .willRespondWith({
      status: 404,
      headers: { 'Content-Type': JSON_TYPE },
      body: { success: false, code: 'NOT_FOUND', error: like('Staff not found') },
    });
  await company.executeTest(async (mock) => {
    const audit = await auditThroughApp(mock, ADA);
    assert.equal(audit.resolution, 'not_found');
  });
});

test('the audit tells a caller the company does not count as staff', async () => {
  const company = pactBetween('app_service', 'company_service');
  company
    .given('no staff member with this id', { id: STAFF_ID })
    .uponReceiving("the audit's lookup by a caller who is not company staff")
    .withRequest(lookup(`Bearer ${emulatorToken(OUTSIDER.uid, OUTSIDER.email)}`))
    .willRespondWith({
      status: 403,
      headers: { 'Content-Type': JSON_TYPE },
      body: { success: false, code: 'NOT_COMPANY_STAFF', error: like('This account is not company staff') },
    });
  await company.executeTest(async (mock) => {
    const audit = await auditThroughApp(mock, OUTSIDER);
    assert.equal(audit.resolution, 'company_denied');
  });
});
