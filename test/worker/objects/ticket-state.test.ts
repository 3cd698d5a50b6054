// Ticket state is parsed on every read: older stored shapes are upgraded (version 1 had optional reporting fields and
// no channel branch), anything unknown or corrupt is refused, and the object's own tables carry a migration version.
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STATE_SCHEMA_VERSION, upgradeState } from "../../../worker/src/objects/ticket-state";
import { createWorkspace, getTicket, postMessage } from "../helpers";
import { openTicket, ticketStubOf } from "../inbox-helpers";

const v1 = {
  ticketId: "t1",
  workspaceId: "w1",
  channel: "sms",
  opened: true,
  number: 7,
  profile: { id: "p1", name: "Ann", phone: "+12025550111", email: null },
  status: "open",
  snoozedUntil: null,
  assigneeId: null,
  followers: [],
  tags: ["vip"],
  description: "",
  attribution: null,
  lastMarketing: null,
  lastAttributedSeq: null,
  lastInboundSeq: 1,
  blocked: false,
  origin: null,
  version: 3,
  projectedVersion: 3,
  indexedSeq: 1,
  createdAt: 1_000,
  updatedAt: 2_000,
};

describe("ticket state schema", () => {
  it("upgrades a version-1 state of each channel to the current shape", () => {
    const sms = upgradeState(v1);
    expect(sms).toMatchObject({
      schemaVersion: STATE_SCHEMA_VERSION,
      channel: "sms",
      firstResponseAt: null,
      periodStartedAt: 1_000,
      closedAt: null,
      tags: ["vip"],
    });
    const chat = upgradeState({ ...v1, channel: "webchat" });
    expect(chat.channel === "webchat" && chat.customerOnline).toBe(false);
    const thread = { subject: "Order", rootId: "a@x", lastMessageId: "b@x", references: ["a@x", "b@x"] };
    const mail = upgradeState({ ...v1, channel: "email", email: thread, firstResponseAt: 1_500, firstResponderId: "ag1" });
    expect(mail.channel === "email" && mail.email).toEqual({ ...thread, cc: [] }); // a thread stored before Cc keeps none
    expect(mail).toMatchObject({ firstResponseAt: 1_500, firstResponderId: "ag1" });
    expect(upgradeState({ ...v1, channel: "email" })).toMatchObject({ channel: "email", email: null });
  });

  it("refuses an unknown version, a missing field and a channel it does not know", () => {
    expect(() => upgradeState({ ...v1, schemaVersion: 99 })).toThrow(/version 99/);
    const { ticketId: _dropped, ...noId } = v1;
    expect(() => upgradeState(noId)).toThrow();
    expect(() => upgradeState({ ...v1, channel: "fax" })).toThrow();
    expect(() => upgradeState("not an object")).toThrow();
  });

  it("a ticket stored as version 1 still opens, takes a reply, and is stored back in the current version", async () => {
    const ws = await createWorkspace();
    const t = await openTicket(ws.id, ws.support.token);
    const stub = ticketStubOf(t.id);
    const stored = () =>
      runInDurableObject(
        stub,
        (_i, state) => JSON.parse(state.storage.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'state'").one().value) as Record<string, unknown>,
      );
    // Rewrite the stored row as an object created before the schema version existed.
    await runInDurableObject(stub, (_i, state) => {
      const current = JSON.parse(state.storage.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'state'").one().value) as Record<string, unknown>;
      const { schemaVersion: _v, firstResponseAt: _f, firstResponderId: _r, periodStartedAt: _p, closedAt: _c, ...old } = current;
      state.storage.sql.exec("UPDATE kv SET value = ? WHERE key = 'state'", JSON.stringify(old));
    });
    expect((await stored()).schemaVersion).toBeUndefined();
    const detail = await getTicket(ws.support.token, t.id);
    expect(detail.status).toBe(200);
    expect(detail.body.ticket.number).toBe(t.number);
    const note = await postMessage(ws.support.token, t.id, { kind: "note", text: "still here" });
    expect(note.status).toBe(201);
    expect(await stored()).toMatchObject({ schemaVersion: STATE_SCHEMA_VERSION, periodStartedAt: expect.any(Number) });
  });

  it("records the version of its own tables, and an object from before versioning is brought up to it", async () => {
    const ws = await createWorkspace();
    const t = await openTicket(ws.id, ws.support.token);
    const stub = ticketStubOf(t.id);
    const version = () =>
      runInDurableObject(
        stub,
        (_i, state) => state.storage.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'storage_version'").toArray()[0]?.value ?? null,
      );
    const current = await version();
    expect(Number(current)).toBeGreaterThanOrEqual(1);
    await runInDurableObject(stub, (instance, state) => {
      state.storage.sql.exec("DELETE FROM kv WHERE key = 'storage_version'");
      (instance as unknown as { store: { createTables(): void } }).store.createTables(); // what a restart runs
    });
    expect(await version()).toBe(current);
    expect((await getTicket(ws.support.token, t.id)).status).toBe(200);
  });
});
