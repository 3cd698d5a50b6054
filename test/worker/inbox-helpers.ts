// Helpers for the inbox tests (objects, routes, db): open tickets by SMS, add agents, listen on the realtime socket.
import { SELF, env } from "cloudflare:test";
import { NewAgentResponse, RealtimeEvent, type ProfileRef, type TicketSummary } from "../../shared/schemas";
import { fieldDrift } from "../response-shape";
import { api, BASE, getTicketPage, sendSms, ticketFor } from "./helpers";

let phoneCounter = 0;
/** A fresh E.164 number per call, so tickets never collide inside one test file. */
export const newPhone = () => `+1202555${String(2000 + (++phoneCounter % 8000)).padStart(4, "0")}`;

/** A listed SMS ticket: numbered (the projection numbers it as it lists it), from a known phone. */
export type SmsTicket = TicketSummary & { number: number; profile: ProfileRef & { phone: string } };

/** Sends a first SMS from `phone` and returns the listed ticket summary. */
export async function openTicket(workspaceId: string, token: string, phone = newPhone(), text = "Hello, I need help"): Promise<SmsTicket> {
  const r = await sendSms(workspaceId, phone, text);
  if (r.status !== 200) throw new Error(`sms failed: ${r.status} ${r.text}`);
  const t = await ticketFor(token, phone);
  if (!t) throw new Error(`no ticket listed for ${phone}`);
  if (t.number === null) throw new Error(`ticket ${t.id} is listed without a number`);
  return { ...t, number: t.number, profile: { ...t.profile, phone } };
}

export async function addAgent(ownerToken: string, name: string, role: string, email?: string) {
  const r = await api(
    ownerToken,
    "POST",
    "/api/agents",
    { name, email: email ?? `${name.toLowerCase().replace(/\W+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@shop.test`, role },
    NewAgentResponse,
  );
  if (r.status !== 201) throw new Error(`agent failed: ${JSON.stringify(r.json)}`);
  return { id: r.body.agent.id, token: r.body.token };
}

/** Ids of a listing, following every cursor. */
export async function listIds(token: string, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await getTicketPage(token, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (res.status !== 200) throw new Error(`listing ${query} failed: ${JSON.stringify(res.json)}`);
    ids.push(...res.body.tickets.map((t) => t.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

export const ticketStubOf = (id: string) => env.TICKETS.get(env.TICKETS.idFromString(id));

export type FrameType = RealtimeEvent["type"];
export type Frame<K extends FrameType> = Extract<RealtimeEvent, { type: K }>;

export interface Socket {
  ws: WebSocket;
  /** Every frame so far, parsed with the shared RealtimeEvent schema (a frame that drifts from it makes `next` reject). */
  frames: RealtimeEvent[];
  /** Every frame so far as received (JSON), refused ones included. */
  raw: unknown[];
  /** Resolves with the first frame (already received or future) of that type, or rejects after `ms` (or at a frame the schema refuses). */
  next<K extends FrameType>(type: K, ms?: number): Promise<Frame<K>>;
}

/** Opens GET /api/realtime as the panel does and records every JSON frame. */
export async function connectRealtime(token: string): Promise<Socket> {
  const res = await SELF.fetch(`${BASE}/api/realtime?token=${encodeURIComponent(token)}`, { headers: { upgrade: "websocket" } });
  if (res.status !== 101 || !res.webSocket) throw new Error(`realtime refused: ${res.status}`);
  const ws = res.webSocket;
  const frames: RealtimeEvent[] = [];
  const raw: unknown[] = [];
  const refused: string[] = [];
  const waiters: { type: FrameType; resolve: (f: RealtimeEvent) => void; reject: (e: Error) => void }[] = [];
  ws.addEventListener("message", (e) => {
    const json: unknown = JSON.parse(String(e.data));
    raw.push(json);
    const parsed = RealtimeEvent.safeParse(json);
    const problems = parsed.success ? fieldDrift(json, parsed.data, "frame") : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    if (!parsed.success || problems.length) {
      refused.push(`${String(e.data)} (${problems.join("; ")})`);
      for (const w of waiters.splice(0)) w.reject(new Error(`a realtime frame that drifted from its schema: ${refused.at(-1)}`));
      return;
    }
    const frame = parsed.data;
    frames.push(frame);
    for (const w of waiters.filter((w) => w.type === frame.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  ws.accept();
  const isType =
    <K extends FrameType>(type: K) =>
    (f: RealtimeEvent): f is Frame<K> =>
      f.type === type;
  const next = <K extends FrameType>(type: K, ms = 3000): Promise<Frame<K>> => {
    if (refused.length) return Promise.reject(new Error(`a realtime frame that drifted from its schema: ${refused[0]}`));
    const seen = frames.find(isType(type));
    if (seen) return Promise.resolve(seen);
    return new Promise<Frame<K>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${ms} ms; got ${frames.map((f) => f.type).join(",")}`)), ms);
      waiters.push({
        type,
        resolve: (f) => {
          clearTimeout(timer);
          if (isType(type)(f)) resolve(f);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
  };
  return { ws, frames, raw, next };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
