// scripts/bench: Option 2's sync lag under a steady stream of staff changes.
// Usage: node sync_lag.mjs COMPANY_URL APP_URL TOKEN STAFF_ID CHANGES_PER_S SECONDS
// The app runs in replica mode and nothing else writes staff. Each change is
// a PATCH of STAFF_ID's firstName (TOKEN is a Founder's); its lag is the
// time from the company's answer to the first poll of the app's
// GET /api/staff-replica (every 2 ms) whose cursor has reached it: the
// positions follow one another, so the i-th change of the stream is the
// starting cursor + i. Prints one line:
//   sync_lag_ms changes=N p50=A p99=B max=C
const [companyUrl, appUrl, token, staffId, rateText, secondsText] = process.argv.slice(2);
const rate = Number(rateText);
const seconds = Number(secondsText);
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function replicaCursor() {
  const answer = await fetch(`${appUrl}/api/staff-replica`, { headers });
  if (answer.status !== 200) throw new Error(`GET /api/staff-replica answered ${answer.status}`);
  return Number((await answer.json()).cursor);
}

// Caught up first: the cursor stops moving across two polls a sync interval apart.
let start = await replicaCursor();
for (;;) {
  await sleep(1500);
  const now = await replicaCursor();
  if (now === start && now > 0) break;
  start = now;
}

const sentAt = new Map(); // position -> time of the company's answer
const lags = [];
let producing = true;
const producer = (async () => {
  const total = Math.round(rate * seconds);
  const begin = performance.now();
  for (let i = 1; i <= total; i++) {
    await sleep(Math.max(0, begin + (i * 1000) / rate - performance.now()));
    const answer = await fetch(`${companyUrl}/api/staff/${staffId}`, {
      method: 'PATCH', headers, body: JSON.stringify({ firstName: `Lag${i}` }),
    });
    if (answer.status !== 200) throw new Error(`PATCH answered ${answer.status}`);
    await answer.arrayBuffer();
    sentAt.set(start + i, performance.now());
  }
  producing = false;
})();

const deadline = performance.now() + (seconds + 15) * 1000;
while ((producing || sentAt.size > 0) && performance.now() < deadline) {
  const cursor = await replicaCursor();
  const now = performance.now();
  for (const [position, at] of sentAt) {
    if (position <= cursor) {
      lags.push(now - at);
      sentAt.delete(position);
    }
  }
  await sleep(2);
}
await producer;
if (sentAt.size > 0) throw new Error(`${sentAt.size} changes never reached the replica`);
lags.sort((a, b) => a - b);
const pick = (q) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))].toFixed(0);
console.log(`sync_lag_ms changes=${lags.length} p50=${pick(0.5)} p99=${pick(0.99)} max=${lags[lags.length - 1].toFixed(0)}`);
