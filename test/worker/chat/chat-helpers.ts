// Helpers for the web-chat tests: talk to /chat/:workspaceId as the widget does, listen on the customer's socket.
import * as clock from "../../../worker/src/clock";
import { SELF, env, runInDurableObject } from "cloudflare:test";
import type { z } from "zod";
import { ChatPosted, ChatServerFrame, ChatSession, ChatThread } from "../../../shared/schemas/chat";
import { fieldDrift } from "../../response-shape";
import { BASE, toReply, type Reply } from "../helpers";
import { channels } from "../../../worker/src/channels";

export interface Session {
  workspaceId: string;
  sessionId: string;
  token: string;
  body: ChatSession;
}

export interface ChatOptions {
  token?: string;
  body?: unknown;
  origin?: string;
}
export type ChatReply<T> = Reply<T> & { readonly headers: Headers };

/** Calls the widget API as the widget does; with `schema` (shared/schemas), a 2xx body is parsed and typed (see `Reply`). */
export async function chat(method: string, path: string, opts?: ChatOptions): Promise<ChatReply<unknown>>;
export async function chat<S extends z.ZodTypeAny>(method: string, path: string, opts: ChatOptions & { schema: S }): Promise<ChatReply<z.output<S>>>;
export async function chat(method: string, path: string, opts: ChatOptions & { schema?: z.ZodTypeAny } = {}): Promise<ChatReply<unknown>> {
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
  const what = `${method} /chat${path}`;
  const reply = opts.schema ? toReply(what, res.status, text, opts.schema) : toReply(what, res.status, text);
  return Object.assign(reply, { headers: res.headers });
}

export async function startChat(workspaceId: string, body: Record<string, unknown> = {}): Promise<Session> {
  const r = await chat("POST", `/${workspaceId}/sessions`, { body: { pageUrl: "https://shop.example/products/backpack", ...body }, schema: ChatSession });
  if (r.status !== 201) throw new Error(`start failed: ${r.status} ${JSON.stringify(r.json)}`);
  return { workspaceId, sessionId: r.body.sessionId, token: r.body.token, body: r.body };
}

let clientCounter = 0;
export const newClientId = () => `client-${++clientCounter}-${crypto.randomUUID().slice(0, 8)}`;

export function say(s: Session, text: string, clientId = newClientId()) {
  return chat("POST", `/${s.workspaceId}/sessions/${s.sessionId}/messages`, { token: s.token, body: { clientId, text }, schema: ChatPosted });
}

export function thread(s: Session, after = 0) {
  return chat("GET", `/${s.workspaceId}/sessions/${s.sessionId}/messages?after=${after}`, { token: s.token, schema: ChatThread });
}

export const chatStubOf = (s: { workspaceId: string; sessionId: string }) =>
  env.TICKETS.get(env.TICKETS.idFromName(channels.webchat.ticketName(s.workspaceId, s.sessionId)));
export const ticketIdOf = (s: { workspaceId: string; sessionId: string }) =>
  env.TICKETS.idFromName(channels.webchat.ticketName(s.workspaceId, s.sessionId)).toString();

export type ChatFrameType = ChatServerFrame["type"];
export type ChatFrame<K extends ChatFrameType> = Extract<ChatServerFrame, { type: K }>;

export interface CustomerSocket {
  ws: WebSocket;
  /** Every frame so far, parsed with the shared ChatServerFrame schema (a frame that drifts from it makes `next` reject). */
  frames: ChatServerFrame[];
  /** Every frame so far as received (JSON), refused ones included. */
  raw: unknown[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first frame of that type (already received or future) that `pred` accepts, or rejects after `ms`. */
  next<K extends ChatFrameType>(type: K, pred?: (f: ChatFrame<K>) => boolean, ms?: number): Promise<ChatFrame<K>>;
}

/** Opens the customer's socket as the widget does and records every JSON frame. */
export async function connectCustomer(s: Session, token = s.token): Promise<CustomerSocket> {
  const res = await SELF.fetch(`${BASE}/chat/${s.workspaceId}/sessions/${s.sessionId}/socket?token=${encodeURIComponent(token)}`, {
    headers: { upgrade: "websocket" },
  });
  if (res.status !== 101 || !res.webSocket) throw new Error(`socket refused: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  const frames: ChatServerFrame[] = [];
  const raw: unknown[] = [];
  const refused: string[] = [];
  /** Each waiter takes the frame it was waiting for (and says so) or leaves it. */
  const waiters: { take: (f: ChatServerFrame) => boolean; reject: (e: Error) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })));
  ws.addEventListener("message", (e) => {
    const json: unknown = JSON.parse(String(e.data));
    raw.push(json);
    const parsed = ChatServerFrame.safeParse(json);
    const problems = parsed.success ? fieldDrift(json, parsed.data, "frame") : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    if (!parsed.success || problems.length) {
      refused.push(`${String(e.data)} (${problems.join("; ")})`);
      for (const w of waiters.splice(0)) w.reject(new Error(`a chat frame that drifted from its schema: ${refused.at(-1)}`));
      return;
    }
    frames.push(parsed.data);
    for (const w of [...waiters]) if (w.take(parsed.data)) waiters.splice(waiters.indexOf(w), 1);
  });
  ws.accept();
  const next = <K extends ChatFrameType>(type: K, pred: (f: ChatFrame<K>) => boolean = () => true, ms = 3000): Promise<ChatFrame<K>> => {
    const isType = (f: ChatServerFrame): f is ChatFrame<K> => f.type === type;
    const matches = (f: ChatServerFrame): f is ChatFrame<K> => isType(f) && pred(f);
    if (refused.length) return Promise.reject(new Error(`a chat frame that drifted from its schema: ${refused[0]}`));
    const seen = frames.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise<ChatFrame<K>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching ${type} frame within ${ms} ms; got ${JSON.stringify(raw)}`)), ms);
      waiters.push({
        take: (f) => {
          if (!matches(f)) return false;
          clearTimeout(timer);
          resolve(f);
          return true;
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
  };
  return { ws, frames, raw, closed, next };
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
  return runInDurableObject(
    chatStubOf(s),
    (_i, state) => state.storage.sql.exec<{ due_at: number }>("SELECT due_at FROM timers WHERE key = ?", key).toArray()[0]?.due_at ?? null,
  );
}

export async function makeTimerDue(s: Session, key: string) {
  await runInDurableObject(chatStubOf(s), (_i, state) => {
    state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE key = ?", clock.now() - 1, key);
  });
}

export async function emailsTo(workspaceId: string, to?: string) {
  const { results } = await env.DB.prepare(
    "SELECT * FROM outbox WHERE workspace_id = ?1 AND channel = 'email' AND (?2 IS NULL OR to_address = ?2) ORDER BY created_at",
  )
    .bind(workspaceId, to ?? null)
    .all<{ to_address: string; from_address: string; subject: string; body: string; mime: string | null; ticket_id: string }>();
  return results;
}
