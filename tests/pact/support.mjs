// What the Pact tests share: the services' binaries, emulator-form tokens, and
// where pacts are written. Paths come from the environment run.sh sets.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PactV3, SpecificationVersion } from '@pact-foundation/pact';

export const PROJECT_ID = 'demo-gofast';
export const BIN_DIR = process.env.GOFAST_BIN_DIR;
// Where consumer tests write their pacts: shared/contracts/pacts/ when run to
// update them, a temporary folder when run to compare.
export const PACT_DIR = process.env.GOFAST_PACT_DIR;

// One consumer-provider pair, written as Pact specification v3.
export function pactBetween(consumer, provider) {
  return new PactV3({
    consumer,
    provider,
    dir: PACT_DIR,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V3,
    logLevel: 'error',
  });
}

const base64url = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');

// An ID token as the Firebase Auth Emulator issues one (alg "none", no
// signature) for PROJECT_ID, valid from 2026 to 2100: the pacts hold it
// verbatim, so it must not change from one run to the next.
export function emulatorToken(uid, email) {
  const issuedAt = 1767225600;  // 2026-01-01T00:00:00Z
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
    iss: `https://securetoken.google.com/${PROJECT_ID}`,
    aud: PROJECT_ID,
    auth_time: issuedAt,
    user_id: uid,
    sub: uid,
    iat: issuedAt,
    exp: 4102444800,  // 2100-01-01T00:00:00Z
    email,
    email_verified: true,
    firebase: { identities: { email: [email] }, sign_in_provider: 'password' },
  })}.`;
}

// A service binary on a free port with a database in a temporary folder, in
// emulator auth mode; resolves once it prints its "listening on" line.
export async function startService(binary, args = []) {
  const folder = mkdtempSync(path.join(tmpdir(), 'gofast-pact-'));
  const child = spawn(
    path.join(BIN_DIR, binary),
    ['--port', '0', '--db', path.join(folder, 'data.db'), '--auth-mode', 'emulator',
     '--project-id', PROJECT_ID, '--access-log', 'off', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${binary} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const found = /listening on (http:\/\/\S+)/.exec(line);
      if (found) resolve(found[1]);
      else reject(new Error(`${binary} printed ${line}`));
    });
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
