// Agent SMS replies: the consent gate, notes, the local outbox, link shortening and the quiet-hours hint.
import * as clock from "../../../worker/src/clock";
import { SELF, env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { BASE, BUSINESS_NUMBER, sendSms, postMessage } from "../helpers";
import { detail, firstTicket, newPhone, outbox, smsWorkspace, thread } from "./sms-helpers";

const clockStart = clock.clockOffset(); // where this run started the clock (SIDEDESK_NOW)

async function openTicket(settings: Record<string, unknown> = {}, opts: { consent?: boolean; timezone?: string } = {}) {
  const ws = await smsWorkspace(settings, opts.timezone);
  const phone = newPhone();
  if (opts.consent) await sendSms(ws.id, phone, "START");
  await sendSms(ws.id, phone, "Where is my order?");
  const ticket = await firstTicket(ws.support.token);
  return { ws, phone, ticket };
}

const reply = (token: string, ticketId: string, text: string, kind = "reply") => postMessage(token, ticketId, { kind, text });

describe("the consent gate", () => {
  it("refuses an SMS reply to a profile without consent with 409 consent_required, storing and sending nothing", async () => {
    const { ws, ticket } = await openTicket();
    const before = await detail(ws.support.token, ticket.id);
    const sentBefore = await outbox(ws.id);
    expect(before.ticket).toMatchObject({ canReply: false, replyBlockedReason: expect.stringMatching(/consent/i) });
    const r = await reply(ws.support.token, ticket.id, "It ships tomorrow");
    expect(r.status).toBe(409);
    expect(r.error.code).toBe("consent_required");
    expect(r.error.message).toMatch(/consent/i);
    expect((await detail(ws.support.token, ticket.id)).messages).toEqual(before.messages);
    expect(await outbox(ws.id)).toEqual(sentBefore);
  });

  it("always allows internal notes, which are never sent", async () => {
    const { ws, ticket } = await openTicket();
    const sentBefore = await outbox(ws.id);
    const r = await reply(ws.support.token, ticket.id, "Customer asked twice, check the warehouse", "note");
    expect(r.status).toBe(201);
    expect(r.body.message).toMatchObject({ kind: "note", status: null, author: { type: "agent", id: ws.support.id } });
    expect(thread((await detail(ws.support.token, ticket.id)).messages).at(-1)).toBe("note:agent:Customer asked twice, check the warehouse");
    expect(await outbox(ws.id)).toEqual(sentBefore);
  });

  it("after START, the reply is stored, sent to the customer's number from the business number, and marked sent", async () => {
    const { ws, phone, ticket } = await openTicket();
    expect((await reply(ws.support.token, ticket.id, "Too early")).status).toBe(409);
    await sendSms(ws.id, phone, "START");
    const d = await detail(ws.support.token, ticket.id);
    expect(d.ticket).toMatchObject({ smsConsent: "marketing", canReply: true, replyBlockedReason: null });
    const r = await reply(ws.support.token, ticket.id, "It ships tomorrow");
    expect(r.status).toBe(201);
    expect(r.body.message).toMatchObject({ kind: "outbound", source: "agent", text: "It ships tomorrow", status: "queued" }); // answered at the commit
    expect((await detail(ws.support.token, ticket.id)).messages.find((m: { id: string }) => m.id === r.body.message.id)).toMatchObject({ status: "sent" });
    expect((await outbox(ws.id)).at(-1)).toMatchObject({ to: phone, from: BUSINESS_NUMBER, body: "It ships tomorrow", ticketId: ticket.id });
    expect(thread((await detail(ws.support.token, ticket.id)).messages).at(-1)).toBe("outbound:agent:It ships tomorrow");
  });

  it("refuses replies again after the customer texts STOP", async () => {
    const { ws, phone, ticket } = await openTicket({}, { consent: true });
    expect((await reply(ws.support.token, ticket.id, "Hello!")).status).toBe(201);
    await sendSms(ws.id, phone, "STOP");
    expect((await reply(ws.support.token, ticket.id, "Hello again")).error.code).toBe("consent_required");
  });
});

describe("link shortening", () => {
  const shortLink = new RegExp(`^Track it: ${BASE.replace(/\./g, "\\.")}/s/([A-Za-z0-9_-]+) thanks!$`);

  it("is on by default: links are stored and sent as short links that redirect and count clicks", async () => {
    const { ws, ticket } = await openTicket({}, { consent: true });
    const r = await reply(ws.support.token, ticket.id, "Track it: https://shop.example/track?id=1 thanks!");
    expect(r.status).toBe(201);
    expect(r.body.message.text).toMatch(shortLink);
    const code = shortLink.exec(r.body.message.text)![1]!;
    expect((await outbox(ws.id)).at(-1)?.body).toBe(r.body.message.text);
    for (let click = 1; click <= 2; click++) {
      const res = await SELF.fetch(`${BASE}/s/${code}`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("https://shop.example/track?id=1");
      const row = await env.DB.prepare("SELECT url, clicks, workspace_id FROM short_links WHERE code = ?1").bind(code).first();
      expect(row).toEqual({ url: "https://shop.example/track?id=1", clicks: click, workspace_id: ws.id });
    }
  });

  it("shortens each of several links, including one that extends another", async () => {
    const { ws, ticket } = await openTicket({}, { consent: true });
    const r = await reply(ws.support.token, ticket.id, "See https://shop.example/a and https://shop.example/a/b.");
    const codes = [...r.body.message.text.matchAll(/\/s\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(codes).toHaveLength(2);
    expect(r.body.message.text).not.toContain("shop.example");
    expect(r.body.message.text.endsWith(".")).toBe(true);
    const targets = await Promise.all(codes.map(async (c) => (await SELF.fetch(`${BASE}/s/${c}`, { redirect: "manual" })).headers.get("location")));
    expect(targets).toEqual(["https://shop.example/a", "https://shop.example/a/b"]);
  });

  it("leaves links untouched when the setting is off, and in notes", async () => {
    const { ws, ticket } = await openTicket({ sms: { shortenLinks: false } }, { consent: true });
    const text = "Track it: https://shop.example/track?id=1";
    expect((await reply(ws.support.token, ticket.id, text)).body.message.text).toBe(text);
    expect((await outbox(ws.id)).at(-1)?.body).toBe(text);
    expect((await reply(ws.support.token, ticket.id, text, "note")).body.message.text).toBe(text);
  });

  it("answers 404 for an unknown short link", async () => {
    expect((await SELF.fetch(`${BASE}/s/nope`, { redirect: "manual" })).status).toBe(404);
  });
});

describe("quiet hours in the ticket detail", () => {
  // The worker's clock is set to each moment on purpose, so both sides of every boundary are tested at any hour.
  const shownAt = async (at: string, token: string, ticketId: string) => {
    clock.setClock(Date.parse(at));
    return (await detail(token, ticketId)).ticket.quietHours as { timezone: string; localTime: string; inQuietHours: boolean };
  };
  afterEach(() => clock.setClockOffset(clockStart));
  /** As for a number whose area code names no single zone (the test numbers' 202 names New York). */
  const forgetZone = (profileId: string) => env.DB.prepare("UPDATE profiles SET timezone = NULL, timezone_source = NULL WHERE id = ?1").bind(profileId).run();

  it("uses the workspace time zone when the profile has none: quiet from 20:00, not before 08:00", async () => {
    const { ws, ticket } = await openTicket({}, { timezone: "Asia/Tokyo" }); // Tokyo is UTC+9 all year
    await forgetZone(ticket.profile.id);
    const at = (utc: string) => shownAt(`2026-03-10T${utc}:00Z`, ws.support.token, ticket.id);
    expect(await at("10:59")).toEqual({ timezone: "Asia/Tokyo", localTime: "19:59", inQuietHours: false });
    expect(await at("11:00")).toEqual({ timezone: "Asia/Tokyo", localTime: "20:00", inQuietHours: true });
    expect(await at("22:59")).toEqual({ timezone: "Asia/Tokyo", localTime: "07:59", inQuietHours: true });
    expect(await at("23:00")).toEqual({ timezone: "Asia/Tokyo", localTime: "08:00", inQuietHours: false });
  });

  it("prefers the profile's own time zone, daylight saving included", async () => {
    const { ws, ticket } = await openTicket({}, { timezone: "Asia/Tokyo" });
    await env.DB.prepare("UPDATE profiles SET timezone = 'America/Los_Angeles' WHERE id = ?1").bind(ticket.profile.id).run();
    expect(await shownAt("2026-01-15T20:30:00Z", ws.support.token, ticket.id)).toEqual({
      timezone: "America/Los_Angeles",
      localTime: "12:30",
      inQuietHours: false,
    });
    expect(await shownAt("2026-07-15T03:30:00Z", ws.support.token, ticket.id)).toEqual({
      timezone: "America/Los_Angeles",
      localTime: "20:30",
      inQuietHours: true,
    });
  });

  it("follows a custom quiet-hours window from the settings", async () => {
    const { ws, ticket } = await openTicket({ sms: { quietHours: { start: "12:00", end: "13:00" } } }, { timezone: "UTC" });
    await forgetZone(ticket.profile.id);
    expect((await shownAt("2026-03-10T11:59:00Z", ws.support.token, ticket.id)).inQuietHours).toBe(false);
    expect((await shownAt("2026-03-10T12:00:00Z", ws.support.token, ticket.id)).inQuietHours).toBe(true);
    expect((await shownAt("2026-03-10T13:00:00Z", ws.support.token, ticket.id)).inQuietHours).toBe(false);
    expect((await shownAt("2026-03-10T23:00:00Z", ws.support.token, ticket.id)).inQuietHours).toBe(false);
  });
});

describe("reply length", () => {
  it("refuses an SMS reply over Twilio's 1,600 characters with 400 before storing or sending anything", async () => {
    const { ws, ticket } = await openTicket({}, { consent: true });
    const before = await detail(ws.support.token, ticket.id);
    const sentBefore = await outbox(ws.id);
    const r = await reply(ws.support.token, ticket.id, "a".repeat(1601));
    expect(r.status).toBe(400);
    expect(r.error).toEqual({ code: "text_too_long", message: "SMS replies can be at most 1,600 characters; this one has 1,601." });
    expect((await detail(ws.support.token, ticket.id)).messages).toEqual(before.messages);
    expect(await outbox(ws.id)).toEqual(sentBefore);
    expect((await reply(ws.support.token, ticket.id, "a".repeat(1600))).status).toBe(201);
  });

  it("lets a note run to the API's 5,000 characters on an SMS ticket, since notes are never sent", async () => {
    const { ws, ticket } = await openTicket({}, { consent: true });
    expect((await reply(ws.support.token, ticket.id, "n".repeat(5000), "note")).status).toBe(201);
    expect((await reply(ws.support.token, ticket.id, "n".repeat(5001), "note")).status).toBe(400);
  });
});
