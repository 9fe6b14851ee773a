// What the Pact tests share: the services' binaries, emulator-form tokens, and
// where pacts are written. Paths come from the environment run.sh sets.
import { PactV3, SpecificationVersion } from '@pact-foundation/pact';
import {
  PROJECT_ID, emulatorToken as emulatorTokenAt, startService as startServiceIn,
} from '../support/services.mjs';

export { PROJECT_ID };
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

// An emulator-form ID token valid from 2026 to 2100: the pacts hold it
// verbatim, so it must not change from one run to the next.
export function emulatorToken(uid, email) {
  return emulatorTokenAt(uid, email, {
    issuedAt: 1767225600,  // 2026-01-01T00:00:00Z
    expiresAt: 4102444800,  // 2100-01-01T00:00:00Z
  });
}

// A service binary on a free port with a database in a temporary folder, in
// emulator auth mode, without an access log; resolves once it listens.
export function startService(binary, args = []) {
  return startServiceIn(BIN_DIR, binary, ['--access-log', 'off', ...args]);
}
