// Helpers shared by scripts/start.mjs, scripts/seed.mjs and test/bench/run.mjs:
// running `wrangler dev` / `wrangler d1`, waiting for the worker, and signing webhooks like the providers do.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LOCAL_BIN = path.join(ROOT, "node_modules/.bin/wrangler");
export const WRANGLER = existsSync(LOCAL_BIN) ? LOCAL_BIN : "wrangler";

/** Pipe a stream line by line to our stdout/stderr with a prefix, optionally dropping lines. */
export function prefixLines(stream, out, prefix, drop = () => false) {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buf += chunk;
    const lines = buf.split("\n");
    buf = lines.pop() ?? "";
    for (const line of lines) if (!drop(line)) out.write(`${prefix}${line}\n`);
  });
  stream.on("end", () => {
    if (buf && !drop(buf)) out.write(`${prefix}${buf}\n`);
  });
}

/** Run a command to completion; rejects with its output when it fails. */
export function run(cmd, args, { quiet = false, prefix = "" } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
    let output = "";
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      stream.on("data", (d) => {
        output += d;
      });
      if (!quiet) prefixLines(stream, out, prefix);
    }
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code}\n${quiet ? output : ""}`)),
    );
  });
}

export function applyMigrations(persistTo, opts) {
  return run(WRANGLER, ["d1", "migrations", "apply", "sidedesk", "--local", "--persist-to", persistTo], opts);
}

/**
 * Start `wrangler dev` on 127.0.0.1:<port> in development mode. Returns { child, stop(), exited }.
 * The child gets its own process group so stop() can end wrangler and its workerd together.
 */
export function startWorker({ port, persistTo, prefix = "[worker] ", quiet = false, logLevel, vars = {} }) {
  const args = [
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistTo,
    "--var",
    "ENVIRONMENT:development",
    "--show-interactive-dev-session=false",
    ...(logLevel ? ["--log-level", logLevel] : []),
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    // Store order actions go to the worker's own dev-only fake Shopify Admin API, so the demo works offline.
    "--var",
    `SHOPIFY_ADMIN_BASE:http://127.0.0.1:${port}/dev/fake-shopify`,
  ];
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: process.stdout.isTTY ? "1" : "0" },
  });
  // The update check's DNS failure is harmless noise offline; request lines can be muted (e.g. while seeding).
  let muteRequests = false;
  const drop = (line) => quiet || /update check|getaddrinfo|ENOTFOUND|EAI_AGAIN/i.test(line) || (muteRequests && /\[wrangler:info\] [A-Z]+ \//.test(line));
  prefixLines(child.stdout, process.stdout, prefix, drop);
  prefixLines(child.stderr, process.stderr, prefix, drop);
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let stopping;
  const stop = () => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child.pid, "SIGINT");
      const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), 8000);
      await exited;
      clearTimeout(timer);
      signalGroup(child.pid, "SIGKILL"); // stray workerd left in the group, if any
    })();
    return stopping;
  };
  return {
    child,
    stop,
    exited,
    muteRequests: (on) => {
      muteRequests = on;
    },
  };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Wait until the worker really answers: GET /healthz is 200 and an authenticated route (which reads D1) answers 401 to
 * a made-up token. Rejects if the worker exits or time runs out, saying which of the two it was still waiting for.
 */
export async function waitForHealth(base, { timeoutMs = 120_000, exited } = {}) {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  let waitingFor = "GET /healthz";
  exited?.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`wrangler dev exited before the worker answered ${waitingFor}`);
    try {
      if (waitingFor === "GET /healthz" && (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).ok) waitingFor = "GET /api/me (D1)";
      if (waitingFor !== "GET /healthz") {
        const me = await fetch(`${base}/api/me`, { headers: { authorization: "Bearer sdk_probe" }, signal: AbortSignal.timeout(5000) });
        if (me.status === 401) return;
      }
    } catch {
      /* not listening yet, or busy */
    }
    await sleep(300);
  }
  throw new Error(`the worker at ${base} did not answer ${waitingFor} within ${timeoutMs / 1000}s`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TRANSIENT = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT"]);

/**
 * fetch, retried with backoff when the connection fails or the worker answers 502/503 (wrangler dev reloading, a busy
 * machine). Only for requests that are safe to repeat: every seed request carries its own idempotency key.
 */
export async function fetchRetrying(url, init = {}, { attempts = 6 } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      if ((res.status !== 502 && res.status !== 503) || attempt >= attempts) return res;
    } catch (err) {
      const code = err?.cause?.code ?? err?.name;
      if (attempt >= attempts || !(TRANSIENT.has(code) || code === "TimeoutError")) {
        throw new Error(`${init.method ?? "GET"} ${url} failed after ${attempt} attempt(s): ${err?.cause?.message ?? err.message}`);
      }
    }
    await sleep(250 * 2 ** attempt);
  }
}

/** Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the full URL plus each POST param name+value, sorted by name. */
export function twilioSignature(authToken, url, params) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** X-Sidedesk-Signature for the generic events endpoint. */
export function eventsSignature(secret, rawBody) {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** A tiny JSON client for the agent API that throws on unexpected statuses. */
export function apiClient(base) {
  return async function api(method, pathname, { token, body, expect = [200, 201] } = {}) {
    const res = await fetchRetrying(base + pathname, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    if (!expect.includes(res.status)) {
      const err = new Error(`${method} ${pathname} → ${res.status} ${typeof json === "string" ? json : JSON.stringify(json)}`);
      err.status = res.status;
      err.body = json;
      throw err;
    }
    return { status: res.status, body: json };
  };
}

/** Post one signed inbound SMS, as Twilio would. */
export async function postTwilioSms(base, workspaceId, authToken, fields) {
  const url = `${base}/webhooks/${workspaceId}/twilio/sms`;
  const params = { NumMedia: "0", ...fields };
  const res = await fetchRetrying(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(authToken, url, params) },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** Post one store webhook signed as Shopify signs it: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body. */
export async function postShopify(base, workspaceId, secret, topic, payload, webhookId) {
  const raw = JSON.stringify(payload);
  const res = await fetchRetrying(`${base}/webhooks/${workspaceId}/shopify`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-hmac-sha256": createHmac("sha256", secret).update(raw, "utf8").digest("base64"),
    },
    body: raw,
  });
  return { status: res.status, text: await res.text() };
}

/** Post signed generic events. */
export async function postEvents(base, workspaceId, secret, events) {
  const raw = JSON.stringify({ events });
  const res = await fetchRetrying(`${base}/webhooks/${workspaceId}/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-sidedesk-signature": eventsSignature(secret, raw) },
    body: raw,
  });
  return { status: res.status, text: await res.text() };
}
