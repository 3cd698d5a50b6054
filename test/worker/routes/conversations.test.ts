// Agents start conversations from the customer panel: SMS only to consented numbers and, unless confirmed, not in the
// customer's quiet hours; email as a new thread the customer's answer threads back into; a repeat starts nothing new.
import * as clock from "../../../worker/src/clock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { StartedConversation } from "../../../shared/schemas/outbound";
import { api, getTicket, postEvents, sendSms } from "../helpers";
import { outbox as smsOutbox, profileByPhone } from "../webhooks/sms-helpers";
import { newPhone } from "../inbox-helpers";
import * as fx from "../email/fixtures";
import { deliver, emailWorkspace, outbox as emailOutbox, parseMime, uid } from "../email/email-helpers";

let ws: Awaited<ReturnType<typeof emailWorkspace>>;
const clockStart = clock.clockOffset();
afterEach(() => clock.setClockOffset(clockStart));
beforeAll(async () => {
  ws = await emailWorkspace();
});

/** A customer known from a store event (no ticket yet). */
async function knownCustomer(phone: string, email: string) {
  const r = await postEvents(ws.id, [
    { type: "activity", id: `sub-${phone}`, profile: { phone, email, name: "Rita Moreno" }, metric: "Subscribed to List", properties: {} },
  ]);
  expect(r.status).toBeLessThan(300);
  return (await profileByPhone(ws.id, phone))!;
}
const start = (profileId: string, body: Record<string, unknown>) => api(ws.supportAgent.token, "POST", `/api/profiles/${profileId}/conversations`, body);

describe("starting a conversation", () => {
  it("texts a consented customer (once per clientId) and refuses without consent or in quiet hours unless confirmed", async () => {
    clock.setClock(Date.parse("2027-01-15T16:00:00Z")); // 11:00 in New York
    const phone = newPhone();
    const profile = await knownCustomer(phone, `rita.${phone.slice(-4)}@example.com`);
    const refused = await start(profile.id, { channel: "sms", text: "Hi Rita, your boots are back in stock!" });
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe("consent_required");
    await sendSms(ws.id, phone, "START");
    const body = { channel: "sms", text: "Hi Rita, your boots are back in stock!", clientId: "start-boots-1" };
    const ok = await api(ws.supportAgent.token, "POST", `/api/profiles/${profile.id}/conversations`, body, StartedConversation);
    expect(ok.status).toBe(201);
    const again = await api(ws.supportAgent.token, "POST", `/api/profiles/${profile.id}/conversations`, body, StartedConversation);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...ok.body, duplicate: true });
    const d = (await getTicket(ws.supportAgent.token, ok.body.ticketId)).body;
    expect(d.ticket).toMatchObject({ channel: "sms", status: "open", assigneeId: ws.supportAgent.id });
    expect(d.messages.filter((m) => m.kind === "outbound" && m.source === "agent").map((m) => m.text)).toEqual(["Hi Rita, your boots are back in stock!"]);
    expect((await smsOutbox(ws.id)).filter((m) => m.to === phone && m.body.includes("boots are back"))).toHaveLength(1);

    clock.setClock(Date.parse("2027-01-16T04:00:00Z")); // 23:00 in New York
    const night = await start(profile.id, { channel: "sms", text: "One more thing" });
    expect(night.status).toBe(409);
    expect(night.error.code).toBe("quiet_hours");
    expect((await start(profile.id, { channel: "sms", text: "One more thing", confirmQuietHours: true })).status).toBe(201);
  });

  it("emails a new thread from the support address, and the customer's answer lands in the same ticket", async () => {
    const phone = newPhone();
    const address = `rita.${phone.slice(-4)}@example.com`;
    const profile = await knownCustomer(phone, address);
    expect((await start(profile.id, { channel: "email", text: "Hello" })).error.code).toBe("invalid_request"); // no subject
    const ok = await api(
      ws.supportAgent.token,
      "POST",
      `/api/profiles/${profile.id}/conversations`,
      { channel: "email", subject: "Your order", text: "Hi Rita, a quick question about your order." },
      StartedConversation,
    );
    expect(ok.status).toBe(201);
    const [mail] = (await emailOutbox(ws.id)).filter((m) => m.to_address === address);
    expect(mail).toMatchObject({ from_address: ws.support, subject: "Your order" });
    const sent = await parseMime(mail!.mime);
    expect(sent.inReplyTo).toBeUndefined();
    const rootId = (sent.messageId ?? "").replace(/^<|>$/g, "");
    expect(rootId).toContain("@shop.example");
    const answer = fx.reply({ from: address, to: ws.inbound }, uid("answer"), rootId, [rootId], "Re: Your order", "Sure, ask away!");
    expect((await deliver(address, ws.inbound, answer)).rejected).toBeNull();
    const d = (await getTicket(ws.supportAgent.token, ok.body.ticketId)).body;
    expect(d.messages.filter((m) => m.kind !== "activity").map((m) => `${m.kind}:${m.text.trim()}`)).toEqual([
      "outbound:Hi Rita, a quick question about your order.",
      "inbound:Sure, ask away!",
    ]);
  });

  it("refuses a blocked profile, an unknown one and a bad body, changing nothing", async () => {
    const phone = newPhone();
    const profile = await knownCustomer(phone, `b.${phone.slice(-4)}@example.com`);
    await api(ws.owner.token, "POST", `/api/profiles/${profile.id}/block`);
    expect((await start(profile.id, { channel: "email", subject: "Hi", text: "Hello" })).error.code).toBe("profile_blocked");
    expect((await start("pr_nobody", { channel: "email", subject: "Hi", text: "Hello" })).status).toBe(404);
    expect((await start(profile.id, { channel: "fax", text: "Hello" })).status).toBe(400);
  });
});
