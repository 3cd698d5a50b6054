// Customer messages: business-hours replies, idempotency by clientId, one ticket for racing first messages,
// notes never reach the customer, and a closed chat never reopens (the widget is told to start a new session).
import * as clock from "../../../worker/src/clock";
import { describe, expect, it } from "vitest";
import { ChatConfig } from "../../../shared/schemas/chat";
import { wallClock } from "../../../shared/rules/zoned-time";
import { createWorkspace, getTicket, patchTicket, postMessage, setTicketStatus } from "../helpers";
import { listIds } from "../inbox-helpers";
import { chat, connectCustomer, newClientId, say, startChat, thread, ticketIdOf } from "./chat-helpers";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const hh = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
/** Every day open only for one hour twelve hours away from now (in the workspace zone): now is out of hours. */
function closedNow(tz: string) {
  const h = wallClock(clock.nowDate(), tz).hour;
  return Object.fromEntries(DAYS.map((d) => [d, [{ start: hh(h + 12), end: hh(h + 13) }]]));
}
const openAllDay = Object.fromEntries(DAYS.map((d) => [d, [{ start: "00:00", end: "00:00" }]]));
const replies = { inHoursReply: "Thanks! An agent will be right with you.", outOfHoursReply: "We're closed now; we'll reply in the morning." };

describe("business hours", () => {
  it.each([
    ["inside", openAllDay, "Thanks! An agent will be right with you.", true],
    ["outside", closedNow("Asia/Tokyo"), "We're closed now; we'll reply in the morning.", false],
  ] as const)("the first message %s hours gets that reply (source business_hours), later ones none", async (_n, businessHours, expected, inHours) => {
    const ws = await createWorkspace({ timezone: "Asia/Tokyo", settings: { webchat: { ...replies, businessHours } } });
    expect((await chat("GET", `/${ws.id}/config`, { schema: ChatConfig })).body.inBusinessHours).toBe(inHours);
    const s = await startChat(ws.id);
    expect((await say(s, "Hello?")).status).toBe(201);
    expect((await say(s, "Anyone there?")).status).toBe(201);
    const t = await thread(s);
    expect(t.body.messages.map((m) => [m.from, m.text])).toEqual([
      ["bot", "Hi! How can we help?"],
      ["customer", "Hello?"],
      ["bot", expected],
      ["customer", "Anyone there?"],
    ]);
    const detail = await getTicket(ws.owner.token, ticketIdOf(s));
    expect(detail.body.messages.filter((m) => m.source === "business_hours")).toHaveLength(1);
    expect(detail.body.messages.find((m) => m.source === "welcome")).toMatchObject({ kind: "outbound", status: "sent" });
  });
});

describe("customer messages", () => {
  it("stores one message per clientId, however often the widget retries", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    const clientId = newClientId();
    const first = await say(s, "Where is my order?", clientId);
    const again = await say(s, "Where is my order?", clientId);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
    expect(first.body.message).toMatchObject({ from: "customer", clientId, text: "Where is my order?" });
    const detail = await getTicket(ws.owner.token, ticketIdOf(s));
    expect(detail.body.messages.filter((m) => m.kind === "inbound")).toHaveLength(1);
  });

  it("makes one ticket when the first messages of a session arrive at once", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    const results = await Promise.all(["one", "two", "three", "four"].map((t) => say(s, t)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const ids = await listIds(ws.owner.token, "view=all&channel=webchat");
    expect(ids).toEqual([ticketIdOf(s)]);
    const detail = await getTicket(ws.owner.token, ticketIdOf(s));
    expect(detail.body.messages.filter((m) => m.kind === "inbound")).toHaveLength(4);
    expect(detail.body.messages.filter((m) => m.source === "business_hours")).toHaveLength(1);
    expect(detail.body.ticket.number).toBe(1);
  });

  it("never shows the customer notes or activity, in the thread or on the socket", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    await say(s, "Can I return worn boots?");
    const id = ticketIdOf(s);
    const socket = await connectCustomer(s);
    await socket.next("hello");
    await patchTicket(ws.support.token, id, { assigneeId: ws.support.id });
    await postMessage(ws.support.token, id, { kind: "note", text: "SECRET: customer wore them on a hike" });
    await postMessage(ws.support.token, id, { kind: "reply", text: "Yes, within 30 days." });
    await socket.next("message", (f) => f.message.text === "Yes, within 30 days.");
    const t = await thread(s);
    const all = JSON.stringify(t.json) + JSON.stringify(socket.raw);
    expect(all).not.toContain("SECRET");
    expect(all).not.toContain("Assigned to");
    expect(t.body.messages.every((m) => ["customer", "agent", "bot"].includes(m.from))).toBe(true);
    expect(t.body.messages.at(-1)).toMatchObject({ from: "agent", authorName: "Sam Support", text: "Yes, within 30 days." });
    socket.ws.close();
  });

  it("a closed chat never reopens: the widget gets chat_closed, and the next session is a new ticket", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id, { email: "closer@example.com" });
    await say(s, "Thanks, that's all");
    const id = ticketIdOf(s);
    await setTicketStatus(ws.support.token, id, { status: "closed" });
    const late = await say(s, "Oh, one more thing");
    expect(late.status).toBe(409);
    expect(late.error.code).toBe("chat_closed");
    expect((await thread(s)).body.status).toBe("closed");
    const detail = await getTicket(ws.owner.token, id);
    expect(detail.body.ticket.status).toBe("closed");
    expect(detail.body.messages.some((m) => m.text === "Oh, one more thing")).toBe(false);

    const next = await startChat(ws.id, { email: "closer@example.com" });
    expect((await say(next, "Oh, one more thing")).status).toBe(201);
    const ids = await listIds(ws.owner.token, "view=all&channel=webchat");
    expect(ids).toHaveLength(2);
    expect(ids).toContain(ticketIdOf(next));
    const fresh = await getTicket(ws.owner.token, ticketIdOf(next));
    expect(fresh.body.ticket).toMatchObject({ status: "open", profile: detail.body.ticket.profile });
  });

  it("agents can reply to anyone on web chat: no consent gate", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    await say(s, "anonymous visitor here");
    const detail = await getTicket(ws.support.token, ticketIdOf(s));
    expect(detail.body.ticket).toMatchObject({ canReply: true, replyBlockedReason: null });
    const reply = await postMessage(ws.support.token, ticketIdOf(s), { kind: "reply", text: "Hi there!" });
    expect(reply.status).toBe(201);
    expect(reply.body.message.status).toBe("queued"); // answered at the commit; delivery follows at once
    const after = await getTicket(ws.support.token, ticketIdOf(s));
    expect(after.body.messages.find((m) => m.id === reply.body.message.id)?.status).toBe("sent");
  });
});
