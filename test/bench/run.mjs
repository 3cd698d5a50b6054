// npm run bench: measures a local `wrangler dev` worker (own persist dir .wrangler/bench, port 8799), side by side in
// one run, as ratios against the no-op GET /healthz:
//   1. inbound SMS webhooks, interleaved with the no-op route, new and existing tickets apart, with 0 and N agent sockets;
//   2. every listing view and counts at several workspace sizes (1k, 10k, 100k tickets loaded into local D1): the curve;
//   3. what agents and shoppers download (side panel, background, widget).
// Not part of `npm test`; no timed assertions anywhere. Numbers from one workerd on this machine, not production.
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT, WRANGLER, apiClient, applyMigrations, run, startWorker, waitForHealth } from "../../scripts/lib/dev.mjs";
import { writeDataset } from "./dataset.mjs";
import { AUTH_TOKEN, BRAND, floorRun, ingestRun } from "./ingest.mjs";
import { sweep } from "./listings.mjs";
import { bundleRows } from "./bundles.mjs";
import { table } from "./stats.mjs";

const PORT = 8799;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = ".wrangler/bench";
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 4000);
const PHONES = Math.min(1000, WEBHOOKS);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10);
const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_TICKETS ?? "1000,10000,100000").split(",").map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
/** BENCH_ONLY=ingest stops after the webhook tables (for quick before/after comparisons of the event path). */
const ONLY = process.env.BENCH_ONLY ?? "";

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

/** A workspace with an owner and three support agents (tokens kept for the agent sockets). */
async function workspace(name) {
  const { body } = await api("POST", "/api/setup", {
    token: "dev-setup-token",
    body: { workspace: { name, timezone: "America/New_York" }, owner: { name: "Bench Owner", email: "owner@bench.example" } },
  });
  await api("PUT", "/api/settings", { token: body.token, body: { sms: { authToken: AUTH_TOKEN, fromNumber: BRAND } } });
  const agents = [];
  for (let k = 0; k < Math.max(3, SOCKETS - 1); k++) {
    const res = await api("POST", "/api/agents", { token: body.token, body: { name: `Agent ${k}`, email: `agent${k}@bench.example`, role: "support" } });
    agents.push({ id: res.body.agent.id, token: res.body.token });
  }
  return { workspaceId: body.workspace.id, ownerId: body.agent.id, token: body.token, agents };
}

async function benchIngest(quiet, listened) {
  const rows = [];
  const ratios = [];
  for (const [ws, sockets] of [
    [quiet, 0],
    [listened, SOCKETS],
  ]) {
    const tokens = [ws.token, ...ws.agents.map((a) => a.token)].slice(0, sockets);
    const r = await ingestRun({
      base: BASE,
      workspaceId: ws.workspaceId,
      tokens,
      webhooks: WEBHOOKS,
      phones: PHONES,
      concurrency: CONCURRENCY,
      tag: ws.workspaceId,
    });
    const row = (name, s, rps) => [name, sockets, s ? s.p50 : "—", s ? s.p99 : "—", rps ?? "—"];
    rows.push(
      row("SMS webhook, new ticket", r.new),
      row("SMS webhook, existing ticket", r.existing),
      row("SMS webhook, all", mergeOf(r), r.webhookRps),
      row("GET /healthz (no-op)", r.noop, r.noopRps),
    );
    ratios.push(
      `${sockets} agent socket(s): webhooks/s ÷ no-op/s ${((100 * r.webhookRps) / r.noopRps).toFixed(1)}%, p99 new ÷ no-op ×${(r.new.p99 / r.noop.p99).toFixed(1)}, existing ×${r.existing ? (r.existing.p99 / r.noop.p99).toFixed(1) : "—"}; errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ""}; the sockets got ${r.listeners.frames} frames and re-counted ${r.listeners.countFetches} times`,
    );
  }
  table(
    `Inbound SMS, ${WEBHOOKS} signed webhooks over ${PHONES} phones per run, ${CONCURRENCY} concurrent, interleaved with the no-op route; ms and req/s`,
    ["route", "sockets", "p50", "p99", "req/s"],
    rows,
  );
  for (const line of ratios) console.log(line);
  const floor = await floorRun({ base: BASE, workspaceId: quiet.workspaceId, total: Math.min(WEBHOOKS, 2000), concurrency: CONCURRENCY });
  const pct = (rps) => `${((100 * rps) / floor.noopRps).toFixed(1)}%`;
  console.log(
    `Floor, same interleaving: one D1 read alone ${floor.d1Rps.toFixed(0)}/s = ${pct(floor.d1Rps)} of no-op (${floor.noopRps.toFixed(0)}/s); one ticket-object call alone ${floor.objectRps.toFixed(0)}/s = ${pct(floor.objectRps)}`,
  );
}
const mergeOf = (r) => (r.existing ? { p50: (r.new.p50 + r.existing.p50) / 2, p99: Math.max(r.new.p99, r.existing.p99) } : r.new);

async function loadDataset(ws, size) {
  const dir = path.join(ROOT, PERSIST, "sql");
  mkdirSync(dir, { recursive: true });
  const { files, stats } = writeDataset({
    dir,
    workspaceId: ws.workspaceId,
    agents: [ws.ownerId, ...ws.agents.slice(0, 3).map((a) => a.id)],
    idPrefix: `s${size}`,
    tickets: size,
    profiles: Math.round(size * 0.7),
  });
  const t0 = performance.now();
  for (const file of files) await run(WRANGLER, ["d1", "execute", "sidedesk", "--local", "--persist-to", PERSIST, "--yes", "--file", file], { quiet: true });
  rmSync(dir, { recursive: true, force: true });
  console.log(`loaded ${size} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s (owner: ${stats.mine} open assigned, ${stats.unread} unread)`);
}

async function main() {
  const started = performance.now();
  rmSync(path.join(ROOT, PERSIST), { recursive: true, force: true });
  console.log(
    `Bench: fresh local state in ${PERSIST}, worker on ${BASE}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  await applyMigrations(PERSIST, { quiet: true });
  await startBenchWorker();
  const [quiet, listened] = [await workspace("Bench quiet"), await workspace("Bench listened")];
  const sized = [];
  for (const size of SIZES) sized.push([size, await workspace(`Bench ${size}`)]);
  await benchIngest(quiet, listened);
  if (ONLY === "ingest") return stopBenchWorker();
  // Local D1 is one SQLite file: load it while the worker is stopped so the two never write at once.
  await stopBenchWorker();
  console.log("");
  for (const [size, ws] of sized) await loadDataset(ws, size);
  await startBenchWorker();
  const curves = [];
  for (const [size, ws] of sized) curves.push([size, await sweep(BASE, ws.token, SAMPLES)]);
  await stopBenchWorker();
  const names = curves[0][1].map((q) => q.name);
  const noop = (k) => curves[k][1].at(-1);
  table(
    `Listings and counts by workspace size: ${SAMPLES} sequential requests each, in turn with the no-op route; p50/p95 ms, and p95 ÷ no-op p95`,
    ["query", ...curves.flatMap(([size]) => [`${size / 1000}k p50`, `${size / 1000}k p95`, `${size / 1000}k ÷no-op`])],
    names.map((name, i) => [
      name + (curves.some(([, qs]) => qs[i].error) ? " (error)" : ""),
      ...curves.flatMap(([, qs], k) => [qs[i].p50, qs[i].p95, qs[i].p95 / noop(k).p95]),
    ]),
  );
  await run(path.join(ROOT, "node_modules/.bin/wxt"), ["build"], { quiet: true });
  table("Downloads", ["bundle", "files", "KiB", "KiB gzip"], bundleRows(ROOT));
  console.log(
    `\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}.`,
  );
}

for (const sig of ["SIGINT", "SIGTERM"])
  process.on(sig, async () => {
    await stopBenchWorker();
    process.exit(130);
  });
main().catch(async (err) => {
  console.error(`\nbench failed: ${err.stack ?? err.message}`);
  await stopBenchWorker();
  process.exit(1);
});
