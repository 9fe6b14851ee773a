// scripts/bench: the test API's cost between two tests of another team's suite.
// Usage: node reset_and_seed.mjs COMPANY_URL APP_URL ROUNDS
// Each round resets both services (DELETE /_test/data) and seeds them
// (POST /_test/seed): 100 staff rows into the company, 1,000 runs into the
// app, the two services at once, as a suite's beforeEach would. Prints one line:
//   reset_seed_ms median=M p90=P min=A max=B rounds=R staff=100 runs=1000
const [companyUrl, appUrl, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText);
const staffRows = 100;
const runRows = 1000;

const company = {
  staff: Array.from({ length: staffRows }, (_, i) => ({
    firebaseId: `bench-staff-${i}`,
    email: `staff${i}@gofast.test`,
    role: i === 0 ? "Founder" : "Community Manager",
    firstName: `Staff${i}`,
  })),
};
const app = {
  runClubs: [{ slug: "arlington-runners", name: "Arlington Runners" }],
  runs: Array.from({ length: runRows }, (_, i) => ({
    citySlug: "arlington",
    runClubSlug: "arlington-runners",
    staffGeneratedId: `00000000-0000-4000-8000-${String(i % staffRows).padStart(12, "0")}`,
    createdByFirebaseId: "bench-staff-0",
    title: `Seeded run ${i}`,
    startDate: "2026-01-28T12:00:00.000Z",
    meetUpPoint: "Gateway Park",
    totalMiles: 3.1,
  })),
};

async function call(method, url, body) {
  const answer = await fetch(url, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${text.slice(0, 300)}`);
}

async function resetAndSeed(base, document) {
  await call("DELETE", `${base}/_test/data`);
  await call("POST", `${base}/_test/seed`, document);
}

const times = [];
for (let round = 0; round <= rounds; round++) {
  const start = process.hrtime.bigint();
  await Promise.all([resetAndSeed(companyUrl, company), resetAndSeed(appUrl, app)]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (round > 0) times.push(ms);  // round 0 warms up
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(
  `reset_seed_ms median=${at(0.5)} p90=${at(0.9)} min=${times[0].toFixed(1)} ` +
    `max=${times[times.length - 1].toFixed(1)} rounds=${rounds} staff=${staffRows} runs=${runRows}`,
);
