// New-ticket notification emails (docs/api.md §11 Notifications): one per recipient when a ticket of any channel first opens; none otherwise.
import { describe, expect, it, vi } from "vitest";
import { runDurableObjectAlarm } from "cloudflare:test";
import * as fx from "./fixtures";
import { openTicket, ticketStubOf } from "../inbox-helpers";
import { sendSms } from "../helpers";
import { say, startChat } from "../chat/chat-helpers";
import { deliver, emailWorkspace, outbox, parseMime, ticketIdOf, uid } from "./email-helpers";

const RECIPIENTS = ["lead@shop.example", "Ops@Shop.example"];
const notificationsOf = async (wsId: string) => (await outbox(wsId)).filter((o) => o.subject.startsWith("New "));
/** Lets every pending ticket timer run, then settles. */
const settle = async (ticketId: string) => {
  await new Promise((r) => setTimeout(r, 400));
  await runDurableObjectAlarm(ticketStubOf(ticketId));
};

describe("new-ticket notifications", () => {
  it("emails each recipient once when an email ticket opens, with customer, channel, first message and number", async () => {
    const ws = await emailWorkspace({ notifyRecipients: RECIPIENTS });
    const from = "nora.notify@customer.example";
    const root = uid("root");
    await deliver(
      from,
      ws.inbound,
      fx.plainText({ from: `Nora <${from}>`, to: ws.inbound }, root, "Broken zipper", "The zipper <b>broke</b> & I want a refund."),
    );
    const ticketId = ticketIdOf(ws.id, root);
    await vi.waitFor(async () => expect(await notificationsOf(ws.id)).toHaveLength(2), { timeout: 3000, interval: 50 });
    await deliver(from, ws.inbound, fx.reply({ from, to: ws.inbound }, uid(), root, [root], "Re: Broken zipper", "Hello?"));
    await settle(ticketId);

    const sent = await notificationsOf(ws.id);
    expect(sent.map((s) => s.to_address).sort()).toEqual(["lead@shop.example", "ops@shop.example"]);
    const mail = await parseMime(sent[0]!.mime);
    expect(mail.subject).toMatch(/^New email ticket #\d+ from Nora$/);
    expect(mail.from?.address).toBe(ws.support);
    expect(mail.text).toContain("Customer: Nora · nora.notify@customer.example");
    expect(mail.text).toContain("The zipper <b>broke</b> & I want a refund.");
    expect(mail.html).toContain("The zipper &lt;b&gt;broke&lt;/b&gt; &amp; I want a refund.");
    expect(mail.html).not.toContain("<b>broke</b>");
    expect(sent.every((s) => s.ticket_id === ticketId)).toBe(true);
  });

  it("covers every channel: an SMS ticket notifies too, and its later messages do not", async () => {
    const ws = await emailWorkspace({ notifyRecipients: ["lead@shop.example"] });
    const t = await openTicket(ws.id, ws.owner.token, undefined, "Hi from SMS");
    await vi.waitFor(async () => expect(await notificationsOf(ws.id)).toHaveLength(1), { timeout: 3000, interval: 50 });
    await sendSms(ws.id, t.profile.phone, "second message");
    await settle(t.id);
    const sent = await notificationsOf(ws.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe(`New SMS ticket #${t.number} from ${t.profile.phone}`);
    expect(sent[0]!.body).toContain("Hi from SMS");
  });

  it("a web chat notifies once when its first customer message opens it", async () => {
    const ws = await emailWorkspace({ notifyRecipients: ["lead@shop.example"] });
    const session = await startChat(ws.id, { name: "Wendy Web" });
    await say(session, "Do you have this in blue?");
    await vi.waitFor(async () => expect(await notificationsOf(ws.id)).toHaveLength(1), { timeout: 3000, interval: 50 });
    await say(session, "Size M please");
    await new Promise((r) => setTimeout(r, 400));
    const sent = await notificationsOf(ws.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toMatch(/^New web chat ticket #\d+ from Wendy Web$/);
    expect(sent[0]!.body).toContain("Do you have this in blue?");
  });

  it("sends nothing when no recipients are configured (the default)", async () => {
    const ws = await emailWorkspace();
    const root = uid("root");
    await deliver("quiet@customer.example", ws.inbound, fx.plainText({ from: "quiet@customer.example", to: ws.inbound }, root));
    await settle(ticketIdOf(ws.id, root));
    expect(await notificationsOf(ws.id)).toHaveLength(0);
  });
});
