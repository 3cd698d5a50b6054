// Test helpers: talk to the worker as the outside world does (HTTP, signed webhooks).
import { SELF, env } from "cloudflare:test";
import type { z } from "zod";
import { parseExactly } from "../response-shape";
import {
  ErrorBody,
  EventsResponse,
  NewAgentResponse,
  PostedMessage,
  ProfileView,
  SetupResponse,
  TicketDetailResponse,
  TicketPage,
  type TicketSummary,
} from "../../shared/schemas";
import { channels } from "../../worker/src/channels";
import { twilioSignature } from "../../worker/src/webhooks/signatures";
import { hex, hmac } from "../../worker/src/http/crypto";

export const BASE = "https://sidedesk.test";
export const TWILIO_TOKEN = "twilio-auth-token-for-tests";
export const EVENTS_SECRET = "events-signing-secret-for-tests";
export const BUSINESS_NUMBER = "+12025550100";

/** The error of a 4xx/5xx answer, as every route sends it (shared ErrorBody). */
export type ApiError = ErrorBody["error"];

/**
 * An answer of the worker.
 * - `body`: a 2xx body parsed with the route's response schema when one was given, exactly (test/response-shape.ts:
 *   a body that drifts from its schema fails the call, loudly). Reading it after any other status throws, naming the
 *   status and the answer. Without a schema it is the JSON as received, whatever the status, typed `unknown`.
 * - `error`: the error of a 4xx/5xx answer, parsed exactly with the shared ErrorBody; reading it on any other answer throws.
 * - `json`: the body exactly as received (null when empty, the text when it is not JSON).
 */
export interface Reply<T> {
  readonly status: number;
  readonly json: unknown;
  readonly body: T;
  readonly error: ApiError;
}

/** A Reply whose `body` and `error` are getters on the prototype, so printing or comparing one never calls them. */
class Answer implements Reply<unknown> {
  readonly #what: string;
  readonly #text: string;
  readonly #parsed: unknown;
  readonly #typed: boolean;
  constructor(
    what: string,
    readonly status: number,
    text: string,
    readonly json: unknown,
    parsed: unknown,
    typed: boolean,
  ) {
    this.#what = what;
    this.#text = text.slice(0, 2000);
    this.#parsed = parsed;
    this.#typed = typed;
  }
  get #success() {
    return this.status >= 200 && this.status < 300;
  }
  get body(): unknown {
    if (this.#typed && !this.#success) throw new Error(`${this.#what} answered ${this.status}, not 2xx: ${this.#text}`);
    return this.#parsed;
  }
  get error(): ApiError {
    if (this.status < 400) throw new Error(`${this.#what} answered ${this.status}, not an error: ${this.#text}`);
    return parseExactly(ErrorBody, this.json, `${this.#what} answered ${this.status}`).error;
  }
}

/** Builds the Reply for an answer to `what` (e.g. "GET /api/me"), parsing a 2xx body with `schema` at once. */
export function toReply(what: string, status: number, text: string): Reply<unknown>;
export function toReply<S extends z.ZodTypeAny>(what: string, status: number, text: string, schema: S): Reply<z.output<S>>;
export function toReply(what: string, status: number, text: string, schema?: z.ZodTypeAny): Reply<unknown> {
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  if (!schema || status < 200 || status >= 300) return new Answer(what, status, text, json, json, Boolean(schema));
  return new Answer(what, status, text, json, parseExactly(schema, json, `${what} answered ${status}`), true);
}

/**
 * Calls the agent API as the panel does. Give the route's response schema (shared/schemas) to read a typed `body`;
 * without one, only `status`, `error` and the untyped `json` / `body` are there to check.
 */
export async function api(token: string | null, method: string, path: string, body?: unknown): Promise<Reply<unknown>>;
export async function api<S extends z.ZodTypeAny>(token: string | null, method: string, path: string, body: unknown, schema: S): Promise<Reply<z.output<S>>>;
export async function api(token: string | null, method: string, path: string, body?: unknown, schema?: z.ZodTypeAny): Promise<Reply<unknown>> {
  const res = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  await afterAgentMessage(method, path, res.status);
  const what = `${method} ${path}`;
  return schema ? toReply(what, res.status, text, schema) : toReply(what, res.status, text);
}

// Typed helpers for the routes the tests use most.
export const getTicket = (token: string, id: string) => api(token, "GET", `/api/tickets/${id}`, undefined, TicketDetailResponse);
export const getTicketPage = (token: string, query: string) => api(token, "GET", `/api/tickets?${query}`, undefined, TicketPage);
export const patchTicket = (token: string, id: string, patch: unknown) => api(token, "PATCH", `/api/tickets/${id}`, patch, TicketDetailResponse);
export const setTicketStatus = (token: string, id: string, change: unknown) => api(token, "POST", `/api/tickets/${id}/status`, change, TicketDetailResponse);
export const postMessage = (token: string, id: string, message: unknown) => api(token, "POST", `/api/tickets/${id}/messages`, message, PostedMessage);
export const getProfile = (token: string, id: string, query = "") => api(token, "GET", `/api/profiles/${id}${query}`, undefined, ProfileView);

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
  const setup = await api(
    "test-setup-token",
    "POST",
    "/api/setup",
    {
      workspace: { name: `Shop ${counter}`, timezone: opts.timezone ?? "America/New_York" },
      owner: { name: "Olivia Owner", email: `owner${counter}@shop.test` },
    },
    SetupResponse,
  );
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.json)}`);
  const owner = { id: setup.body.agent.id, token: setup.body.token };
  const add = async (name: string, role: string) => {
    const r = await api(
      owner.token,
      "POST",
      "/api/agents",
      { name, email: `${name.toLowerCase().replace(/\s/g, ".")}${counter}@shop.test`, role },
      NewAgentResponse,
    );
    if (r.status !== 201) throw new Error(`agent failed: ${JSON.stringify(r.json)}`);
    return { id: r.body.agent.id, token: r.body.token };
  };
  const ws = {
    id: setup.body.workspace.id,
    owner,
    admin: await add("Ada Admin", "admin"),
    support: await add("Sam Support", "support"),
    support2: await add("Sue Support", "support"),
  };
  const s = await api(owner.token, "PUT", "/api/settings", {
    sms: { authToken: TWILIO_TOKEN, fromNumber: BUSINESS_NUMBER },
    events: { signingSecret: EVENTS_SECRET },
    ...(opts.settings ?? {}),
  });
  if (s.status !== 200) throw new Error(`settings failed: ${JSON.stringify(s.json)}`);
  return ws;
}

let sid = 0;
export const newSid = () => `SM${(++sid).toString(16).padStart(8, "0")}${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** Posts a Twilio inbound SMS, signed the way Twilio signs it. */
export async function sendSms(workspaceId: string, from: string, body: string, extra: Record<string, string> = {}, token = TWILIO_TOKEN) {
  const params = new URLSearchParams({
    MessageSid: extra.MessageSid ?? newSid(),
    AccountSid: "AC0000",
    From: from,
    To: BUSINESS_NUMBER,
    Body: body,
    NumMedia: "0",
    ...extra,
  });
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
  const res = await SELF.fetch(`${BASE}/webhooks/${workspaceId}/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-sidedesk-signature": sig },
    body: raw,
  });
  return toReply(`POST /webhooks/${workspaceId}/events`, res.status, await res.text(), EventsResponse);
}

export async function ticketFor(token: string, phone: string): Promise<TicketSummary | undefined> {
  const list = await getTicketPage(token, `view=all&q=${encodeURIComponent(phone.replace("+", ""))}`);
  return list.body.tickets.find((t) => t.profile.phone === phone);
}
