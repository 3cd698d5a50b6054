// Compliance keywords over the Twilio webhook: consent changes, compliant replies in the thread and outbox, no ticket.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, BUSINESS_NUMBER, createWorkspace, sendSms, setTicketStatus } from "../helpers";
import { detail, firstTicket, listTickets, newPhone, outbox, profileByPhone, smsWorkspace, thread } from "./sms-helpers";

describe("SMS keywords", () => {
  it.each(["STOP", "stop", "Unsubscribe.", "CANCEL", "end", "Quit!", "STOPALL"])("%j revokes consent, replies, and opens no ticket", async (word) => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, "START"); // consented first
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBe("marketing");
    expect((await sendSms(ws.id, phone, word)).status).toBe(200);
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBeNull();
    expect(await listTickets(ws.support.token)).toEqual([]);
    const sent = await outbox(ws.id);
    expect(sent.at(-1)).toMatchObject({ to: phone, from: BUSINESS_NUMBER });
    expect(sent.at(-1)?.body).toMatch(/unsubscribed/i);
  });

  it.each(["START", "yes", "Unstop", "JOIN"])("%j grants consent", async (word) => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, word);
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBe("marketing");
    expect(await listTickets(ws.support.token)).toEqual([]);
    expect((await outbox(ws.id)).map((m) => m.body)).toEqual([expect.stringMatching(/subscribed.*Reply HELP.*STOP/)]);
  });

  it.each(["HELP", "info"])("%j answers with the support email and changes no consent", async (word) => {
    const ws = await smsWorkspace({ email: { supportAddress: "care@shop.test" } });
    const phone = newPhone();
    await sendSms(ws.id, phone, word);
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBeNull();
    expect(await listTickets(ws.support.token)).toEqual([]);
    const [reply] = await outbox(ws.id);
    expect(reply?.to).toBe(phone);
    expect(reply?.body).toContain("care@shop.test");
  });

  it("shows keyword messages and their replies in the thread once the customer opens a ticket", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, "STOP");
    await sendSms(ws.id, phone, "Why do I still get texts?");
    const ticket = await firstTicket(ws.support.token);
    const texts = thread((await detail(ws.support.token, ticket.id)).messages);
    expect(texts[0]).toBe("inbound:customer:STOP");
    expect(texts[1]).toMatch(/^outbound:keyword:Shop \d+: You are unsubscribed/);
    expect(texts[2]).toBe("inbound:customer:Why do I still get texts?");
  });

  it("on an open ticket, a keyword is appended to the thread without changing its status", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, "START");
    await sendSms(ws.id, phone, "Can I change my address?");
    const ticket = await firstTicket(ws.support.token);
    await setTicketStatus(ws.support.token, ticket.id, { status: "snoozed", preset: "tomorrow" });
    await sendSms(ws.id, phone, "STOP");
    const d = await detail(ws.support.token, ticket.id);
    expect(d.ticket.status).toBe("snoozed");
    expect(d.ticket.smsConsent).toBeNull();
    expect(d.ticket.canReply).toBe(false);
    const texts = thread(d.messages);
    expect(texts.at(-2)).toBe("inbound:customer:STOP");
    expect(texts.at(-1)).toMatch(/^outbound:keyword:.*unsubscribed/);
    expect(d.messages.at(-1)?.status).toBe("sent");
    expect((await listTickets(ws.support.token)).map((t) => t.status)).toEqual(["snoozed"]);
  });

  it("does not treat a sentence containing a keyword as a keyword", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, "START");
    await sendSms(ws.id, phone, "stop sending me ads");
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBe("marketing");
    const ticket = await firstTicket(ws.support.token);
    expect(ticket.lastMessage?.text).toBe("stop sending me ads");
  });

  it("a repeated STOP delivery (same MessageSid) after START does not revoke consent again", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    const stop = await sendSms(ws.id, phone, "STOP");
    await sendSms(ws.id, phone, "START");
    await sendSms(ws.id, phone, "STOP", { MessageSid: stop.sid! });
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBe("marketing");
    expect(await outbox(ws.id)).toHaveLength(2);
  });

  it("keeps the outbox private: the dev route does not exist outside development", async () => {
    const res = await SELF.fetch(`${BASE}/dev/outbox`);
    expect(res.status).toBe(404);
  });
});
