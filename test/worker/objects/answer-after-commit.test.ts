// The event path answers after one durable write: an inbound SMS webhook gets its 200 once the ticket object has
// committed the message, not after the projection, publish and auto-reply. Work that dies after the answer is done
// later by the object's alarm, and nothing is lost or stored twice.
import { SELF, env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TicketObject } from "../../../worker/src/objects/ticket-object";
import { channels } from "../../../worker/src/channels";
import { twilioSignature } from "../../../worker/src/webhooks/signatures";
import { BASE, BUSINESS_NUMBER, TWILIO_TOKEN, newSid, getTicket, getTicketPage } from "../helpers";
import { newPhone, outbox, smsWorkspace } from "../webhooks/sms-helpers";

/** The projection is the object's one batch of more than two statements (finding a profile is a batch of two). */
const isProjection = (stmts: D1PreparedStatement[]) => stmts.length > 2;

/** env.DB whose projection batch hangs until released, then fails: the work after the commit "dies". */
function hangingDb() {
  let release = () => {};
  const db = env.DB;
  const hanging = {
    prepare: (q: string) => db.prepare(q),
    batch: (stmts: D1PreparedStatement[]) =>
      isProjection(stmts)
        ? new Promise<never>((_, reject) => {
            release = () => reject(new Error("D1_ERROR: the isolate died mid-projection"));
          })
        : db.batch(stmts),
    exec: (q: string) => db.exec(q),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c),
  } as D1Database;
  return { db: hanging, release: () => release() };
}

async function rawSms(workspaceId: string, from: string, body: string, sid = newSid()) {
  const url = `${BASE}/webhooks/${workspaceId}/twilio/sms`;
  const params = new URLSearchParams({ MessageSid: sid, AccountSid: "AC0000", From: from, To: BUSINESS_NUMBER, Body: body, NumMedia: "0" });
  const res = await SELF.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": await twilioSignature(TWILIO_TOKEN, url, params) },
    body: params.toString(),
  });
  return { status: res.status, text: await res.text() };
}

const listed = async (token: string) => (await getTicketPage(token, "view=all&limit=100")).body.tickets;

describe("inbound SMS: one durable write, then the answer", () => {
  it("answers while the projection is still hanging; the alarm finishes the work after it dies, once", async () => {
    const ws = await smsWorkspace({ sms: { autoResponder: { audience: "all", text: "Thanks, we'll be right with you." } } });
    const phone = newPhone();
    const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(ws.id, phone)));
    const d1 = hangingDb();
    await runInDurableObject(stub, (instance) => {
      (instance as TicketObject).db = d1.db;
    });

    const sid = newSid();
    const answered = await rawSms(ws.id, phone, "Where is my parcel?", sid);
    expect(answered).toEqual({ status: 200, text: expect.stringContaining("<Response") });

    // Committed in the object, armed for later, not yet in the listing.
    const inObject = await runInDurableObject(stub, async (_i, state) => ({
      messages: state.storage.sql
        .exec<{ text: string }>("SELECT text FROM messages WHERE kind = 'inbound'")
        .toArray()
        .map((r) => r.text),
      alarm: await state.storage.getAlarm(),
    }));
    expect(inObject.messages).toEqual(["Where is my parcel?"]);
    expect(inObject.alarm).not.toBeNull();
    expect(await listed(ws.support.token)).toEqual([]);

    // The work after the answer dies; Twilio redelivers meanwhile (stored once); the alarm does the work.
    await runInDurableObject(stub, (instance) => {
      // inside the object: its own I/O context dies, not the test's
      d1.release();
      (instance as TicketObject).db = null;
    });
    expect((await rawSms(ws.id, phone, "Where is my parcel?", sid)).status).toBe(200);
    await runDurableObjectAlarm(stub);
    await stub.settled();
    const tickets = await listed(ws.support.token);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ number: 1, lastMessage: { text: "Thanks, we'll be right with you." } });
    expect((await outbox(ws.id)).map((m) => m.body)).toEqual(["Thanks, we'll be right with you."]);
    const thread = await runInDurableObject(
      stub,
      (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE kind = 'inbound'").one().n,
    );
    expect(thread).toBe(1);
  });
});

describe("ticket numbers", () => {
  it("are allocated in the projection's own transaction: a batch whose answer is lost and is retried keeps its number", async () => {
    const ws = await smsWorkspace();
    const [first, second] = [newPhone(), newPhone()];
    const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(ws.id, first)));
    await runInDurableObject(stub, (instance) => {
      let lost = false;
      const db = env.DB;
      (instance as TicketObject).db = {
        prepare: (q: string) => db.prepare(q),
        batch: async (stmts: D1PreparedStatement[]) => {
          const results = await db.batch(stmts);
          if (!lost && isProjection(stmts)) {
            lost = true;
            throw new Error("network: the answer from D1 was lost");
          } // written, but we never heard
          return results;
        },
        exec: (q: string) => db.exec(q),
        dump: () => db.dump(),
        withSession: (c?: string) => db.withSession(c),
      } as D1Database;
    });
    expect((await rawSms(ws.id, first, "first customer")).status).toBe(200);
    await stub.settled();
    await runDurableObjectAlarm(stub); // the retry
    await stub.settled();
    expect((await rawSms(ws.id, second, "second customer")).status).toBe(200);
    await env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(ws.id, second))).settled();
    const numbers = Object.fromEntries((await listed(ws.support.token)).map((t) => [t.profile.phone, t.number]));
    expect(numbers).toEqual({ [first]: 1, [second]: 2 });
    const detail = await getTicket(ws.support.token, stub.id.toString());
    expect(detail.body.ticket.number).toBe(1);
  });
});
