// The services' binaries as the Node.js test suites start them: on a free
// port (or the one given), a fresh database in a temporary folder, emulator
// auth mode, standard error in a log file there.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const PROJECT_ID = 'demo-gofast';

// A port on 127.0.0.1 free a moment ago, for a service whose address another
// must know before it starts.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const base64url = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');

// An ID token as the Firebase Auth Emulator issues one (alg "none", no
// signature) for PROJECT_ID; valid for an hour from now unless times are given.
export function emulatorToken(uid, email, {
  issuedAt = Math.floor(Date.now() / 1000), expiresAt = issuedAt + 3600 } = {}) {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
    iss: `https://securetoken.google.com/${PROJECT_ID}`,
    aud: PROJECT_ID,
    auth_time: issuedAt,
    user_id: uid,
    sub: uid,
    iat: issuedAt,
    exp: expiresAt,
    email,
    email_verified: true,
    firebase: { identities: { email: [email] }, sign_in_provider: 'password' },
  })}.`;
}

// Resolves once the service prints its "listening on" line; `log` is the
// file its standard error goes to. It sees PATH, HOME, TMPDIR and `env`
// only, so the caller's shell variables never change what it does.
export async function startService(binDir, binary, args = [], { port = 0, env = {} } = {}) {
  const folder = mkdtempSync(path.join(tmpdir(), `gofast-${binary}-`));
  const log = path.join(folder, `${binary}.log`);
  const logFd = openSync(log, 'w');
  const db = path.join(folder, 'data.db');
  const child = spawn(
    path.join(binDir, binary),
    ['--port', String(port), '--db', db, '--auth-mode', 'emulator', '--project-id', PROJECT_ID,
     ...args],
    { stdio: ['ignore', 'pipe', logFd], env: {
      PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR ?? tmpdir(), ...env,
    } });
  closeSync(logFd);
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
    db,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
