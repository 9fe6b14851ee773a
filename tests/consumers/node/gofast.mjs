// A small client for the two GoFast services, as `gofast exec` starts them.
// Plain Node.js 18+: global fetch and Buffer, no npm dependencies.
//
// Copy this file beside your own tests; gofast_flow.test.mjs shows it in use.

// ---------------------------------------------------------------------------
// The environment gofast exec sets.

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the suite under gofast exec, e.g. ` +
        '`build/bin/gofast exec -- node --test tests/consumers/node/*.test.mjs`');
  }
  return value;
}

export function gofastEnv() {
  return {
    companyUrl: required('GOFAST_COMPANY_URL'),
    appUrl: required('GOFAST_APP_URL'),
    projectId: required('GOFAST_PROJECT_ID'),
    // Ada Admin (ada@gofast.test): set in emulator mode only, which is gofast exec's default.
    adminToken: required('GOFAST_ADMIN_TOKEN'),
  };
}

// ---------------------------------------------------------------------------
// Tokens: the unsigned form the Firebase Auth Emulator issues (alg "none", empty
// signature). The services take them with --auth-mode emulator, as gofast exec
// starts them; never in production mode.

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function mintEmulatorToken({ projectId, uid, email, name, emailVerified = true,
                                    lifetimeSeconds = 3600 }) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    auth_time: now,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + lifetimeSeconds,
    firebase: { identities: {}, sign_in_provider: 'custom' },
  };
  if (email !== undefined) {
    payload.email = email;
    payload.email_verified = emailVerified;
    payload.firebase = { identities: { email: [email] }, sign_in_provider: 'password' };
  }
  if (name !== undefined) payload.name = name;
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

// The uid (sub) a token names, e.g. the admin's, to compare with createdByFirebaseId.
export function uidOf(token) {
  const payload = token.split('.')[1];
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub;
}

// ---------------------------------------------------------------------------
// HTTP: one call, answered as { status, headers, body } (body parsed when JSON).

export async function call(baseUrl, method, path, { token, body, headers = {} } = {}) {
  const sent = { ...headers };
  if (token !== undefined) sent.authorization = `Bearer ${token}`;
  let text;
  if (body !== undefined) {
    text = typeof body === 'string' ? body : JSON.stringify(body);
    sent['content-type'] = 'application/json';
  }
  const response = await fetch(new URL(path, baseUrl), { method, headers: sent, body: text });
  const answer = await response.text();
  let parsed = answer;
  if ((response.headers.get('content-type') || '').startsWith('application/json')) {
    parsed = JSON.parse(answer);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

// ---------------------------------------------------------------------------
// The test API (on with --test-api, which gofast exec gives both services in
// emulator mode): DELETE /_test/data, POST /_test/seed, GET /_test/export.

export function testApi(baseUrl) {
  return {
    // 204; the company keeps its single tenant row, reset to its defaults.
    async reset() {
      const answer = await call(baseUrl, 'DELETE', '/_test/data');
      if (answer.status !== 204) {
        throw new Error(`DELETE ${baseUrl}/_test/data answered ${answer.status}: ` +
                        JSON.stringify(answer.body));
      }
    },
    // Merges the document: { success, stored, skipped }; throws on any other answer
    // (409 a row that conflicts with a stored one, 400 a field it does not know).
    async seed(document) {
      const answer = await call(baseUrl, 'POST', '/_test/seed', { body: document });
      if (answer.status !== 200) {
        throw new Error(`POST ${baseUrl}/_test/seed answered ${answer.status}: ` +
                        JSON.stringify(answer.body));
      }
      return answer.body;
    },
    // The whole data, as a seed document.
    async export() {
      return (await call(baseUrl, 'GET', '/_test/export')).body;
    },
    // The raw answer of a seed, for tests of the seed itself.
    seedAnswer(document) {
      return call(baseUrl, 'POST', '/_test/seed', { body: document });
    },
  };
}

// A run id the app accepts in a seed: a cuid, 'c' and 24 of [a-z0-9].
export function newCuid() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'c';
  for (let i = 0; i < 24; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}
