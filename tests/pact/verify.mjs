// Verifies pact files against running services with Pact's own verifier:
//   node verify.mjs --company-url URL --app-url URL PACT_FILE...
// Each pact goes to the service its provider names (company_service or
// app_service); provider states are set and torn down through the service's
// POST /_test/provider-states. Exits 1 when any interaction is not honoured.
import { readFileSync } from 'node:fs';
import pact from '@pact-foundation/pact-core';

const urls = {};
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--company-url' || args[i] === '--app-url') {
    urls[args[i] === '--company-url' ? 'company_service' : 'app_service'] = args[++i];
  } else {
    files.push(args[i]);
  }
}
if (files.length === 0) {
  console.error('usage: verify.mjs --company-url URL --app-url URL PACT_FILE...');
  process.exit(2);
}

const byProvider = {};
for (const file of files) {
  const provider = JSON.parse(readFileSync(file, 'utf8')).provider?.name;
  if (!urls[provider]) {
    console.error(`${file}: its provider is "${provider}"; these services are company_service and app_service`);
    process.exit(2);
  }
  (byProvider[provider] ??= []).push(file);
}

let failed = false;
for (const [provider, pactUrls] of Object.entries(byProvider)) {
  console.log(`verifying ${provider} at ${urls[provider]}: ${pactUrls.join(' ')}`);
  try {
    await pact.verifyPacts({
      provider,
      providerBaseUrl: urls[provider],
      pactUrls,
      providerStatesSetupUrl: `${urls[provider]}/_test/provider-states`,
      providerStatesSetupTeardown: true,
      providerStatesSetupBody: true,
      logLevel: 'warn',
    });
  } catch {
    // Pact's report above names each interaction that failed, and why.
    console.error(`${provider} does not honour every pact`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
