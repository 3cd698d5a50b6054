// Listings shard by workspace: with D1_SHARDS = "DB,DB_B" (this project's bindings), each workspace's tickets,
// profiles, counters and library live on its own shard, the directory (DB) keeps workspaces, agents and settings,
// and every route works the same on either shard without reaching another workspace's data.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { RemovedAgent, TicketCounts } from "../../../shared/schemas";
import { dbFor, shardNameFor, shardNames } from "../../../worker/src/db/shards";
import { api, createWorkspace, getTicket, getTicketPage, patchTicket, postMessage, sendSms, type TestWorkspace } from "../helpers";
import { newPhone } from "../inbox-helpers";

const db = (name: string) => (env as unknown as Record<string, D1Database>)[name]!;
const count = async (name: string, table: string, workspaceId: string) =>
  (await db(name).prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE workspace_id = ?1`).bind(workspaceId).first<{ n: number }>())!.n;

/** Workspaces are placed by hash: create until there is one on each shard. */
async function oneOnEachShard(): Promise<Record<string, TestWorkspace>> {
  const found: Record<string, TestWorkspace> = {};
  for (let i = 0; i < 24 && Object.keys(found).length < 2; i++) {
    const ws = await createWorkspace();
    found[shardNameFor(env, ws.id)] ??= ws;
  }
  if (!found.DB || !found.DB_B) throw new Error("24 workspaces all hashed to one shard");
  return found;
}

describe("two D1 shards", () => {
  it("is configured with two shards", () => {
    expect(shardNames(env)).toEqual(["DB", "DB_B"]);
  });

  it("keeps each workspace's tickets, profiles, counters and library on its shard; directory rows stay in DB", async () => {
    const shards = await oneOnEachShard();
    for (const [home, ws] of Object.entries(shards)) {
      const other = home === "DB" ? "DB_B" : "DB";
      const phone = newPhone();
      expect((await sendSms(ws.id, phone, "Where is my parcel?")).status).toBe(200);
      const list = await getTicketPage(ws.support.token, "view=all");
      expect(list.status).toBe(200);
      expect(list.body.tickets).toHaveLength(1);
      const ticketId = list.body.tickets[0]!.id;
      const counts = await api(ws.support.token, "GET", "/api/tickets/counts", undefined, TicketCounts);
      expect(counts.body.views.all).toBe(1);
      const reply = await postMessage(ws.support.token, ticketId, { kind: "note", text: "Checking with the carrier" });
      expect(reply.status).toBe(201);
      const detail = await getTicket(ws.support.token, ticketId);
      expect(detail.body.messages.map((m) => m.text)).toContain("Checking with the carrier");
      const qr = await api(ws.admin.token, "POST", "/api/quick-replies", { title: "Parcel", text: "It is on its way." });
      expect(qr.status).toBe(201);

      for (const table of ["tickets", "profiles", "ticket_counters", "quick_replies"]) {
        expect(await count(home, table, ws.id), `${table} on ${home}`).toBeGreaterThan(0);
        expect(await count(other, table, ws.id), `${table} not on ${other}`).toBe(0);
      }
      expect(await count("DB", "agents", ws.id)).toBe(4);
      expect((await db("DB").prepare("SELECT COUNT(*) AS n FROM workspaces WHERE id = ?1").bind(ws.id).first<{ n: number }>())!.n).toBe(1);
      if (home !== "DB") {
        expect(await count(home, "agents", ws.id)).toBe(0);
        expect(await count(home, "settings", ws.id)).toBe(0);
      }
      expect(dbFor(env, ws.id)).toBe(db(home));
    }
  });

  it("a ticket on one shard is a 404 to another workspace's agent, whichever shard asks", async () => {
    const shards = await oneOnEachShard();
    const a = shards.DB!;
    const b = shards.DB_B!;
    expect((await sendSms(b.id, newPhone(), "Hello from B")).status).toBe(200);
    const ticketB = (await getTicketPage(b.support.token, "view=all")).body.tickets[0]!.id;
    expect((await getTicket(a.support.token, ticketB)).status).toBe(404);
    expect((await getTicketPage(a.support.token, "view=all")).body.tickets).toEqual([]);
  });

  it("removing an agent revokes them in the directory and unassigns their tickets on the shard", async () => {
    const ws = (await oneOnEachShard()).DB_B!;
    expect((await sendSms(ws.id, newPhone(), "My order is late")).status).toBe(200);
    const ticketId = (await getTicketPage(ws.support.token, "view=all")).body.tickets[0]!.id;
    const assigned = await patchTicket(ws.support.token, ticketId, { assigneeId: ws.support2.id });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    const removed = await api(ws.owner.token, "DELETE", `/api/agents/${ws.support2.id}`, undefined, RemovedAgent);
    expect(removed.body).toEqual({ removed: ws.support2.id, unassigned: 1 });
    expect((await api(ws.support2.token, "GET", "/api/me")).status).toBe(401);
    expect((await getTicket(ws.support.token, ticketId)).body.ticket.assigneeId).toBeNull();
  });

  it("adding a shard moves only the workspaces that now hash highest to it", () => {
    const two = { ...env, D1_SHARDS: "DB,DB_B" }; // placement reads only the names
    const three = { ...env, D1_SHARDS: "DB,DB_B,DB_C" };
    let moved = 0;
    for (let i = 0; i < 2000; i++) {
      const id = `ws_${i.toString(36)}`;
      const before = shardNameFor(two, id);
      const after = shardNameFor(three, id);
      if (before !== after) {
        expect(after).toBe("DB_C");
        moved++;
      }
    }
    expect(moved / 2000).toBeGreaterThan(0.25);
    expect(moved / 2000).toBeLessThan(0.42);
  });
});
