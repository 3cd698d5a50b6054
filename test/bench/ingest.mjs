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
      MessageSid: `SM${createHash("md5").update(`bench-${tag}-${i}`).digest("hex")}`,
      AccountSid: `AC${"0".repeat(32)}`,
      From: `+1${AREAS[p % 10]}555${String(100 + Math.floor(p / 10)).padStart(4, "0")}`,
      To: BRAND,
      Body: `Bench message ${i}: where is my order #${10_000 + p}?`,
      NumMedia: "0",
    };
    return { url, body: new URLSearchParams(params).toString(), signature: twilioSignature(AUTH_TOKEN, url, params), first: i < phones };
  });
}

/** N agent sockets on /api/realtime, each re-counting on counts.changed at most once a second, never two at once. */
function listeners(base, tokens) {
  const stats = { frames: 0, countFetches: 0 };
  const sockets = tokens.map((token) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/realtime?token=${encodeURIComponent(token)}`);
    let busy = false,
      again = false;
    const recount = async () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      await new Promise((r) => setTimeout(r, 1000));
      stats.countFetches++;
      await fetch(`${base}/api/tickets/counts`, { headers: { authorization: `Bearer ${token}` } })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      busy = false;
      if (again) {
        again = false;
        void recount();
      }
    };
    ws.addEventListener("message", (e) => {
      stats.frames++;
      if (String(e.data).includes("counts.changed")) void recount();
    });
    return ws;
  });
  const open = Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve, reject) => {
          ws.addEventListener("open", resolve);
          ws.addEventListener("error", reject);
        }),
    ),
  );
  return {
    open,
    stats,
    close: () => {
      for (const ws of sockets) ws.close();
    },
  };
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
  let errors = 0,
    firstError;
  const slice = Math.ceil(webhooks / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const part = requests.slice(round * slice, (round + 1) * slice);
    const hooks = await load(part.length, concurrency, async (i) => {
      const r = part[i];
      const res = await fetch(r.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": r.signature },
        body: r.body,
      });
      const text = await res.text();
      return res.status === 200 || `${res.status} ${text.slice(0, 200)}`;
    });
    hooks.latencies.forEach((ms, i) => {
      lat[part[i].first ? "new" : "existing"].push(ms);
    });
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
    new: sum(lat.new),
    existing: sum(lat.existing),
    noop: sum(lat.noop),
    webhookRps: webhooks / (time.webhook / 1000),
    noopRps: webhooks / (time.noop / 1000),
    errors,
    firstError,
    listeners: { sockets: tokens.length, ...agents.stats },
  };
}

/**
 * The floor under the webhook figure: what one D1 read alone (GET /api/me with an unknown token → 401) and one
 * ticket-object call alone (a signed Twilio status callback for an unknown message → one RPC, no D1) cost against the
 * no-op route, interleaved the same way. A webhook cannot be cheaper than the parts it must have.
 */
export async function floorRun({ base, workspaceId, total, concurrency }) {
  const statusUrl = `${base}/webhooks/${workspaceId}/twilio/status`;
  const statusRequests = Array.from({ length: total }, (_, i) => {
    const params = {
      MessageSid: `SM${createHash("md5").update(`floor-${i}`).digest("hex")}`,
      MessageStatus: "delivered",
      To: `+1202555${String(1000 + (i % 16)).padStart(4, "0")}`,
      From: BRAND,
      AccountSid: `AC${"0".repeat(32)}`,
    };
    return { body: new URLSearchParams(params).toString(), signature: twilioSignature(AUTH_TOKEN, statusUrl, params) };
  });
  const kinds = {
    noop: async () => {
      const r = await fetch(`${base}/healthz`);
      await r.arrayBuffer();
      return r.ok || `${r.status}`;
    },
    d1: async () => {
      const r = await fetch(`${base}/api/me`, { headers: { authorization: "Bearer sdk_not_a_real_token" } });
      await r.arrayBuffer();
      return r.status === 401 || `${r.status}`;
    },
    object: async (i) => {
      const q = statusRequests[i];
      const r = await fetch(statusUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": q.signature },
        body: q.body,
      });
      await r.arrayBuffer();
      return r.status === 200 || `${r.status}`;
    },
  };
  const time = { noop: 0, d1: 0, object: 0 };
  const slice = Math.ceil(total / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(kinds)) {
      const r = await load(slice, concurrency, (i) => fn(round * slice + i));
      if (r.errors) throw new Error(`floor ${name}: ${r.firstError}`);
      time[name] += r.elapsedMs;
    }
  }
  const rps = (name) => (slice * ROUNDS) / (time[name] / 1000);
  return { noopRps: rps("noop"), d1Rps: rps("d1"), objectRps: rps("object") };
}
