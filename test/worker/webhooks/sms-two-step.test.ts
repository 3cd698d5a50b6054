// An inbound SMS is answered once the ticket object has stored it: no D1 call on Twilio's clock. The profile, a
// keyword's consent change and the replies follow from the object's timer — here with the workspace's D1 shard down
// at first: Twilio still gets its 200, a redelivery is stored once, and when D1 is back the keyword is applied once.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TicketObject } from "../../../worker/src/objects/ticket-object";
import { channels } from "../../../worker/src/channels";
import { newSid, sendSms } from "../helpers";
import { footprint, newPhone, outbox, profileByPhone, smsWorkspace } from "./sms-helpers";

/** A D1 binding where every statement fails, as when the shard is unreachable. */
const downDb = {
  prepare: () => {
    throw new Error("D1_ERROR: shard unreachable");
  },
  batch: () => Promise.reject(new Error("D1_ERROR: shard unreachable")),
  exec: () => Promise.reject(new Error("D1_ERROR: shard unreachable")),
} as unknown as D1Database;

describe("inbound SMS in two steps", () => {
  it("answers with D1 down, stores a redelivery once, then applies STOP once when D1 is back", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(ws.id, phone)));
    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = downDb;
    });

    const sid = newSid();
    expect((await sendSms(ws.id, phone, "STOP", { MessageSid: sid })).status).toBe(200);
    expect((await sendSms(ws.id, phone, "STOP", { MessageSid: sid })).status).toBe(200); // Twilio retries
    const stored = await runInDurableObject(stub, (_i, state) => ({
      inbound: state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE kind = 'inbound'").one().n,
      pending: state.storage.sql.exec<{ key: string }>("SELECT key FROM timers WHERE key LIKE 'sms-in:%'").toArray().length,
    }));
    expect(stored).toEqual({ inbound: 1, pending: 1 });
    expect(await profileByPhone(ws.id, phone)).toBeNull(); // nothing reached D1 yet

    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = null;
    });
    // A minute later, when the failed step's retry is due:
    await runInDurableObject(stub, (_i, state) => state.storage.sql.exec("UPDATE timers SET due_at = 1 WHERE key LIKE 'sms-in:%'"));
    await runDurableObjectAlarm(stub);
    await stub.settled();
    expect(await profileByPhone(ws.id, phone)).toMatchObject({ sms_consent: null });
    const replies = (await outbox(ws.id)).map((m) => m.body);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/unsubscribed/i);
    expect((await footprint(ws.id)).tickets).toBe(0); // a keyword opens nothing
    await runDurableObjectAlarm(stub);
    await stub.settled();
    expect(await outbox(ws.id)).toHaveLength(1);
  });

  it("keeps arrival order: a message and the STOP right after it are applied in the order Twilio sent them", async () => {
    const ws = await smsWorkspace({ sms: { autoResponder: { audience: "all", text: "Hi! We'll reply soon." } } });
    const phone = newPhone();
    expect((await sendSms(ws.id, phone, "Is my order shipped?")).status).toBe(200);
    expect((await sendSms(ws.id, phone, "STOP")).status).toBe(200);
    const bodies = (await outbox(ws.id)).map((m) => m.body);
    expect(bodies[0]).toBe("Hi! We'll reply soon.");
    expect(bodies[1]).toMatch(/unsubscribed/i);
    expect((await footprint(ws.id)).tickets).toBe(1);
  });
});
