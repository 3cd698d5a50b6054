// The signed generic events endpoint: flow/campaign SMS in the thread, attribution of replies, profile activity.
import * as clock from "../../../worker/src/clock";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { EventsResponse } from "../../../shared/schemas";
import { hex, hmac } from "../../../worker/src/http/crypto";
import { BASE, EVENTS_SECRET, postEvents, sendSms, getProfile, toReply } from "../helpers";
import { detail, EMPTY, firstTicket, footprint, listTickets, newPhone, profileByPhone, smsWorkspace, thread } from "./sms-helpers";

let n = 0;
const flowSms = (phone: string, name: string, text: string, at?: string) => ({
  type: "outbound_message",
  id: `evt_${++n}`,
  profile: { phone },
  source: "flow",
  name,
  text,
  ...(at ? { at } : {}),
});
const campaignSms = (phone: string, name: string, text: string) => ({
  type: "outbound_message",
  id: `evt_${++n}`,
  profile: { phone },
  source: "campaign",
  name,
  text,
});

async function signedRaw(wsId: string, raw: string) {
  const res = await SELF.fetch(`${BASE}/webhooks/${wsId}/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-sidedesk-signature": `sha256=${hex(await hmac("SHA-256", EVENTS_SECRET, raw))}` },
    body: raw,
  });
  return toReply(`POST /webhooks/${wsId}/events`, res.status, await res.text(), EventsResponse);
}

describe("outbound flow and campaign messages", () => {
  it("appear in the profile's SMS thread without opening a ticket", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    const r = await postEvents(ws.id, [flowSms(phone, "Abandoned cart", "You left something in your cart!")]);
    expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: { accepted: 1, duplicates: 0 } });
    expect(await listTickets(ws.support.token)).toEqual([]);
    expect(await profileByPhone(ws.id, phone)).not.toBeNull();
    await sendSms(ws.id, phone, "Is the discount still valid?");
    const ticket = await firstTicket(ws.support.token);
    const d = await detail(ws.support.token, ticket.id);
    expect(thread(d.messages).slice(0, 2)).toEqual(["outbound:flow:You left something in your cart!", "inbound:customer:Is the discount still valid?"]);
    expect(d.messages[0]).toMatchObject({ status: "sent", attribution: { type: "flow", name: "Abandoned cart" } });
  });

  it("attributes the first reply within the window, not the next ones, and filters tickets by flow or campaign", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    await postEvents(ws.id, [flowSms(phone, "Welcome series", "Welcome! 10% off with WELCOME10")]);
    await sendSms(ws.id, phone, "Does it work on sale items?");
    await sendSms(ws.id, phone, "Also, do you ship to Canada?");
    const ticket = await firstTicket(ws.support.token);
    expect(ticket.attribution).toEqual({ type: "flow", name: "Welcome series" });
    const inbound = (await detail(ws.support.token, ticket.id)).messages.filter((m) => m.kind === "inbound");
    expect(inbound.map((m) => m.attribution)).toEqual([{ type: "flow", name: "Welcome series" }, null]);

    const other = newPhone();
    await sendSms(ws.id, other, "Unrelated question");
    const ids = async (q: string) => (await listTickets(ws.support.token, q)).map((t) => t.id);
    expect(await ids("view=all&flow=Welcome%20series")).toEqual([ticket.id]);
    expect(await ids("view=all&flow=Other%20flow")).toEqual([]);
    expect(await ids("view=all&campaign=Welcome%20series")).toEqual([]);

    // A campaign starts a new run: the next reply is attributed to it.
    await postEvents(ws.id, [campaignSms(phone, "Summer sale", "Summer sale starts now")]);
    await sendSms(ws.id, phone, "Is the blue one on sale?");
    const last = (await detail(ws.support.token, ticket.id)).messages.filter((m) => m.kind === "inbound").at(-1);
    expect(last?.attribution).toEqual({ type: "campaign", name: "Summer sale" });
    expect(await ids("view=all&campaign=Summer%20sale")).toEqual([ticket.id]);
    expect(await ids("view=all&flow=Welcome%20series")).toEqual([]);
  });

  it("does not attribute a reply that arrives after the attribution window", async () => {
    const ws = await smsWorkspace({ sms: { attributionWindowHours: 1 } });
    const phone = newPhone();
    await postEvents(ws.id, [flowSms(phone, "Back in stock", "It's back!", new Date(clock.now() - 2 * 3600_000).toISOString())]);
    await sendSms(ws.id, phone, "Great, which sizes?");
    const ticket = await firstTicket(ws.support.token);
    expect(ticket.attribution).toBeNull();
    expect((await detail(ws.support.token, ticket.id)).messages.find((m) => m.kind === "inbound")?.attribution).toBeNull();
    expect(await listTickets(ws.support.token, "view=all&flow=Back%20in%20stock")).toEqual([]);
  });

  it("attributes to the latest send even when an older one is logged late", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    const hoursAgo = (h: number) => new Date(clock.now() - h * 3600_000).toISOString();
    await postEvents(ws.id, [flowSms(phone, "Price drop", "Price drop on your wishlist", hoursAgo(1))]);
    await postEvents(ws.id, [flowSms(phone, "Old welcome", "Welcome!", hoursAgo(72))]); // a backfill, long before
    await sendSms(ws.id, phone, "Which items dropped?");
    const ticket = await firstTicket(ws.support.token);
    expect(ticket.attribution).toEqual({ type: "flow", name: "Price drop" });
  });

  it("stores a duplicate event id once", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    const event = flowSms(phone, "Abandoned cart", "Still thinking about it?");
    expect((await postEvents(ws.id, [event])).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await postEvents(ws.id, [event, event])).body).toEqual({ accepted: 0, duplicates: 2 });
    await sendSms(ws.id, phone, "Sure, is there a code?");
    const ticket = await firstTicket(ws.support.token);
    expect(thread((await detail(ws.support.token, ticket.id)).messages).filter((x) => x.startsWith("outbound:flow:"))).toHaveLength(1);
    expect(await footprint(ws.id)).toMatchObject({ events: 1 });
  });
});

describe("profile activity events", () => {
  it("are stored once each and shown on the profile, filterable by metric", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    const viewed = {
      type: "activity",
      id: "act_1",
      profile: { phone, name: "Rosa Diaz" },
      metric: "Viewed page",
      properties: { url: "/products/boots" },
      at: "2026-05-01T10:00:00Z",
    };
    const ordered = { type: "activity", id: "act_2", profile: { phone }, metric: "Placed order", properties: { total: 120 }, at: "2026-05-01T11:00:00Z" };
    expect((await postEvents(ws.id, [viewed, ordered, viewed])).body).toEqual({ accepted: 2, duplicates: 1 });
    const profile = await profileByPhone(ws.id, phone);
    const all = await getProfile(ws.support.token, profile!.id);
    expect(all.status).toBe(200);
    expect(all.body.profile.name).toBe("Rosa Diaz");
    expect(all.body.activity.map((a) => [a.metric, a.at])).toEqual([
      ["Placed order", "2026-05-01T11:00:00.000Z"],
      ["Viewed page", "2026-05-01T10:00:00.000Z"],
    ]);
    const filtered = await getProfile(ws.support.token, profile!.id, `?metric=${encodeURIComponent("Viewed page")}`);
    expect(filtered.body.activity).toEqual([{ id: "act_1", metric: "Viewed page", properties: { url: "/products/boots" }, at: "2026-05-01T10:00:00.000Z" }]);
  });

  it("records a flow SMS as 'Received SMS' activity", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    await postEvents(ws.id, [flowSms(phone, "Winback", "We miss you")]);
    const profile = await profileByPhone(ws.id, phone);
    const r = await getProfile(ws.support.token, profile!.id, `?metric=${encodeURIComponent("Received SMS")}`);
    expect(r.body.activity).toEqual([expect.objectContaining({ metric: "Received SMS", properties: { flow: "Winback" } })]);
  });
});

describe("which profile an event is about", () => {
  it("a customer first known by email gains the phone, and their SMS joins that profile", async () => {
    const ws = await smsWorkspace();
    const phone = newPhone();
    await postEvents(ws.id, [{ type: "activity", id: "a1", profile: { email: "Ann@Example.test", name: "Ann Lee" }, metric: "Viewed page" }]);
    const r = await postEvents(ws.id, [{ ...flowSms(phone, "Welcome", "Welcome Ann"), profile: { phone, email: "ann@example.test" } }]);
    expect(r.status).toBe(200);
    expect(await footprint(ws.id)).toMatchObject({ profiles: 1, events: 2 });
    await sendSms(ws.id, phone, "Hi, it's Ann");
    const ticket = await firstTicket(ws.support.token);
    expect(ticket.profile).toMatchObject({ name: "Ann Lee", email: "ann@example.test", phone });
    const activity = (await getProfile(ws.support.token, ticket.profile.id)).body.activity;
    expect(activity.map((a) => a.metric).sort()).toEqual(["Received SMS", "Viewed page"]);
  });

  it("an email that already belongs to another customer's phone does not move or break anything", async () => {
    const ws = await smsWorkspace();
    const [first, second] = [newPhone(), newPhone()];
    await postEvents(ws.id, [{ type: "activity", id: "a1", profile: { phone: first, email: "shared@example.test" }, metric: "Viewed page" }]);
    const r = await postEvents(ws.id, [{ type: "activity", id: "a2", profile: { phone: second, email: "shared@example.test" }, metric: "Viewed page" }]);
    expect(r.status).toBe(200);
    expect((await profileByPhone(ws.id, first))?.id).not.toBe((await profileByPhone(ws.id, second))?.id);
  });
});

describe("refused event posts change nothing", () => {
  it("answers 401 to a bad signature", async () => {
    const ws = await smsWorkspace();
    const r = await postEvents(ws.id, [flowSms(newPhone(), "Abandoned cart", "hi")], "wrong-secret");
    expect(r.status).toBe(401);
    expect(await footprint(ws.id)).toEqual(EMPTY);
  });

  it.each([
    ["not JSON", "{events:", "invalid_json"],
    ["no events", JSON.stringify({ events: [] }), "invalid_request"],
    ["an unknown type", JSON.stringify({ events: [{ type: "bought", id: "x", profile: { phone: "+12025550100" } }] }), "invalid_request"],
    ["a profile without phone or email", JSON.stringify({ events: [{ type: "activity", id: "x", profile: {}, metric: "Viewed page" }] }), "invalid_request"],
    [
      "a bad phone number",
      JSON.stringify({ events: [{ type: "activity", id: "x", profile: { phone: "555-0100" }, metric: "Viewed page" }] }),
      "invalid_request",
    ],
    [
      "a valid event followed by an outbound SMS without a phone",
      JSON.stringify({
        events: [
          { type: "activity", id: "ok_1", profile: { email: "ann@example.test" }, metric: "Viewed page" },
          { type: "outbound_message", id: "bad_1", profile: { email: "bob@example.test" }, source: "flow", name: "Welcome", text: "hi" },
        ],
      }),
      "invalid_request",
    ],
  ])("answers 400 to %s", async (_label, raw, code) => {
    const ws = await smsWorkspace();
    const r = await signedRaw(ws.id, raw);
    expect(r.status).toBe(400);
    expect(r.error.code).toBe(code);
    if (code === "invalid_request") expect(r.error.issues?.length).toBeGreaterThan(0);
    expect(await footprint(ws.id)).toEqual(EMPTY);
  });
});
