// Inbound SMS load for npm run bench: signed Twilio webhooks interleaved with the no-op GET /healthz under the same
// load, first messages (new tickets) and follow-ups (existing tickets) reported apart, with 0 or N agent sockets
// listening the way the extension's background does (every counts.changed → one coalesced counts fetch).
import { createHash } from "node:crypto";
import { twilioSignature } from "../../scripts/lib/dev.mjs";
import { load, summarize } from "./stats.mjs";

export const AUTH_TOKEN = "bench-twilio-auth-token";
export const BRAND = "+12025550199";
const AREAS = [201, 202, 203, 205, 206, 207, 208, 209, 210, 212];

/** Signed requests are built before the clock starts, so the client's HMAC cost is not measured. */
function webhookRequests(base, workspaceId, total, phones, tag) {
  const url = `${base}/webhooks/${workspaceId}/twilio/sms`;
  return Array.from({ length: total }, (_, i) => {
    const p = i % phones;
    const params = {
      MessageSid: `SM${createHash("md5").update(`bench-${tag}-${i}`).digest("hex")}`, AccountSid: `AC${"0".repeat(32)}`,
      From: `+1${AREAS[p % 10]}555${String(100 + Math.floor(p / 10)).padStart(4, "0")}`, To: BRAND,
      Body: `Bench message ${i}: where is my order #${10_000 + p}?`, NumMedia: "0",
    };
    return { url, body: new URLSearchParams(params).toString(), signature: twilioSignature(AUTH_TOKEN, url, params), first: i < phones };
  });
}

/** N agent sockets on /api/realtime, each re-counting on counts.changed at most once a second, never two at once. */
function listeners(base, tokens) {
  const stats = { frames: 0, countFetches: 0 };
  const sockets = tokens.map((token) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/realtime?token=${encodeURIComponent(token)}`);
    let busy = false, again = false;
    const recount = async () => {
      if (busy) { again = true; return; }
      busy = true;
      await new Promise((r) => setTimeout(r, 1000));
      stats.countFetches++;
      await fetch(`${base}/api/tickets/counts`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer()).catch(() => undefined);
      busy = false;
      if (again) { again = false; void recount(); }
    };
    ws.addEventListener("message", (e) => { stats.frames++; if (String(e.data).includes("counts.changed")) void recount(); });
    return ws;
  });
  const open = Promise.all(sockets.map((ws) => new Promise((resolve, reject) => { ws.addEventListener("open", resolve); ws.addEventListener("error", reject); })));
  return { open, stats, close: () => sockets.forEach((ws) => ws.close()) };
}

const ROUNDS = 4;

/**
 * One run, interleaved: ROUNDS rounds of (a slice of the webhooks at full concurrency, then as many no-op requests), so
 * drift in the machine's load hits both alike. Throughput of each kind = its requests ÷ the time its slices took.
 */
export async function ingestRun({ base, workspaceId, tokens, webhooks, phones, concurrency, tag }) {
  const requests = webhookRequests(base, workspaceId, webhooks, phones, tag);
  const agents = listeners(base, tokens);
  await agents.open;
  const lat = { new: [], existing: [], noop: [] };
  const time = { webhook: 0, noop: 0 };
  let errors = 0, firstError;
  const slice = Math.ceil(webhooks / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const part = requests.slice(round * slice, (round + 1) * slice);
    const hooks = await load(part.length, concurrency, async (i) => {
      const r = part[i];
      const res = await fetch(r.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": r.signature }, body: r.body });
      const text = await res.text();
      return res.status === 200 || `${res.status} ${text.slice(0, 200)}`;
    });
    hooks.latencies.forEach((ms, i) => lat[part[i].first ? "new" : "existing"].push(ms));
    const noop = await load(part.length, concurrency, async () => {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      return res.ok || `${res.status}`;
    });
    lat.noop.push(...noop.latencies);
    time.webhook += hooks.elapsedMs;
    time.noop += noop.elapsedMs;
    errors += hooks.errors + noop.errors;
    firstError ??= hooks.firstError ?? noop.firstError;
  }
  agents.close();
  const sum = (xs) => (xs.length ? summarize(xs) : null);
  return {
    new: sum(lat.new), existing: sum(lat.existing), noop: sum(lat.noop), webhookRps: webhooks / (time.webhook / 1000), noopRps: webhooks / (time.noop / 1000),
    errors, firstError, listeners: { sockets: tokens.length, ...agents.stats },
  };
}
