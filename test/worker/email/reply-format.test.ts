// Replies look like a business wrote them: multipart/alternative (text and HTML) with the workspace signature, the
// thread's other recipients kept on Cc, threading headers as before.
import { describe, expect, it } from "vitest";
import { api, postMessage } from "../helpers";
import * as fx from "./fixtures";
import { deliver, emailWorkspace, outbox, parseMime, ticketIdOf, uid } from "./email-helpers";
import { vi } from "vitest";

const SIGNATURE = "Best,\nNorthwind Support\nhttps://northwind.example/help";

async function conversation(extra: string[]) {
  const ws = await emailWorkspace();
  expect((await api(ws.owner.token, "PUT", "/api/settings", { email: { signature: SIGNATURE } })).status).toBe(200);
  const first = uid("cc");
  const raw = fx.plainText({ from: "Kim Lee <kim@customer.example>", to: ws.inbound }, first, "Where is my order?", "Hi, where is it?", extra);
  expect((await deliver("kim@customer.example", ws.inbound, raw)).rejected).toBeNull();
  return { ws, first, ticketId: ticketIdOf(ws.id, first) };
}

async function reply(ws: Awaited<ReturnType<typeof emailWorkspace>>, ticketId: string, text: string) {
  const before = (await outbox(ws.id)).length;
  expect((await postMessage(ws.owner.token, ticketId, { kind: "reply", text })).status).toBe(201);
  await vi.waitFor(async () => expect((await outbox(ws.id)).length).toBe(before + 1));
  const sent = (await outbox(ws.id)).at(-1)!;
  return { sent, parsed: await parseMime(sent.mime) };
}

describe("email replies", () => {
  it("go as text and HTML, with the signature in both and the agent's text never turned into markup", async () => {
    const { ws, ticketId } = await conversation([]);
    const { sent, parsed } = await reply(ws, ticketId, "Hi Kim,\n\nIt ships today <b>for sure</b>. Track it at https://track.example/1042.");
    expect(sent.mime).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.text?.replace(/\r\n/g, "\n").trim()).toBe(
      "Hi Kim,\n\nIt ships today <b>for sure</b>. Track it at https://track.example/1042.\n\n-- \nBest,\nNorthwind Support\nhttps://northwind.example/help",
    );
    expect(parsed.html).toContain("It ships today &lt;b&gt;for sure&lt;/b&gt;.");
    expect(parsed.html).toContain('<a href="https://track.example/1042">https://track.example/1042</a>.');
    expect(parsed.html).toContain("Best,<br>Northwind Support");
    expect(parsed.html).not.toMatch(/<b>|<script|<img/i);
  });

  it("keep everyone else the customer wrote to on Cc, never our own addresses or the customer", async () => {
    const { ws, ticketId } = await conversation([`Cc: Partner <partner@customer.example>, "Kim" <kim@customer.example>, help@other.example`]);
    const { parsed } = await reply(ws, ticketId, "On it.");
    expect(parsed.to?.map((a) => a.address)).toEqual(["kim@customer.example"]);
    expect(parsed.cc?.map((a) => a.address).sort()).toEqual(["help@other.example", "partner@customer.example"]);
  });

  it("follow the customer's latest message: someone dropped from it is dropped from the reply", async () => {
    const { ws, first, ticketId } = await conversation(["Cc: partner@customer.example"]);
    const second = uid("cc2");
    const answer = fx.reply({ from: "Kim Lee <kim@customer.example>", to: ws.inbound }, second, first, [first], "Re: Where is my order?", "Just me now.");
    expect((await deliver("kim@customer.example", ws.inbound, answer)).rejected).toBeNull();
    const { parsed } = await reply(ws, ticketId, "Noted.");
    expect(parsed.cc ?? []).toEqual([]);
    expect(parsed.inReplyTo).toBe(`<${second}>`);
  });
});
