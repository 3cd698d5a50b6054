// Replies sent through Twilio's REST API (faked at its HTTP edge), delivery-status callbacks, and retries by alarm.
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBody } from "../../../shared/schemas";
import { BASE, BUSINESS_NUMBER, TWILIO_TOKEN, api, createWorkspace, sendSms, twilioPost, postMessage } from "../helpers";
import { detail, firstTicket, newPhone, outbox } from "./sms-helpers";
import { TWILIO_400, TWILIO_500, installFakeTwilio } from "./twilio-fake";

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
let twilio: ReturnType<typeof installFakeTwilio> | null = null;
afterEach(() => {
  twilio?.restore();
  twilio = null;
  vi.restoreAllMocks();
});

/** A workspace with Twilio credentials, a consented customer and their open ticket. */
async function liveTicket() {
  const ws = await createWorkspace();
  expect((await api(ws.owner.token, "PUT", "/api/settings", { sms: { accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN } })).status).toBe(200);
  twilio = installFakeTwilio({ accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN });
  const phone = newPhone();
  await sendSms(ws.id, phone, "START");
  await sendSms(ws.id, phone, "Can you resend the invoice?");
  const ticket = await firstTicket(ws.support.token);
  return { ws, phone, ticket, twilio };
}

const reply = (token: string, ticketId: string, text: string) => postMessage(token, ticketId, { kind: "reply", text });
async function messageById(token: string, ticketId: string, id: string) {
  const found = (await detail(token, ticketId)).messages.find((m) => m.id === id);
  if (!found) throw new Error(`no message ${id} in ticket ${ticketId}`);
  return found;
}
const statusCallback = (wsId: string, p: Record<string, string>, token = TWILIO_TOKEN) =>
  twilioPost(`/webhooks/${wsId}/twilio/status`, new URLSearchParams({ AccountSid: ACCOUNT_SID, From: BUSINESS_NUMBER, ApiVersion: "2010-04-01", ...p }), token);

describe("sending through Twilio", () => {
  it("posts the reply to Twilio's Messages API with the right fields and keeps nothing in the local outbox", async () => {
    const { ws, phone, ticket, twilio } = await liveTicket();
    const r = await reply(ws.support.token, ticket.id, "Invoice sent to your email.");
    expect(r.status).toBe(201);
    expect(r.body.message.status).toBe("queued"); // the answer comes at the commit, before Twilio is called
    expect(await messageById(ws.support.token, ticket.id, r.body.message.id)).toMatchObject({ status: "sent" });
    expect(twilio.sent.at(-1)).toMatchObject({
      accountSid: ACCOUNT_SID,
      to: phone,
      from: BUSINESS_NUMBER,
      body: "Invoice sent to your email.",
      statusCallback: `${BASE}/webhooks/${ws.id}/twilio/status`,
    });
    expect(twilio.sent[0]?.body).toMatch(/subscribed/); // the START confirmation went through Twilio too
    expect(await outbox(ws.id)).toEqual([]);
  });

  it("sends images with a reply as MediaUrl fields (MMS)", async () => {
    const { ws, ticket, twilio } = await liveTicket();
    const media = ["https://cdn.shop.example/returns-label.png"];
    const r = await postMessage(ws.support.token, ticket.id, { kind: "reply", text: "Your label", media });
    expect(r.status).toBe(201);
    expect(r.body.message.media).toEqual(media);
    expect(twilio.sent.at(-1)).toMatchObject({ body: "Your label", media });
  });

  it("shows delivered after Twilio's signed status callback, and a late 'sent' does not regress it", async () => {
    const { ws, phone, ticket, twilio } = await liveTicket();
    const { body } = await reply(ws.support.token, ticket.id, "On its way");
    const sid = twilio.sent.at(-1)!.sid;
    expect((await statusCallback(ws.id, { MessageSid: sid, MessageStatus: "delivered", To: phone })).status).toBe(200);
    expect(await messageById(ws.support.token, ticket.id, body.message.id)).toMatchObject({ status: "delivered", error: null });
    await statusCallback(ws.id, { MessageSid: sid, MessageStatus: "sent", To: phone });
    await statusCallback(ws.id, { MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30003", To: phone });
    expect((await messageById(ws.support.token, ticket.id, body.message.id)).status).toBe("delivered");
  });

  it("shows failed with the carrier error when Twilio reports undelivered", async () => {
    const { ws, phone, ticket, twilio } = await liveTicket();
    const { body } = await reply(ws.support.token, ticket.id, "Hello?");
    await statusCallback(ws.id, { MessageSid: twilio.sent.at(-1)!.sid, MessageStatus: "undelivered", ErrorCode: "30003", To: phone });
    const m = await messageById(ws.support.token, ticket.id, body.message.id);
    expect(m.status).toBe("failed");
    expect(m.error).toContain("30003");
  });

  it("refuses an unsigned or wrongly signed status callback and changes nothing", async () => {
    const { ws, phone, ticket, twilio } = await liveTicket();
    const { body } = await reply(ws.support.token, ticket.id, "Hi");
    const forged = await statusCallback(ws.id, { MessageSid: twilio.sent.at(-1)!.sid, MessageStatus: "failed", To: phone }, "not-the-token");
    expect(forged.status).toBe(401);
    expect((await messageById(ws.support.token, ticket.id, body.message.id)).status).toBe("sent");
  });

  it("answers 400 to a malformed status callback", async () => {
    const { ws, phone } = await liveTicket();
    const r = await statusCallback(ws.id, { MessageSid: "SMx", MessageStatus: "exploded", To: phone });
    expect(r.status).toBe(400);
    expect(ErrorBody.parse(JSON.parse(r.text)).error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(["MessageSid", "MessageStatus"]));
  });

  it("marks the message failed with Twilio's reason when Twilio answers 400, without retrying", async () => {
    const { ws, ticket, twilio } = await liveTicket();
    twilio.failNext(TWILIO_400);
    const r = await reply(ws.support.token, ticket.id, "This will bounce");
    expect(r.status).toBe(201);
    expect(r.body.message.status).toBe("queued");
    const m = await messageById(ws.support.token, ticket.id, r.body.message.id);
    expect(m).toMatchObject({ status: "failed", text: "This will bounce" });
    expect(m.error).toContain("21211");
    expect(m.error).toContain("not a valid phone number");
    expect(twilio.refused).toHaveLength(1);
  });

  it("keeps the message queued when Twilio answers 500, and sends it from the alarm later", async () => {
    const { ws, phone, ticket, twilio } = await liveTicket();
    twilio.failNext(TWILIO_500);
    const r = await reply(ws.support.token, ticket.id, "Retry me");
    expect(r.status).toBe(201);
    expect(r.body.message.status).toBe("queued");
    expect(twilio.sent.some((s) => s.body === "Retry me")).toBe(false);

    const stub = env.TICKETS.get(env.TICKETS.idFromString(ticket.id));
    await later(2 * 60_000, () => runDurableObjectAlarm(stub));
    expect(twilio.sent.filter((s) => s.body === "Retry me")).toEqual([expect.objectContaining({ to: phone, from: BUSINESS_NUMBER })]);
    expect((await messageById(ws.support.token, ticket.id, r.body.message.id)).status).toBe("sent");
  });

  it("gives up and shows failed after repeated Twilio outages", async () => {
    const { ws, ticket, twilio } = await liveTicket();
    twilio.failNext(TWILIO_500, TWILIO_500, TWILIO_500, TWILIO_500, TWILIO_500);
    const r = await reply(ws.support.token, ticket.id, "Doomed");
    const stub = env.TICKETS.get(env.TICKETS.idFromString(ticket.id));
    for (let hours = 1; hours <= 6; hours++) await later(hours * 3600_000, () => runDurableObjectAlarm(stub));
    expect(twilio.refused).toHaveLength(5);
    const m = await messageById(ws.support.token, ticket.id, r.body.message.id);
    expect(m.status).toBe("failed");
    expect(m.error).toContain("500");
  });
});

/** Runs `fn` with the clock moved `ms` ahead, as if that much time had passed. */
async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  const spy = vi.spyOn(Date, "now").mockImplementation(() => realNow() + ms);
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}
