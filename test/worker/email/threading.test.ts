// Email threads: replies land in their ticket (also after close), new threads make new tickets,
// agent replies go out with correct threading headers, and the customer's answer to them threads back.
import { describe, expect, it, beforeAll } from "vitest";
import * as fx from "./fixtures";
import { api, postMessage, setTicketStatus } from "../helpers";
import { deliver, detail, emailWorkspace, outbox, parseMime, ticketIdOf, uid } from "./email-helpers";

let ws: Awaited<ReturnType<typeof emailWorkspace>>;
beforeAll(async () => {
  ws = await emailWorkspace();
});

const customer = () => `cust.${crypto.randomUUID().slice(0, 6)}@customer.example`;
const addr = (from: string) => ({ from: `Jane Doe <${from}>`, to: ws.inbound });
const inboundTexts = async (ticketId: string) => (await detail(ws.owner.token, ticketId)).messages.filter((m) => m.kind === "inbound").map((m) => m.text);
const reply = (ticketId: string, text: string) => postMessage(ws.supportAgent.token, ticketId, { kind: "reply", text });

describe("email threading", () => {
  it("a reply with In-Reply-To / References joins the same ticket", async () => {
    const from = customer();
    const root = uid("root");
    await deliver(from, ws.inbound, fx.plainText(addr(from), root));
    const second = uid();
    await deliver(from, ws.inbound, fx.reply(addr(from), second, root, [root], "Re: Where is my order?", "Any news?"));
    // A third message that only names the second in References still finds the thread.
    await deliver(from, ws.inbound, fx.plainText(addr(from), uid(), "Re: Re: Where is my order?", "Hello??", [`References: <${second}>`]));
    expect(await inboundTexts(ticketIdOf(ws.id, root))).toEqual(["Hi,\nmy order #1001 has not arrived yet.\n\nThanks, Jane", "Any news?", "Hello??"]);
  });

  it("a reply on a closed ticket's thread reopens that ticket", async () => {
    const from = customer();
    const root = uid("root");
    await deliver(from, ws.inbound, fx.plainText(addr(from), root));
    const ticketId = ticketIdOf(ws.id, root);
    expect((await setTicketStatus(ws.owner.token, ticketId, { status: "closed" })).status).toBe(200);
    expect((await detail(ws.owner.token, ticketId)).ticket.status).toBe("closed");
    await deliver(from, ws.inbound, fx.reply(addr(from), uid(), root, [root], "Re: Where is my order?", "Still waiting."));
    const d = await detail(ws.owner.token, ticketId);
    expect(d.ticket.status).toBe("open");
    expect(d.messages.filter((m) => m.kind === "inbound").map((m) => m.text)).toContain("Still waiting.");
  });

  it("a new thread from the same customer is a second ticket", async () => {
    const from = customer();
    const first = uid("root");
    const other = uid("root");
    await deliver(from, ws.inbound, fx.plainText(addr(from), first));
    await deliver(from, ws.inbound, fx.plainText(addr(from), other, "Another question", "Do you ship to Canada?"));
    const a = await detail(ws.owner.token, ticketIdOf(ws.id, first));
    const b = await detail(ws.owner.token, ticketIdOf(ws.id, other));
    expect(a.ticket.id).not.toBe(b.ticket.id);
    expect(a.ticket.number).not.toBe(b.ticket.number);
    expect(b.messages.filter((m) => m.kind === "inbound").map((m) => m.text)).toEqual(["Do you ship to Canada?"]);
  });

  it("an agent reply goes out as a threaded email, and the customer's answer to it threads back", async () => {
    const from = customer();
    const root = uid("root");
    const second = uid();
    await deliver(from, ws.inbound, fx.plainText(addr(from), root, "Re: Where is my order?"));
    await deliver(from, ws.inbound, fx.reply(addr(from), second, root, [root], "Re: Where is my order?", "Any news?"));
    const ticketId = ticketIdOf(ws.id, root);
    const sent = await reply(ticketId, "It ships today — tracking: ZX123.");
    expect(sent.status).toBe(201);

    const out = (await outbox(ws.id)).filter((o) => o.ticket_id === ticketId);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ to_address: from, from_address: ws.support, subject: "Re: Where is my order?", body: "It ships today — tracking: ZX123." });
    const mail = await parseMime(out[0]!.mime);
    expect(mail.from).toMatchObject({ address: ws.support, name: expect.stringMatching(/^Shop \d+$/) });
    expect(mail.to?.[0]).toMatchObject({ address: from });
    expect(mail.replyTo?.[0]).toMatchObject({ address: ws.inbound });
    expect(mail.subject).toBe("Re: Where is my order?");
    expect(mail.inReplyTo).toBe(`<${second}>`);
    expect(mail.references?.split(/\s+/)).toEqual([`<${root}>`, `<${second}>`]);
    expect(mail.text?.trim()).toBe("It ships today — tracking: ZX123.");
    expect(mail.messageId).toMatch(/@shop\.example>$/);

    const stored = (await detail(ws.owner.token, ticketId)).messages.find((m) => m.kind === "outbound");
    expect(stored).toMatchObject({ status: "sent", error: null, email: { subject: "Re: Where is my order?", from: ws.support, to: [from] } });

    // The customer answers our email: their client only names our Message-ID.
    const ours = mail.messageId!.slice(1, -1);
    await deliver(from, ws.inbound, fx.reply(addr(from), uid(), ours, [ours], "Re: Re: Where is my order?", "Got it, thanks!"));
    expect(await inboundTexts(ticketId)).toEqual(["Hi,\nmy order #1001 has not arrived yet.\n\nThanks, Jane", "Any news?", "Got it, thanks!"]);

    // The next reply continues the chain: our own earlier message is in References, In-Reply-To is the latest customer mail.
    await reply(ticketId, "Glad to help.");
    const next = await parseMime((await outbox(ws.id)).filter((o) => o.ticket_id === ticketId)[1]!.mime);
    expect(next.subject).toBe("Re: Where is my order?");
    expect(next.references?.split(/\s+/)).toContain(`<${ours}>`);
    expect(next.inReplyTo).not.toBe(`<${ours}>`);
  });

  it("a bounce marks the agent's reply failed with the server's reason", async () => {
    const from = customer();
    const root = uid("root");
    await deliver(from, ws.inbound, fx.plainText(addr(from), root));
    const ticketId = ticketIdOf(ws.id, root);
    await reply(ticketId, "Here is your answer.");
    const mail = await parseMime((await outbox(ws.id)).filter((o) => o.ticket_id === ticketId)[0]!.mime);
    const { rejected } = await deliver("", ws.inbound, fx.bounceReport(ws.inbound, mail.messageId!.slice(1, -1), uid("dsn")));
    expect(rejected).toBeNull();
    const d = await detail(ws.owner.token, ticketId);
    expect(d.messages.find((m) => m.kind === "outbound")).toMatchObject({ status: "failed", error: "Bounced (5.1.1): 550 5.1.1 User unknown" });
    expect(d.messages.filter((m) => m.kind === "inbound")).toHaveLength(1); // the report itself is not a customer message
  });

  it("without a support or inbound address the reply fails with a clear reason", async () => {
    const local = await emailWorkspace({ supportAddress: null });
    const from = customer();
    const root = uid("root");
    await deliver(from, local.inbound, fx.plainText({ from, to: local.inbound }, root));
    const ticketId = ticketIdOf(local.id, root);
    // supportAddress unset: the inbound address is the sender.
    await postMessage(local.owner.token, ticketId, { kind: "reply", text: "First" });
    expect((await outbox(local.id))[0]).toMatchObject({ from_address: local.inbound });
    await api(local.owner.token, "PUT", "/api/settings", { email: { inboundAddress: null } });
    await postMessage(local.owner.token, ticketId, { kind: "reply", text: "Second" });
    const failed = (await detail(local.owner.token, ticketId)).messages.filter((m) => m.kind === "outbound")[1];
    expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/No support or inbound email address is configured/) });
  });

  it("an inbound address belongs to one workspace only", async () => {
    const other = await emailWorkspace();
    const r = await api(other.owner.token, "PUT", "/api/settings", { email: { inboundAddress: ws.inbound.toUpperCase() } });
    expect(r.status).toBe(409);
    expect(r.error.code).toBe("inbound_address_taken");
  });
});
