// The real Firebase Auth Emulator (firebase-tools from node_modules/), as
// tests/e2e/emulator_test.cc starts it: free ports, no UI, a private folder
// with its own HOME and TMPDIR, offline, no prompts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/services.mjs';

export const FIREBASE_CLI = fileURLToPath(new URL('../../node_modules/.bin/firebase', import.meta.url));

export function authEmulatorInstalled() {
  return existsSync(FIREBASE_CLI);
}

export async function startAuthEmulator(projectId) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gofast-auth-emulator-'));
  const port = await freePort();
  const home = path.join(dir, 'home');
  // The emulator cannot bind port 0; its hub and logging ports would
  // otherwise default to ports shared by every run on the machine.
  writeFileSync(path.join(dir, 'firebase.json'), JSON.stringify({ emulators: {
    auth: { host: '127.0.0.1', port },
    hub: { host: '127.0.0.1', port: await freePort() },
    logging: { host: '127.0.0.1', port: await freePort() },
    ui: { enabled: false },
    singleProjectMode: true,
  } }));
  // A message of the day fetched just now: the CLI then does not fetch one.
  mkdirSync(path.join(home, '.config', 'configstore'), { recursive: true });
  writeFileSync(path.join(home, '.config', 'configstore', 'firebase-tools.json'),
    JSON.stringify({ motd: { fetched: Date.now() } }));
  const log = openSync(path.join(dir, 'emulator.log'), 'w');
  const child = spawn(process.execPath, [FIREBASE_CLI, 'emulators:start', '--only', 'auth',
    '--project', projectId], {
    cwd: dir,
    detached: true,  // its own process group: the CLI's helpers stop with it
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH, HOME: home, TMPDIR: dir, CI: 'true', NO_UPDATE_NOTIFIER: '1',
      METADATA_SERVER_DETECTION: 'none' },
  });
  closeSync(log);
  const host = `127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const killer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 10000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // GET / answers JSON once it is up: the CLI prints no line to wait for.
  for (const deadline = Date.now() + 60000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) break;
    try {
      const answer = await fetch(`http://${host}/`).then((r) => r.json());
      if (answer.authEmulator) return { host, stop };
    } catch {
      // not up yet
    }
  }
  await stop();
  throw new Error('the Auth Emulator did not start within 60 s');
}
