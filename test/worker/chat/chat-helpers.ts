// Helpers for the web-chat tests: talk to /chat/:workspaceId as the widget does, listen on the customer's socket.
import * as clock from "../../../worker/src/clock";
import { SELF, env, runInDurableObject } from "cloudflare:test";
import { BASE } from "../helpers";
import { channels } from "../../../worker/src/channels";

export interface Session { workspaceId: string; sessionId: string; token: string; body: any }

export async function chat<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; origin?: string } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await SELF.fetch(`${BASE}/chat${path}`, {
    method,
    headers: {
      origin: opts.origin ?? "https://shop.example",
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function startChat(workspaceId: string, body: Record<string, unknown> = {}): Promise<Session> {
  const r = await chat("POST", `/${workspaceId}/sessions`, { body: { pageUrl: "https://shop.example/products/backpack", ...body } });
  if (r.status !== 201) throw new Error(`start failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { workspaceId, sessionId: r.body.sessionId, token: r.body.token, body: r.body };
}

let clientCounter = 0;
export const newClientId = () => `client-${++clientCounter}-${crypto.randomUUID().slice(0, 8)}`;

export function say(s: Session, text: string, clientId = newClientId()) {
  return chat("POST", `/${s.workspaceId}/sessions/${s.sessionId}/messages`, { token: s.token, body: { clientId, text } });
}

export function thread(s: Session, after = 0) {
  return chat("GET", `/${s.workspaceId}/sessions/${s.sessionId}/messages?after=${after}`, { token: s.token });
}

export const chatStubOf = (s: { workspaceId: string; sessionId: string }) => env.TICKETS.get(env.TICKETS.idFromName(channels.webchat.ticketName(s.workspaceId, s.sessionId)));
export const ticketIdOf = (s: { workspaceId: string; sessionId: string }) => env.TICKETS.idFromName(channels.webchat.ticketName(s.workspaceId, s.sessionId)).toString();

export interface CustomerSocket {
  ws: WebSocket;
  frames: any[];
  closed: Promise<{ code: number; reason: string }>;
  next(pred: (f: any) => boolean, ms?: number): Promise<any>;
}

/** Opens the customer's socket as the widget does and records every JSON frame. */
export async function connectCustomer(s: Session, token = s.token): Promise<CustomerSocket> {
  const res = await SELF.fetch(`${BASE}/chat/${s.workspaceId}/sessions/${s.sessionId}/socket?token=${encodeURIComponent(token)}`, { headers: { upgrade: "websocket" } });
  if (res.status !== 101 || !res.webSocket) throw new Error(`socket refused: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  const frames: any[] = [];
  const waiters: { pred: (f: any) => boolean; resolve: (f: any) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })));
  ws.addEventListener("message", (e) => {
    const frame = JSON.parse(String(e.data));
    frames.push(frame);
    for (const w of waiters.filter((w) => w.pred(frame))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  ws.accept();
  const next = (pred: (f: any) => boolean, ms = 3000) => {
    const seen = frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames)}`)), ms);
      waiters.push({ pred, resolve: (f) => { clearTimeout(timer); resolve(f); } });
    });
  };
  return { ws, frames, closed, next };
}

/** Waits until `check` passes (the object's work after a socket close is asynchronous). */
export async function eventually(check: () => Promise<void> | void, ms = 3000) {
  const deadline = clock.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (clock.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export async function timerDue(s: Session, key: string): Promise<number | null> {
  return runInDurableObject(chatStubOf(s), (_i, state) =>
    state.storage.sql.exec<{ due_at: number }>("SELECT due_at FROM timers WHERE key = ?", key).toArray()[0]?.due_at ?? null);
}

export async function makeTimerDue(s: Session, key: string) {
  await runInDurableObject(chatStubOf(s), (_i, state) => { state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE key = ?", clock.now() - 1, key); });
}

export async function emailsTo(workspaceId: string, to?: string) {
  const { results } = await env.DB.prepare("SELECT * FROM outbox WHERE workspace_id = ?1 AND channel = 'email' AND (?2 IS NULL OR to_address = ?2) ORDER BY created_at")
    .bind(workspaceId, to ?? null).all<{ to_address: string; from_address: string; subject: string; body: string; mime: string | null; ticket_id: string }>();
  return results;
}
