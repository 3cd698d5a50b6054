// A D1 outage during projection: the object keeps the truth, the listing goes stale, and the alarm repairs it.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { TicketObject } from "../../../worker/src/objects/ticket-object";
import { createWorkspace, sendSms, getTicket, getTicketPage, patchTicket, postMessage, type TestWorkspace } from "../helpers";
import { connectRealtime, listIds, openTicket, ticketStubOf } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

/** env.DB, except that the projection's batch (the object's only one of more than two statements) fails as if D1 were down. */
function failingDb(): D1Database {
  const db = env.DB;
  return {
    prepare: (q: string) => db.prepare(q),
    batch: async (stmts: D1PreparedStatement[]) => {
      if (stmts.length <= 2) return db.batch(stmts);
      throw new Error("D1_ERROR: simulated outage");
    },
    exec: (q: string) => db.exec(q),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c),
  } as D1Database;
}

const summary = async (id: string) => (await getTicketPage(ws.support.token, "view=all&limit=100")).body.tickets.find((t) => t.id === id);

describe("projection to D1", () => {
  it("a failed projection is repaired by the alarm, and nothing is lost", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const stub = ticketStubOf(t.id);
    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = failingDb();
    });

    const patched = await patchTicket(ws.support.token, t.id, { tags: ["shipping/delayed"], assigneeId: ws.support.id });
    expect(patched.status).toBe(200);
    expect(patched.body.ticket.tags).toEqual(["shipping/delayed"]); // the object has it
    const note = await postMessage(ws.support.token, t.id, { kind: "note", text: "zanzibar parcel check" });
    expect(note.status).toBe(201);
    await sendSms(ws.id, t.profile.phone, "still waiting for the kayak");

    // the listing is stale while D1 is down
    expect((await summary(t.id))?.tags).toEqual([]);
    expect(await listIds(ws.support.token, "view=all&tag=shipping")).toEqual([]);
    expect(await listIds(ws.support.token, "view=mine")).toEqual([]);
    expect(await listIds(ws.support.token, "view=all&q=zanzibar")).toEqual([]);
    const retry = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec<{ due_at: number }>("SELECT due_at FROM timers WHERE key = 'sync'").toArray(),
    );
    expect(retry).toHaveLength(1);
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).not.toBeNull();

    const socket = await connectRealtime(ws.support2.token);
    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = null;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const fixed = await summary(t.id);
    expect(fixed?.tags).toEqual(["shipping/delayed"]);
    expect(fixed?.assigneeId).toBe(ws.support.id);
    expect(fixed?.lastMessage?.text).toBe("still waiting for the kayak");
    expect(await listIds(ws.support.token, "view=all&tag=shipping")).toEqual([t.id]);
    expect(await listIds(ws.support.token, "view=mine")).toEqual([t.id]);
    expect(await listIds(ws.support.token, "view=all&q=zanzibar")).toEqual([t.id]);
    expect(await listIds(ws.support.token, "view=all&q=kayak")).toEqual([t.id]);
    // the events queued during the outage reach agents once it is over
    const created = await socket.next("message.created");
    expect(created.ticketId).toBe(t.id);
    const updated = await socket.next("ticket.updated");
    expect(updated.ticket.tags).toEqual(["shipping/delayed"]);
    socket.ws.close();
    // Work that needed D1 during the outage (the rules looking at its events) was kept and retries a minute later.
    await runInDurableObject(stub, (_i, state) => state.storage.sql.exec("UPDATE timers SET due_at = 0"));
    await runDurableObjectAlarm(stub);
    const left = await runInDurableObject(stub, (_i, state) => ({
      timers: state.storage.sql.exec("SELECT key FROM timers").toArray(),
      events: state.storage.sql.exec("SELECT id FROM pending_events").toArray(),
    }));
    expect(left).toEqual({ timers: [], events: [] });
    const row = await env.DB.prepare("SELECT version FROM tickets WHERE id = ?1").bind(t.id).first<{ version: number }>();
    const stored = await runInDurableObject(stub, (_i, s) => s.storage.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'state'").one().value);
    const state = z.object({ version: z.number(), projectedVersion: z.number() }).parse(JSON.parse(stored));
    expect(row?.version).toBe(state.version);
    expect(state.projectedVersion).toBe(state.version);
  });

  it("keeps retrying while D1 stays down", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const stub = ticketStubOf(t.id);
    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = failingDb();
    });
    await patchTicket(ws.support.token, t.id, { description: "VIP #wholesale" });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).not.toBeNull();
    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = null;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const row = await env.DB.prepare("SELECT version FROM tickets WHERE id = ?1").bind(t.id).first<{ version: number }>();
    const detail = await getTicket(ws.support.token, t.id);
    expect(detail.body.ticket.description).toBe("VIP #wholesale");
    expect(row?.version).toBeGreaterThan(1);
  });
});
