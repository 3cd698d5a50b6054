// The local outbox: what the worker would have sent when a provider is not configured (dev and demo).
import * as clock from "../clock";
import { randomId } from "../http/crypto";

export interface OutboxEntry {
  workspaceId: string;
  channel: "sms" | "email";
  to: string;
  from: string | null;
  subject?: string | null;
  body: string;
  media?: string[];
  ticketId?: string | null;
  /** Email only: the full RFC 5322 message as it would have been sent. */
  mime?: string | null;
}

export async function recordOutbox(db: D1Database, e: OutboxEntry): Promise<string> {
  const id = randomId("out");
  await db
    .prepare(
      "INSERT INTO outbox (id, workspace_id, channel, to_address, from_address, subject, body, media_json, ticket_id, created_at, mime) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )
    .bind(id, e.workspaceId, e.channel, e.to, e.from, e.subject ?? null, e.body, JSON.stringify(e.media ?? []), e.ticketId ?? null, clock.now(), e.mime ?? null)
    .run();
  return id;
}

export async function listOutbox(db: D1Database, workspaceId: string | null, limit = 200) {
  const { results } = await db
    .prepare("SELECT * FROM outbox WHERE (?1 IS NULL OR workspace_id = ?1) ORDER BY created_at DESC, id DESC LIMIT ?2")
    .bind(workspaceId, limit)
    .all<{
      id: string;
      workspace_id: string;
      channel: OutboxEntry["channel"];
      to_address: string;
      from_address: string | null;
      subject: string | null;
      body: string;
      media_json: string;
      ticket_id: string | null;
      created_at: number;
      mime: string | null;
    }>();
  return results.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    channel: r.channel,
    to: r.to_address,
    from: r.from_address,
    subject: r.subject,
    body: r.body,
    media: JSON.parse(r.media_json) as string[],
    ticketId: r.ticket_id,
    createdAt: new Date(r.created_at).toISOString(),
    ...(r.mime ? { mime: r.mime } : {}),
  }));
}
