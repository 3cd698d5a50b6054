// npm run bench: measures a local `wrangler dev` worker (own persist dir .wrangler/bench, port 8799).
//   1. inbound SMS webhook throughput/latency vs. the no-op GET /healthz, same load;
//   2. GET /api/tickets latency per view/filter over 100,000 tickets loaded straight into local D1.
// Not part of `npm test`. Numbers from a laptop-class machine under workerd, not production.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT, WRANGLER, apiClient, applyMigrations, run, startWorker, twilioSignature, waitForHealth } from "../../scripts/lib/dev.mjs";
import { writeDataset } from "./dataset.mjs";
import { load, summarize, table } from "./stats.mjs";

const PORT = 8799;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = ".wrangler/bench";
const AUTH_TOKEN = "bench-twilio-auth-token";
const BRAND = "+12025550199";
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 4000);
const PHONES = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const AREAS = [201, 202, 203, 205, 206, 207, 208, 209, 210, 212];

const api = apiClient(BASE);
let worker;

async function startBenchWorker() {
  worker = startWorker({ port: PORT, persistTo: PERSIST, prefix: "[bench worker] ", logLevel: "error" });
  await waitForHealth(BASE, { exited: worker.exited });
}

async function stopBenchWorker() {
  await worker?.stop();
  worker = undefined;
}

async function setup() {
  const { body } = await api("POST", "/api/setup", {
    token: "dev-setup-token",
    body: { workspace: { name: "Bench Outfitters", timezone: "America/New_York" }, owner: { name: "Bench Owner", email: "owner@bench.example" } },
  });
  const token = body.token;
  await api("PUT", "/api/settings", { token, body: { sms: { authToken: AUTH_TOKEN, fromNumber: BRAND } } });
  const others = [];
  for (const name of ["Ana", "Ben", "Cy"]) {
    const res = await api("POST", "/api/agents", { token, body: { name: `${name} Support`, email: `${name.toLowerCase()}@bench.example`, role: "support" } });
    others.push(res.body.agent.id);
  }
  return { workspaceId: body.workspace.id, ownerId: body.agent.id, token, others };
}

/** Signed requests are built before the clock starts, so the client's HMAC cost is not measured. */
function webhookRequests(workspaceId) {
  const url = `${BASE}/webhooks/${workspaceId}/twilio/sms`;
  return Array.from({ length: WEBHOOKS }, (_, i) => {
    const p = i % PHONES;
    const params = {
      MessageSid: `SM${createHash("md5").update(`bench-${i}`).digest("hex")}`,
      AccountSid: `AC${"0".repeat(32)}`,
      From: `+1${AREAS[p % 10]}555${String(100 + Math.floor(p / 10)).padStart(4, "0")}`,
      To: BRAND,
      Body: `Bench message ${i}: where is my order #${10_000 + p}?`,
      NumMedia: "0",
    };
    return { url, body: new URLSearchParams(params).toString(), signature: twilioSignature(AUTH_TOKEN, url, params) };
  });
}

async function benchWebhooks(workspaceId) {
  const requests = webhookRequests(workspaceId);
  let restarts = 0;
  const sms = await load(requests.length, CONCURRENCY, async (i) => {
    const r = requests[i];
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(r.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": r.signature }, body: r.body });
      const text = await res.text();
      // wrangler dev restarts the worker when its sources change (e.g. while someone edits them); Twilio would retry too.
      if (res.status === 503 && /restarted/i.test(text) && attempt < 3) { restarts++; continue; }
      return res.status === 200 || `${res.status} ${text.slice(0, 200)}`;
    }
  });
  const health = await load(WEBHOOKS, CONCURRENCY, async () => {
    const res = await fetch(`${BASE}/healthz`);
    await res.arrayBuffer();
    return res.ok || `${res.status}`;
  });
  const row = (name, s) => [name, s.total, s.errors, s.rps, s.p50, s.p90, s.p99, s.max];
  table(`Inbound load: ${WEBHOOKS} requests, ${PHONES} distinct phones (tickets), concurrency ${CONCURRENCY}; latency in ms`,
    ["route", "requests", "errors", "req/s", "p50", "p90", "p99", "max"],
    [row("POST /webhooks/:ws/twilio/sms", sms), row("GET /healthz (no-op)", health)]);
  console.log(`\nwebhook ÷ healthz: p50 ×${(sms.p50 / health.p50).toFixed(1)}, p99 ×${(sms.p99 / health.p99).toFixed(1)}, throughput ${(sms.rps / health.rps * 100).toFixed(1)}% of the no-op route`);
  if (restarts) console.log(`(${restarts} requests retried because wrangler dev reloaded the worker mid-run; their latency includes the retry)`);
  if (sms.firstError) console.log(`first webhook error: ${sms.firstError}`);
  // Webhooks answer after the ticket object's commit; the listing follows a moment later. Wait for it, and say how long.
  const expected = Math.min(PHONES, WEBHOOKS);
  const t0 = performance.now();
  let listed = await countTickets();
  while (listed < expected && performance.now() - t0 < 60_000) {
    await new Promise((r) => setTimeout(r, 250));
    listed = await countTickets();
  }
  console.log(`tickets listed after the webhook run: ${listed} (expected ${expected}), all projected ${((performance.now() - t0) / 1000).toFixed(1)} s after the last answer`);
}

async function countTickets() {
  let n = 0;
  let cursor = null;
  do {
    const { body } = await api("GET", `/api/tickets?view=all&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: ctx.token });
    n += body.tickets.length;
    cursor = body.nextCursor;
  } while (cursor && n < 5000);
  return n;
}

async function loadDataset() {
  const dir = path.join(ROOT, PERSIST, "sql");
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const { files, stats } = writeDataset({ dir, workspaceId: ctx.workspaceId, agents: [ctx.ownerId, ...ctx.others], tickets: TICKETS, profiles: Math.round(TICKETS * 0.7) });
  console.log(`\nGenerated ${stats.tickets} tickets / ${stats.profiles} profiles as SQL in ${((performance.now() - t0) / 1000).toFixed(1)} s; loading into local D1…`);
  const t1 = performance.now();
  for (const file of files) {
    await run(WRANGLER, ["d1", "execute", "sidedesk", "--local", "--persist-to", PERSIST, "--yes", "--file", file], { quiet: true });
    process.stdout.write(".");
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(` loaded in ${((performance.now() - t1) / 1000).toFixed(1)} s (owner: ${stats.mine} open assigned, ${stats.unread} unread, ${stats.favorites} favorites)`);
}

async function benchListings() {
  const { body: first } = await api("GET", "/api/tickets?view=all&limit=25", { token: ctx.token });
  const queries = [
    ["view=mine", "view=mine"], ["view=unassigned", "view=unassigned"], ["view=all", "view=all"],
    ["view=unread", "view=unread"], ["view=favorites", "view=favorites"], ["view=sessions", "view=sessions"],
    ["status=closed", "view=all&status=closed"], ["channel=sms", "view=all&channel=sms"], ["tag=shipping", "view=all&tag=shipping"],
    ["q=Nguyen", "view=all&q=Nguyen"], ["view=all, page 2 (cursor)", `view=all&cursor=${encodeURIComponent(first.nextCursor ?? "")}`],
  ].map(([name, query]) => [name, `/api/tickets?${query}&limit=25`]);
  // Side by side: the counts every panel re-fetches, and the no-op route as the yardstick.
  queries.push(["GET /api/tickets/counts", "/api/tickets/counts"], ["GET /healthz (no-op)", "/healthz"]);
  const rows = [];
  for (const [name, query] of queries) {
    const latencies = [];
    let returned = 0;
    let error = "";
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      const res = await fetch(`${BASE}${query}`, { headers: { authorization: `Bearer ${ctx.token}` } });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (!res.ok) error ||= `${res.status} ${text.slice(0, 120)}`;
      else if (i === 0) returned = query.startsWith("/api/tickets?") ? JSON.parse(text).tickets.length : "—";
    }
    const s = summarize(latencies);
    rows.push([name, returned, s.p50, s.p90, s.p99, s.max, error || "ok"]);
  }
  table(`GET /api/tickets and /counts over ${TICKETS} tickets: ${SAMPLES} sequential requests each, limit 25; latency in ms`,
    ["query", "rows", "p50", "p90", "p99", "max", "status"], rows);
}

let ctx;
async function main() {
  const started = performance.now();
  rmSync(path.join(ROOT, PERSIST), { recursive: true, force: true });
  console.log(`Bench: fresh local state in ${PERSIST}, worker on ${BASE}`);
  await applyMigrations(PERSIST, { quiet: true });
  await startBenchWorker();
  ctx = await setup();
  await benchWebhooks(ctx.workspaceId);
  // Local D1 is one SQLite file; load it while the worker is stopped so the two never write at once.
  await stopBenchWorker();
  await loadDataset();
  await startBenchWorker();
  await benchListings();
  await stopBenchWorker();
  console.log(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, async () => { await stopBenchWorker(); process.exit(130); });
main().catch(async (err) => {
  console.error(`\nbench failed: ${err.stack ?? err.message}`);
  await stopBenchWorker();
  process.exit(1);
});
