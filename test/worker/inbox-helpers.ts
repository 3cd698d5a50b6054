// Helpers for the inbox tests (objects, routes, db): open tickets by SMS, add agents, listen on the realtime socket.
import { SELF, env } from "cloudflare:test";
import { api, BASE, sendSms, ticketFor } from "./helpers";

let phoneCounter = 0;
/** A fresh E.164 number per call, so tickets never collide inside one test file. */
export const newPhone = () => `+1202555${String(2000 + (++phoneCounter % 8000)).padStart(4, "0")}`;

/** Sends a first SMS from `phone` and returns the listed ticket summary. */
export async function openTicket(workspaceId: string, token: string, phone = newPhone(), text = "Hello, I need help") {
  const r = await sendSms(workspaceId, phone, text);
  if (r.status !== 200) throw new Error(`sms failed: ${r.status} ${r.text}`);
  const t = await ticketFor(token, phone);
  if (!t) throw new Error(`no ticket listed for ${phone}`);
  return t as { id: string; number: number; status: string; profile: { id: string; phone: string } };
}

export async function addAgent(ownerToken: string, name: string, role: string, email?: string) {
  const r = await api(ownerToken, "POST", "/api/agents", { name, email: email ?? `${name.toLowerCase().replace(/\W+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@shop.test`, role });
  if (r.status !== 201) throw new Error(`agent failed: ${JSON.stringify(r.body)}`);
  return { id: r.body.agent.id as string, token: r.body.token as string };
}

/** Ids of a listing, following every cursor. */
export async function listIds(token: string, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any } = await api(token, "GET", `/api/tickets?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (res.status !== 200) throw new Error(`listing ${query} failed: ${JSON.stringify(res.body)}`);
    ids.push(...res.body.tickets.map((t: { id: string }) => t.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

export const ticketStubOf = (id: string) => env.TICKETS.get(env.TICKETS.idFromString(id));

export interface Socket {
  ws: WebSocket;
  frames: any[];
  /** Resolves with the first frame (already received or future) of that type, or rejects after `ms`. */
  next(type: string, ms?: number): Promise<any>;
}

/** Opens GET /api/realtime as the panel does and records every JSON frame. */
export async function connectRealtime(token: string): Promise<Socket> {
  const res = await SELF.fetch(`${BASE}/api/realtime?token=${encodeURIComponent(token)}`, { headers: { upgrade: "websocket" } });
  if (res.status !== 101 || !res.webSocket) throw new Error(`realtime refused: ${res.status}`);
  const ws = res.webSocket;
  const frames: any[] = [];
  const waiters: { type: string; resolve: (f: any) => void }[] = [];
  ws.addEventListener("message", (e) => {
    const frame = JSON.parse(String(e.data));
    frames.push(frame);
    for (const w of waiters.filter((w) => w.type === frame.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  ws.accept();
  const next = (type: string, ms = 3000) => {
    const seen = frames.find((f) => f.type === type);
    if (seen) return Promise.resolve(seen);
    return new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${ms} ms; got ${frames.map((f) => f.type).join(",")}`)), ms);
      waiters.push({ type, resolve: (f) => { clearTimeout(timer); resolve(f); } });
    });
  };
  return { ws, frames, next };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
