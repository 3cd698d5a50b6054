// Test helpers: talk to the worker as the outside world does (HTTP, signed webhooks).
import { SELF, env } from "cloudflare:test";
import { channels } from "../../worker/src/channels";
import { twilioSignature } from "../../worker/src/webhooks/signatures";
import { hex, hmac } from "../../worker/src/http/crypto";

export const BASE = "https://sidedesk.test";
export const TWILIO_TOKEN = "twilio-auth-token-for-tests";
export const EVENTS_SECRET = "events-signing-secret-for-tests";
export const BUSINESS_NUMBER = "+12025550100";

export async function api<T = any>(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  await afterAgentMessage(method, path, res.status);
  return { status: res.status, body: parsed as T };
}

/** A reply or note answers once committed; its send and projection follow. Tests reading them next wait for that. */
async function afterAgentMessage(method: string, path: string, status: number) {
  const id = /^\/api\/tickets\/([0-9a-f]{64})\/messages$/.exec(path)?.[1];
  if (method !== "POST" || status !== 201 || !id) return;
  await env.TICKETS.get(env.TICKETS.idFromString(id)).settled();
}

export interface TestWorkspace {
  id: string;
  owner: { id: string; token: string };
  admin: { id: string; token: string };
  support: { id: string; token: string };
  support2: { id: string; token: string };
}

let counter = 0;
export async function createWorkspace(opts: { timezone?: string; settings?: Record<string, unknown> } = {}): Promise<TestWorkspace> {
  counter += 1;
  const setup = await api("test-setup-token", "POST", "/api/setup", {
    workspace: { name: `Shop ${counter}`, timezone: opts.timezone ?? "America/New_York" },
    owner: { name: "Olivia Owner", email: `owner${counter}@shop.test` },
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  const owner = { id: setup.body.agent.id, token: setup.body.token };
  const add = async (name: string, role: string) => {
    const r = await api(owner.token, "POST", "/api/agents", { name, email: `${name.toLowerCase().replace(/\s/g, ".")}${counter}@shop.test`, role });
    if (r.status !== 201) throw new Error(`agent failed: ${JSON.stringify(r.body)}`);
    return { id: r.body.agent.id, token: r.body.token };
  };
  const ws = { id: setup.body.workspace.id, owner, admin: await add("Ada Admin", "admin"), support: await add("Sam Support", "support"), support2: await add("Sue Support", "support") };
  const s = await api(owner.token, "PUT", "/api/settings", {
    sms: { authToken: TWILIO_TOKEN, fromNumber: BUSINESS_NUMBER }, events: { signingSecret: EVENTS_SECRET }, ...(opts.settings ?? {}),
  });
  if (s.status !== 200) throw new Error(`settings failed: ${JSON.stringify(s.body)}`);
  return ws;
}

let sid = 0;
export const newSid = () => `SM${(++sid).toString(16).padStart(8, "0")}${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** Posts a Twilio inbound SMS, signed the way Twilio signs it. */
export async function sendSms(workspaceId: string, from: string, body: string, extra: Record<string, string> = {}, token = TWILIO_TOKEN) {
  const params = new URLSearchParams({ MessageSid: extra.MessageSid ?? newSid(), AccountSid: "AC0000", From: from, To: BUSINESS_NUMBER, Body: body, NumMedia: "0", ...extra });
  return twilioPost(`/webhooks/${workspaceId}/twilio/sms`, params, token);
}

export async function twilioPost(path: string, params: URLSearchParams, token = TWILIO_TOKEN, signature?: string) {
  const url = `${BASE}${path}`;
  const res = await SELF.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature ?? (await twilioSignature(token, url, params)) },
    body: params.toString(),
  });
  const text = await res.text();
  await afterInboundSms(path, params, res.status);
  return { status: res.status, text, sid: params.get("MessageSid") };
}

/**
 * The webhook answers once the ticket object has committed the message; projection, publish and auto-replies follow.
 * Tests that read listings or the outbox next wait for that work, as an agent's panel would see it a moment later.
 */
async function afterInboundSms(path: string, params: URLSearchParams, status: number) {
  const workspaceId = /^\/webhooks\/([^/]+)\/twilio\/sms$/.exec(path)?.[1];
  const from = params.get("From");
  if (status !== 200 || !workspaceId || !from) return;
  await env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(workspaceId, from))).settled();
}

export async function postEvents(workspaceId: string, events: unknown[], secret = EVENTS_SECRET) {
  const raw = JSON.stringify({ events });
  const sig = `sha256=${hex(await hmac("SHA-256", secret, raw))}`;
  const res = await SELF.fetch(`${BASE}/webhooks/${workspaceId}/events`, { method: "POST", headers: { "content-type": "application/json", "x-sidedesk-signature": sig }, body: raw });
  return { status: res.status, body: await res.json<any>() };
}

export async function ticketFor(token: string, phone: string) {
  const list = await api(token, "GET", `/api/tickets?view=all&q=${encodeURIComponent(phone.replace("+", ""))}`);
  return list.body.tickets.find((t: any) => t.profile.phone === phone);
}
