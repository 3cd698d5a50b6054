// Helpers for the email tests: deliver raw MIME to the worker's email() handler in-process, find tickets and outbox mail.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import PostalMime from "postal-mime";
import worker from "../../../worker/src/index";
import { channels } from "../../../worker/src/channels";
import { createWorkspace, getTicket } from "../helpers";

let n = 0;
export const uid = (label = "m") => `${label}.${++n}.${crypto.randomUUID().slice(0, 8)}@mail.customer.example`;

/** A workspace receiving email at its own inbound address. */
export async function emailWorkspace(email: Record<string, unknown> = {}) {
  const tag = crypto.randomUUID().slice(0, 8);
  const inbound = `help-${tag}@inbound.shop.example`;
  const ws = await createWorkspace({ settings: { email: { inboundAddress: inbound, supportAddress: `support-${tag}@shop.example`, ...email } } });
  return { ...ws, inbound, support: `support-${tag}@shop.example`, supportAgent: ws.support };
}

/** Calls `worker.email()` as the Email Routing runtime does; returns the rejection reason, if any. */
export async function deliver(from: string, to: string, raw: string | Uint8Array): Promise<{ rejected: string | null }> {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  let rejected: string | null = null;
  const message = {
    from,
    to,
    rawSize: bytes.byteLength,
    headers: new Headers(),
    raw: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    }),
    setReject: (reason: string) => {
      rejected = reason;
    },
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return { rejected };
}

export const ticketIdOf = (workspaceId: string, rootId: string) => env.TICKETS.idFromName(channels.email.ticketName(workspaceId, rootId)).toString();

export async function detail(token: string, ticketId: string) {
  const r = await getTicket(token, ticketId);
  if (r.status !== 200) throw new Error(`ticket ${ticketId}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.body;
}

export async function outbox(workspaceId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM outbox WHERE workspace_id = ?1 AND channel = 'email' ORDER BY created_at, rowid")
    .bind(workspaceId)
    .all<{ to_address: string; from_address: string; subject: string; body: string; mime: string; ticket_id: string | null }>();
  return results;
}

/** The outgoing message as a mail client would read it. */
export const parseMime = (raw: string) => PostalMime.parse(raw);

export async function countRows(sql: string, ...params: unknown[]) {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...params)
        .first<{ c: number }>()
    )?.c ?? 0
  );
}
