// The SMS auto-responder: who it answers (non-consented by default, everyone, or no one), its text, and when.
import { describe, expect, it } from "vitest";
import { sendSms, setTicketStatus } from "../helpers";
import { detail, firstTicket, newPhone, outbox, smsWorkspace, thread } from "./sms-helpers";

const autoReplies = async (token: string, ticketId: string) =>
  thread((await detail(token, ticketId)).messages).filter((x) => x.startsWith("outbound:auto_responder:"));

async function conversation(audience: string | null, consented: boolean) {
  const ws = await smsWorkspace(audience ? { sms: { autoResponder: { audience } } } : {});
  const phone = newPhone();
  if (consented) await sendSms(ws.id, phone, "START");
  await sendSms(ws.id, phone, "Do you ship to Canada?");
  const ticket = await firstTicket(ws.support.token);
  return { ws, phone, ticket, replies: await autoReplies(ws.support.token, ticket.id) };
}

describe("auto-responder audience", () => {
  it.each([
    // [audience setting (null = default), profile consented?, answered?]
    [null, false, true],
    [null, true, false],
    ["non_consented", false, true],
    ["non_consented", true, false],
    ["all", false, true],
    ["all", true, true],
    ["off", false, false],
    ["off", true, false],
  ] as const)("audience %s, consented %s → answered %s", async (audience, consented, answered) => {
    const { ws, phone, replies } = await conversation(audience, consented);
    expect(replies).toHaveLength(answered ? 1 : 0);
    const sent = (await outbox(ws.id)).filter((m) => !/subscribed/.test(m.body)); // keyword confirmations aside
    expect(sent.map((m) => m.to)).toEqual(answered ? [phone] : []);
  });
});

describe("auto-responder text", () => {
  it("fills the recommended text's placeholders with the organization and support email", async () => {
    const ws = await smsWorkspace({ email: { supportAddress: "care@shop.test" } });
    await sendSms(ws.id, newPhone(), "hi");
    const [reply] = await outbox(ws.id);
    expect(reply?.body).toMatch(/^Shop \d+: we can't reply because you have not consented to receive SMS\. For help contact care@shop\.test$/);
  });

  it("uses a custom text with placeholders in any case", async () => {
    const ws = await smsWorkspace({
      sms: { autoResponder: { audience: "all", text: "Thanks! {{ organization prefix }} replies within a day. Email: {{EMAIL}}" } },
      email: { supportAddress: "care@shop.test" },
    });
    await sendSms(ws.id, newPhone(), "hi");
    expect((await outbox(ws.id)).map((m) => m.body)).toEqual([expect.stringMatching(/^Thanks! Shop \d+ replies within a day\. Email: care@shop\.test$/)]);
  });
});

describe("auto-responder timing", () => {
  it("answers once when the ticket opens, not every message of the open conversation", async () => {
    const { ws, phone, ticket } = await conversation("all", false);
    await sendSms(ws.id, phone, "Also, do you have it in blue?");
    await sendSms(ws.id, phone, "Hello?");
    expect(await autoReplies(ws.support.token, ticket.id)).toHaveLength(1);
    expect(await outbox(ws.id)).toHaveLength(1);
  });

  it("answers again when a message reopens a closed or snoozed ticket", async () => {
    const { ws, phone, ticket } = await conversation("all", false);
    await setTicketStatus(ws.support.token, ticket.id, { status: "closed" });
    await sendSms(ws.id, phone, "One more question");
    expect(await autoReplies(ws.support.token, ticket.id)).toHaveLength(2);
    await setTicketStatus(ws.support.token, ticket.id, { status: "snoozed", preset: "next_week" });
    await sendSms(ws.id, phone, "And another");
    await sendSms(ws.id, phone, "and another");
    expect(await autoReplies(ws.support.token, ticket.id)).toHaveLength(3);
    expect((await detail(ws.support.token, ticket.id)).ticket.status).toBe("open");
  });

  it("the auto-reply follows the customer's message in the thread and is marked sent", async () => {
    const { ws, ticket } = await conversation(null, false);
    const d = await detail(ws.support.token, ticket.id);
    const visible = d.messages.filter((m) => m.kind !== "activity");
    expect(visible.map((m) => m.kind)).toEqual(["inbound", "outbound"]);
    expect(visible[1]).toMatchObject({ source: "auto_responder", status: "sent", author: { type: "system" } });
  });
});
