// The follow-up email: agents' replies while the customer is away → exactly one email per burst, 3 minutes after the
// last reply (re-armed by each), from the support address; none if the customer came back, none without both addresses.
import * as clock from "../../../worker/src/clock";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Me } from "../../../shared/schemas";
import { api, createWorkspace, getTicket, postMessage } from "../helpers";
import { chatStubOf, connectCustomer, emailsTo, eventually, makeTimerDue, say, startChat, ticketIdOf, timerDue, type Session } from "./chat-helpers";

const SUPPORT = "help@northwind.example";
const shopWith = (supportAddress: string | null) => createWorkspace({ settings: { email: { supportAddress } } });
const reply = (token: string, s: Session, text: string) => postMessage(token, ticketIdOf(s), { kind: "reply", text });

/** A customer who chatted, then left the page. */
async function leftChat(workspaceId: string, email: string | undefined, text = "Do these boots run small?") {
  const s = await startChat(workspaceId, email ? { email, name: "Lena" } : { name: "Lena" });
  await say(s, text);
  const socket = await connectCustomer(s);
  await socket.next("hello");
  socket.ws.close();
  await eventually(async () => expect(await timerDue(s, "presence")).not.toBeUndefined());
  return s;
}

async function fire(s: Session) {
  await makeTimerDue(s, "followup");
  await runDurableObjectAlarm(chatStubOf(s));
}

describe("follow-up email", () => {
  it("sends exactly one email per burst, 3 minutes after the last reply, with subject, recap and a link back", async () => {
    const ws = await shopWith(SUPPORT);
    const s = await leftChat(ws.id, "lena@example.com", "Do these boots run small? <b>asking</b> for a friend & co");
    const detail = await getTicket(ws.support.token, ticketIdOf(s));
    expect(detail.body.ticket).toMatchObject({ customerOnline: false, followUpEmail: true, followUpAt: null });

    const t0 = clock.now();
    await reply(ws.support.token, s, "They run half a size small.");
    const firstDue = (await timerDue(s, "followup"))!;
    expect(firstDue).toBeGreaterThanOrEqual(t0 + 3 * 60_000);
    await new Promise((r) => setTimeout(r, 20));
    await reply(ws.support2.token, s, "So order one size up if you are between sizes.");
    const secondDue = (await timerDue(s, "followup"))!;
    expect(secondDue).toBeGreaterThan(firstDue); // re-armed by the later reply
    expect(secondDue - clock.now()).toBeGreaterThan(2.9 * 60_000);
    expect(await emailsTo(ws.id)).toHaveLength(0); // nothing before the timer
    // The agents see when it goes out (the offline banner says so), and that it is no longer pending once sent.
    expect((await getTicket(ws.support.token, ticketIdOf(s))).body.ticket.followUpAt).toBe(new Date(secondDue).toISOString());

    await fire(s);
    await runDurableObjectAlarm(chatStubOf(s)); // a second alarm run sends nothing more
    const mails = await emailsTo(ws.id);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ to_address: "lena@example.com", from_address: SUPPORT, ticket_id: ticketIdOf(s) });
    const name = (await api(ws.owner.token, "GET", "/api/me", undefined, Me)).body.workspace.name;
    expect(mail!.subject).toBe(`You have a new message from ${name}`);
    expect(mail!.body).toContain("They run half a size small.");
    expect(mail!.body).toContain("So order one size up");
    expect(mail!.body).toContain("https://shop.example/products/backpack#sidedesk-chat");
    expect(mail!.body).toContain("https://shop.example/policies/privacy-policy");
    const mime = mail!.mime ?? "";
    expect(mime).toContain("text/html");
    expect(decodeMime(mime)).toContain("&lt;b&gt;asking&lt;/b&gt; for a friend &amp; co");
    expect(decodeMime(mime)).not.toContain("<b>asking</b>");
    expect(await timerDue(s, "followup")).toBeNull();
    const thread = await getTicket(ws.support.token, ticketIdOf(s));
    expect(thread.body.ticket.followUpAt).toBeNull();
    expect(thread.body.messages.some((m) => m.kind === "activity" && m.text === "Follow-up email sent to lena@example.com")).toBe(true);

    // A later burst while still away is a new email.
    await reply(ws.support.token, s, "Any other questions?");
    await fire(s);
    expect(await emailsTo(ws.id)).toHaveLength(2);
  });

  it("carries the brand: logo, accent colour and the workspace's own privacy and terms links (refusing plain http)", async () => {
    const brand = {
      logoUrl: "https://cdn.northwind.example/logo.png",
      accentColor: "#0a7d55",
      privacyUrl: "https://northwind.example/privacy",
      termsUrl: "https://northwind.example/terms",
    };
    const ws = await createWorkspace({ settings: { email: { supportAddress: SUPPORT }, brand } });
    const refused = await api(ws.owner.token, "PUT", "/api/settings", { brand: { logoUrl: "http://cdn.northwind.example/logo.png" } });
    expect(refused.status).toBe(400);
    const s = await leftChat(ws.id, "lena@example.com");
    await reply(ws.support.token, s, "They run half a size small.");
    await fire(s);
    const [mail] = await emailsTo(ws.id);
    const html = decodeMime(mail!.mime ?? "");
    expect(html).toContain('<img src="https://cdn.northwind.example/logo.png"');
    expect(html).toContain("background:#0a7d55");
    expect(mail!.body).toContain("Privacy policy: https://northwind.example/privacy");
    expect(mail!.body).toContain("Terms of service: https://northwind.example/terms");
    expect(mail!.body).not.toContain("/policies/privacy-policy");
  });

  it("sends nothing when the customer came back before it fired", async () => {
    const ws = await shopWith(SUPPORT);
    const s = await leftChat(ws.id, "back@example.com");
    await reply(ws.support.token, s, "Are you still there?");
    expect(await timerDue(s, "followup")).not.toBeNull();
    const back = await connectCustomer(s);
    await back.next("hello");
    expect(await timerDue(s, "followup")).toBeNull();
    await runDurableObjectAlarm(chatStubOf(s));
    expect(await emailsTo(ws.id)).toHaveLength(0);
    back.ws.close();
  });

  it("sends nothing while the customer is online: they saw the reply live", async () => {
    const ws = await shopWith(SUPPORT);
    const s = await startChat(ws.id, { email: "live@example.com" });
    await say(s, "hello");
    const socket = await connectCustomer(s);
    await socket.next("hello");
    await reply(ws.support.token, s, "Hi! Live answer.");
    await socket.next("message", (f) => f.message.from === "agent");
    expect(await timerDue(s, "followup")).toBeNull();
    socket.ws.close();
  });

  it("covers replies the customer missed before a silent socket timed out (a laptop lid closed mid-chat)", async () => {
    const ws = await shopWith(SUPPORT);
    const s = await startChat(ws.id, { email: "sleepy@example.com" });
    await say(s, "one sec");
    const socket = await connectCustomer(s);
    await socket.next("hello");
    await runInDurableObject(chatStubOf(s), (_i, state) => {
      // the widget's last sign of life was two minutes ago
      for (const w of state.getWebSockets("customer")) w.serializeAttachment({ ...(w.deserializeAttachment() as object), connectedAt: clock.now() - 120_000 });
    });
    await reply(ws.support.token, s, "Here is the tracking link.");
    expect(await timerDue(s, "followup")).toBeNull(); // still looked online
    await makeTimerDue(s, "presence");
    await runDurableObjectAlarm(chatStubOf(s));
    const due = await timerDue(s, "followup");
    expect(due).not.toBeNull();
    expect(due! - clock.now()).toBeGreaterThan(2.5 * 60_000); // 3 minutes after that reply
    await fire(s);
    expect(await emailsTo(ws.id, "sleepy@example.com")).toHaveLength(1);
  });

  it.each([
    ["no support address", null, "nosupport@example.com"],
    ["no customer email", SUPPORT, undefined],
  ] as const)("sends nothing with %s", async (_name, support, email) => {
    const ws = await shopWith(support);
    const s = await leftChat(ws.id, email);
    expect((await getTicket(ws.support.token, ticketIdOf(s))).body.ticket.followUpEmail).toBe(false);
    await reply(ws.support.token, s, "We replied while you were away.");
    await fire(s);
    expect(await emailsTo(ws.id)).toHaveLength(0);
  });
});

/** The HTML part (it follows the text part) as text, whatever transfer encoding the composer chose. */
function decodeMime(raw: string): string {
  const mime = raw.slice(raw.search(/content-type: text\/html/i));
  const unfolded = mime.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  const b64 = [...mime.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{40,})/g)].map((m) => {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(m[1]!.replace(/\s/g, "")), (c) => c.charCodeAt(0)));
    } catch {
      return "";
    }
  });
  return [unfolded, ...b64].join("\n");
}
