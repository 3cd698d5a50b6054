// Inbound SMS through the signed Twilio webhook: one ticket per phone, idempotent deliveries, MMS, reopen and block.
import { describe, expect, it } from "vitest";
import { ProfileResponse } from "../../../shared/schemas";
import { api, createWorkspace, newSid, sendSms, ticketFor, setTicketStatus } from "../helpers";
import { detail, firstTicket, listTickets, newPhone, outbox, thread } from "./sms-helpers";

describe("inbound SMS", () => {
  it("opens a ticket, lists it, and an agent can read the thread", async () => {
    const ws = await createWorkspace();
    const r = await sendSms(ws.id, "+12025550111", "Where is my order #1001?");
    expect(r.status).toBe(200);
    expect(r.text).toContain("<Response/>");
    const t = await ticketFor(ws.support.token, "+12025550111");
    expect(t).toBeTruthy();
    expect(t?.status).toBe("open");
    expect(t?.number).toBe(1);
    expect(t?.unread).toBe(true);
    const d = await detail(ws.support.token, t!.id);
    const texts = thread(d.messages);
    expect(texts[0]).toBe("inbound:customer:Where is my order #1001?");
    // default auto-responder answers non-consented profiles
    expect(texts.some((x) => x.startsWith("outbound:auto_responder:Shop"))).toBe(true);
    expect(d.ticket.canReply).toBe(false);
  });

  it("stores a duplicate delivery (same MessageSid) once, replies once, and answers the same 200", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    const sid = newSid();
    const first = await sendSms(ws.id, phone, "Is my parcel lost?", { MessageSid: sid });
    const again = await sendSms(ws.id, phone, "Is my parcel lost?", { MessageSid: sid });
    expect(again).toEqual(first);
    expect(first.status).toBe(200);
    const [ticket, ...others] = await listTickets(ws.support.token);
    expect(others).toHaveLength(0);
    const texts = thread((await detail(ws.support.token, ticket!.id)).messages);
    expect(texts.filter((x) => x === "inbound:customer:Is my parcel lost?")).toHaveLength(1);
    expect(texts.filter((x) => x.startsWith("outbound:auto_responder:"))).toHaveLength(1);
    expect(await outbox(ws.id)).toHaveLength(1);
  });

  it("makes one ticket when two first messages from one number arrive at once", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    const results = await Promise.all([sendSms(ws.id, phone, "first"), sendSms(ws.id, phone, "second"), sendSms(ws.id, phone, "third")]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const tickets = await listTickets(ws.support.token);
    expect(tickets).toHaveLength(1);
    const inbound = thread((await detail(ws.support.token, tickets[0]!.id)).messages).filter((x) => x.startsWith("inbound:"));
    expect(inbound.sort()).toEqual(["inbound:customer:first", "inbound:customer:second", "inbound:customer:third"]);
  });

  it("keeps one thread per phone across closes: a new message reopens the same ticket", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, "hello");
    const ticket = await firstTicket(ws.support.token);
    expect((await setTicketStatus(ws.support.token, ticket.id, { status: "closed" })).status).toBe(200);
    expect((await listTickets(ws.support.token))[0]?.status).toBe("closed");
    await sendSms(ws.id, phone, "me again");
    const after = await listTickets(ws.support.token);
    expect(after.map((t) => [t.id, t.status])).toEqual([[ticket.id, "open"]]);
    const d = await detail(ws.support.token, ticket.id);
    expect(d.messages.some((m) => m.kind === "activity" && m.text === "Reopened by a new customer message")).toBe(true);
    expect(thread(d.messages).filter((x) => x.startsWith("inbound:"))).toEqual(["inbound:customer:hello", "inbound:customer:me again"]);
  });

  it("shows MMS media as links on the inbound message", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    const media = [
      "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
      "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
    ];
    await sendSms(ws.id, phone, "Here is the damaged box", {
      NumMedia: "2",
      MediaUrl0: media[0]!,
      MediaContentType0: "image/jpeg",
      MediaUrl1: media[1]!,
      MediaContentType1: "image/png",
    });
    const ticket = await firstTicket(ws.support.token);
    const inbound = (await detail(ws.support.token, ticket.id)).messages.find((m) => m.kind === "inbound");
    expect(inbound?.text).toBe("Here is the damaged box");
    expect(inbound?.media).toEqual(media);
  });

  it("accepts a picture with no text", async () => {
    const ws = await createWorkspace();
    await sendSms(ws.id, newPhone(), "", { NumMedia: "1", MediaUrl0: "https://api.twilio.com/media/ME9" });
    const ticket = await firstTicket(ws.support.token);
    const inbound = (await detail(ws.support.token, ticket.id)).messages.find((m) => m.kind === "inbound");
    expect(inbound?.media).toEqual(["https://api.twilio.com/media/ME9"]);
  });
});

describe("a blocked profile", () => {
  it("closes the ticket; later SMS stay in the thread but reopen nothing and get no auto-reply", async () => {
    const ws = await createWorkspace();
    const phone = newPhone();
    await sendSms(ws.id, phone, "buy followers cheap");
    const ticket = await firstTicket(ws.support.token);
    await api(ws.support.token, "POST", `/api/tickets/${ticket.id}/read`);
    const block = await api(ws.support.token, "POST", `/api/profiles/${ticket.profile.id}/block`, undefined, ProfileResponse);
    expect(block.status).toBe(200);
    expect(block.body.profile.blocked).toBe(true);
    expect((await listTickets(ws.support.token))[0]?.status).toBe("closed");
    const sentBefore = (await outbox(ws.id)).length;

    expect((await sendSms(ws.id, phone, "more spam")).status).toBe(200);
    const [after] = await listTickets(ws.support.token);
    expect(after?.status).toBe("closed");
    expect(after?.unread).toBe(false); // no notification from a blocked profile
    const d = await detail(ws.support.token, ticket.id);
    expect(d.ticket.blocked).toBe(true);
    expect(d.ticket.canReply).toBe(false);
    expect(thread(d.messages).at(-1)).toBe("inbound:customer:more spam");
    expect(thread(d.messages).filter((x) => x.startsWith("outbound:auto_responder:"))).toHaveLength(1); // only the first, before the block
    expect(await outbox(ws.id)).toHaveLength(sentBefore);
  });
});
