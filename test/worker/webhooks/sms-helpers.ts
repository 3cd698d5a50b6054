// Helpers for the SMS-channel tests: ticket detail, the local outbox in D1, and what D1 holds for a phone number.
import { env } from "cloudflare:test";
import type { Message } from "../../../shared/schemas";
import { api, createWorkspace, getTicket, getTicketPage } from "../helpers";

export async function detail(token: string, ticketId: string) {
  const r = await getTicket(token, ticketId);
  if (r.status !== 200) throw new Error(`detail ${r.status}: ${JSON.stringify(r.json)}`);
  return r.body;
}

/** `kind:source:text` lines of a thread, without activity lines: what the agent reads. */
export const thread = (messages: Message[]) => messages.filter((m) => m.kind !== "activity").map((m) => `${m.kind}:${m.source}:${m.text}`);

export async function listTickets(token: string, query = "view=all") {
  const r = await getTicketPage(token, `${query}`);
  if (r.status !== 200) throw new Error(`list ${r.status}: ${JSON.stringify(r.json)}`);
  return r.body.tickets;
}

/** The newest listed ticket; a test that expects one and finds none fails here, saying so. */
export async function firstTicket(token: string, query = "view=all") {
  const [ticket] = await listTickets(token, query);
  if (!ticket) throw new Error(`no ticket listed for ${query}`);
  return ticket;
}

export async function outbox(workspaceId: string) {
  const { results } = await env.DB.prepare(
    "SELECT to_address, from_address, body, media_json, ticket_id FROM outbox WHERE workspace_id = ?1 ORDER BY created_at, rowid",
  )
    .bind(workspaceId)
    .all<{ to_address: string; from_address: string | null; body: string; media_json: string; ticket_id: string | null }>();
  return results.map((r) => ({ to: r.to_address, from: r.from_address, body: r.body, media: JSON.parse(r.media_json) as string[], ticketId: r.ticket_id }));
}

export async function profileByPhone(workspaceId: string, phone: string) {
  return env.DB.prepare("SELECT id, sms_consent, blocked, timezone FROM profiles WHERE workspace_id = ?1 AND phone = ?2")
    .bind(workspaceId, phone)
    .first<{ id: string; sms_consent: string | null; blocked: number; timezone: string | null }>();
}

/** Rows a webhook could have written for a workspace: used to prove a refused request changed nothing. */
export async function footprint(workspaceId: string) {
  const count = async (table: string) =>
    (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE workspace_id = ?1`).bind(workspaceId).first<{ n: number }>())?.n ?? 0;
  return { profiles: await count("profiles"), tickets: await count("tickets"), events: await count("profile_events"), outbox: await count("outbox") };
}

export const EMPTY = { profiles: 0, tickets: 0, events: 0, outbox: 0 };

let phoneCounter = 0;
/** A fresh US number per call so tests never share a profile. */
export const newPhone = () => `+1202555${(1000 + ++phoneCounter).toString().slice(-4)}`;

/** A workspace set up by the shared helper, then given these settings (merged by PUT /api/settings, so the Twilio token stays). */
export async function smsWorkspace(settings: Record<string, unknown> = {}, timezone?: string) {
  const ws = await createWorkspace(timezone ? { timezone } : {});
  const r = await api(ws.owner.token, "PUT", "/api/settings", settings);
  if (r.status !== 200) throw new Error(`settings ${r.status}: ${JSON.stringify(r.json)}`);
  return ws;
}
