// DELETE /api/tickets/:id (owner only): every D1 row and the object's storage go; the number can write again later.
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { TicketCounts } from "../../../shared/schemas";
import { api, createWorkspace, sendSms, getTicket, getTicketPage, patchTicket, type TestWorkspace } from "../helpers";
import { listIds, openTicket, ticketStubOf } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

const TABLES: [string, string][] = [
  ["tickets", "id"],
  ["ticket_tags", "ticket_id"],
  ["ticket_followers", "ticket_id"],
  ["ticket_favorites", "ticket_id"],
  ["ticket_unread", "ticket_id"],
  ["messages_fts", "ticket_id"],
];
async function d1Rows(id: string) {
  const out: Record<string, number> = {};
  for (const [table, col] of TABLES)
    out[table] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${col} = ?1`).bind(id).first<{ n: number }>())!.n;
  return out;
}

describe("permanent delete", () => {
  it("removes the ticket from detail, listings, counts, every D1 table and the object's storage", async () => {
    const keep = await openTicket(ws.id, ws.support.token);
    const t = await openTicket(ws.id, ws.support.token, undefined, "please forget me entirely");
    await patchTicket(ws.support.token, t.id, { tags: ["gdpr/erase"], followers: [ws.support.id], favorite: true });
    const before = await d1Rows(t.id);
    for (const table of Object.keys(before)) expect(before[table], table).toBeGreaterThan(0);
    const countsBefore = (await api(ws.owner.token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body;

    const res = await api(ws.owner.token, "DELETE", `/api/tickets/${t.id}`);
    expect(res.status).toBe(204);
    expect((await getTicket(ws.owner.token, t.id)).status).toBe(404);
    expect((await api(ws.owner.token, "DELETE", `/api/tickets/${t.id}`)).status).toBe(404);
    expect(await listIds(ws.support.token, "view=all")).toEqual([keep.id]);
    expect(await listIds(ws.support.token, "q=forget")).toEqual([]);
    const counts = (await api(ws.owner.token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body;
    expect(counts.views.all).toBe(countsBefore.views.all - 1);
    expect(counts.tags).toEqual({});
    expect(await d1Rows(t.id)).toEqual({ tickets: 0, ticket_tags: 0, ticket_followers: 0, ticket_favorites: 0, ticket_unread: 0, messages_fts: 0 });

    const stored = await runInDurableObject(ticketStubOf(t.id), async (_i, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'")
        .toArray()
        .map((r) => r.name);
      // Only the tables' own migration version may remain: no message, state, timer or event of the deleted ticket.
      const count = (name: string) => `SELECT COUNT(*) AS n FROM "${name}"${name === "kv" ? " WHERE key != 'storage_version'" : ""}`;
      const rows = tables.reduce((n, name) => n + state.storage.sql.exec<{ n: number }>(count(name)).one().n, 0);
      return { rows, alarm: await state.storage.getAlarm() };
    });
    expect(stored).toEqual({ rows: 0, alarm: null });
    expect((await getTicket(ws.support.token, keep.id)).status).toBe(200);
  });

  it("the same customer writing again afterwards starts a fresh ticket without the old thread", async () => {
    const t = await openTicket(ws.id, ws.support.token, undefined, "old secret thread");
    expect((await api(ws.owner.token, "DELETE", `/api/tickets/${t.id}`)).status).toBe(204);
    const again = await sendSms(ws.id, t.profile.phone, "hello again");
    expect(again.status).toBe(200);
    const fresh = (await getTicketPage(ws.support.token, `q=${t.profile.phone.slice(1)}`)).body.tickets;
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.number).toBeGreaterThan(t.number);
    const d = (await getTicket(ws.support.token, fresh[0]!.id)).body;
    expect(d.messages.map((m) => m.text)).not.toContain("old secret thread");
    expect(d.messages[0]?.text).toBe("hello again");
  });
});
