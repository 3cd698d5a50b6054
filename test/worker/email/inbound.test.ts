// Inbound email through the worker's email() handler: parsing real MIME, sanitizing, routing and de-duplication.
import { describe, expect, it, beforeAll } from "vitest";
import * as fx from "./fixtures";
import { countRows, deliver, detail, emailWorkspace, ticketIdOf, uid } from "./email-helpers";
import { listIds } from "../inbox-helpers";

let ws: Awaited<ReturnType<typeof emailWorkspace>>;
beforeAll(async () => {
  ws = await emailWorkspace();
});

async function receive(build: (a: fx.Addr, id: string) => string, from = `jane.${crypto.randomUUID().slice(0, 6)}@customer.example`) {
  const id = uid();
  const { rejected } = await deliver(from, ws.inbound, build({ from: `Jane Doe <${from}>`, to: ws.inbound }, id));
  expect(rejected).toBeNull();
  const d = await detail(ws.owner.token, ticketIdOf(ws.id, id));
  const inbound = d.messages.filter((m) => m.kind === "inbound");
  expect(inbound).toHaveLength(1);
  return { id, from, d, m: inbound[0]! };
}

describe("email() inbound", () => {
  it("plain text opens an email ticket for the sender's profile, with subject and text kept", async () => {
    const { d, m, from } = await receive((a, id) => fx.plainText(a, id));
    expect(d.ticket).toMatchObject({ channel: "email", status: "open", profile: { email: from, name: "Jane Doe" } });
    expect(d.ticket.number).toBeGreaterThan(0);
    expect(m.text).toBe("Hi,\nmy order #1001 has not arrived yet.\n\nThanks, Jane");
    expect(m.email).toMatchObject({ subject: "Where is my order?", html: null, attachments: [], from });
  });

  it("finds the ticket by a word that is only in the subject", async () => {
    const { id, m } = await receive((a, mid) => fx.plainText(a, mid));
    expect(m.text.toLowerCase()).not.toContain("where");
    expect(await listIds(ws.owner.token, "view=all&q=where")).toContain(ticketIdOf(ws.id, id));
  });

  it("reads raw 8-bit Latin-1 headers (subject, sender name, attachment name) in the charset the message declares", async () => {
    const id = uid("latin1");
    const from = `juergen.${crypto.randomUUID().slice(0, 6)}@customer.example`;
    const text = [
      `From: J\u00fcrgen M\u00fcller <${from}>`,
      `To: ${ws.inbound}`,
      "Subject: Die Hasen und die Fr\u00f6sche",
      `Message-ID: <${id}>`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b1"; charset=ISO-8859-1',
      "",
      "--b1",
      "Content-Type: text/plain; charset=ISO-8859-1",
      "Content-Transfer-Encoding: 8bit",
      "",
      "Gr\u00fc\u00dfe aus K\u00f6ln",
      "--b1",
      'Content-Type: application/pdf; name="Preisliste f\u00fcr H\u00e4ndler.pdf"',
      'Content-Disposition: attachment; filename="Preisliste f\u00fcr H\u00e4ndler.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK",
      "--b1--",
      "",
    ].join("\r\n");
    const raw = Uint8Array.from(text, (c) => c.charCodeAt(0)); // one byte per character: Latin-1 on the wire
    expect((await deliver(from, ws.inbound, raw)).rejected).toBeNull();
    const d = await detail(ws.owner.token, ticketIdOf(ws.id, id));
    const m = d.messages.find((x) => x.kind === "inbound");
    expect(m?.email?.subject).toBe("Die Hasen und die Fr\u00f6sche");
    expect(d.ticket.profile.name).toBe("J\u00fcrgen M\u00fcller");
    expect(m?.text).toBe("Gr\u00fc\u00dfe aus K\u00f6ln");
    expect(m?.email?.attachments.map((a) => a.name)).toEqual(["Preisliste f\u00fcr H\u00e4ndler.pdf"]);
  });

  it("stores the real address of a sender written with RFC 5322 comments, and the comment as the name", async () => {
    const id = uid("comments");
    const local = `pete.${crypto.randomUUID().slice(0, 6)}`;
    const raw = fx.plainText({ from: `${local}(his account)@silly.test(his host)`, to: ws.inbound }, id);
    expect((await deliver(`${local}@silly.test`, ws.inbound, raw)).rejected).toBeNull();
    const d = await detail(ws.owner.token, ticketIdOf(ws.id, id));
    expect(d.ticket.profile).toMatchObject({ email: `${local}@silly.test`, name: "his account his host" });
    expect(d.messages.find((m) => m.kind === "inbound")?.email?.from).toBe(`${local}@silly.test`);
  });

  it.each([
    ["an empty Content-Transfer-Encoding header", ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding:", "", "Hello there, plain words."]],
    [
      "part headers with odd whitespace",
      [
        'Content-Type: multipart/alternative;  boundary = "XX"',
        "",
        "--XX",
        'Content-Type :   text/plain ;  charset = "us-ascii"',
        "Content-Transfer-Encoding :  7bit",
        "",
        "Hello there, plain words.",
        "--XX",
        "Content-Type:\ttext/html",
        "",
        "<p>Hello there, <b>plain</b> words.</p>",
        "--XX--",
      ],
    ],
  ])("reads the text the sender wrote despite %s", async (_case, lines) => {
    const id = uid("odd");
    const from = `odd.${crypto.randomUUID().slice(0, 6)}@customer.example`;
    const raw = [`From: ${from}`, `To: ${ws.inbound}`, "Subject: Odd", `Message-ID: <${id}>`, "MIME-Version: 1.0", ...lines, ""].join("\r\n");
    expect((await deliver(from, ws.inbound, raw)).rejected).toBeNull();
    const m = (await detail(ws.owner.token, ticketIdOf(ws.id, id))).messages.find((x) => x.kind === "inbound");
    expect(m?.text).toBe("Hello there, plain words.");
  });

  it("multipart/alternative keeps the plain part as text and the HTML part sanitized", async () => {
    const { m } = await receive(fx.alternative);
    expect(m.text).toBe("Can I exchange the shirt for a size M? — Jane");
    expect(m.email?.html).toContain("<b>size M</b>");
  });

  it("HTML-only mail is sanitized and gets readable text derived from it", async () => {
    const { m } = await receive(fx.htmlOnly);
    const html = m.email!.html!;
    for (const bad of ["<script", "alert(", "onclick", "javascript:", "<iframe", "document.cookie", "<style"]) expect(html).not.toContain(bad);
    expect(html).not.toMatch(/\ssrc=/); // the tracking pixel must not load
    expect(html).toContain('data-remote-src="https://tracker.example/open.gif?u=42"');
    expect(html).toContain('href="https://shop.example/help"');
    expect(m.text).toBe("Hello team,\n\nThe link is broken, see help.\n\n- one\n- two");
  });

  it.each([
    [
      "ISO-8859-1 quoted-printable",
      fx.latin1QuotedPrintable,
      "Bestellung für Müller",
      "Grüße aus Köln! Die Größe passt nicht, bitte umtauschen. Schönen Tag noch.",
    ],
    ["Windows-1252 base64", fx.windows1252Base64, "Order", "Café order – “fast” please, total €5"],
    ["Shift_JIS base64 (ISO-2022-JP subject)", fx.shiftJisBase64, "注文の件", "こんにちは。注文番号 #1001 の配送について質問があります。"],
  ])("decodes %s", async (_name, build, subject, text) => {
    const { m } = await receive(build);
    expect(m.email?.subject).toBe(subject);
    expect(m.text).toBe(text);
  });

  it("lists attachments by name, type and size without storing their content", async () => {
    const { m } = await receive(fx.withAttachments);
    expect(m.text).toBe("Please see the invoice and photo attached.");
    expect(m.email?.attachments?.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: "invoice-1001.pdf", type: "application/pdf", size: 38 },
      { name: "dégât.png", type: "image/png", size: 100 },
    ]);
    expect(JSON.stringify(m)).not.toContain("JVBERi0");
  });

  it("routes by the envelope recipient case-insensitively", async () => {
    const id = uid();
    const { rejected } = await deliver("x@customer.example", ws.inbound.toUpperCase(), fx.plainText({ from: "x@customer.example", to: ws.inbound }, id));
    expect(rejected).toBeNull();
    expect((await detail(ws.owner.token, ticketIdOf(ws.id, id))).ticket.channel).toBe("email");
  });

  it("stores a duplicate delivery (same Message-ID) once", async () => {
    const id = uid();
    const raw = fx.plainText({ from: "dup@customer.example", to: ws.inbound }, id);
    await deliver("dup@customer.example", ws.inbound, raw);
    await deliver("dup@customer.example", ws.inbound, raw);
    const d = await detail(ws.owner.token, ticketIdOf(ws.id, id));
    expect(d.messages.filter((m) => m.kind === "inbound")).toHaveLength(1);
    expect(await countRows("SELECT COUNT(*) AS c FROM tickets WHERE workspace_id = ?1 AND id = ?2", ws.id, d.ticket.id)).toBe(1);
  });

  it("rejects mail for an unknown recipient and stores nothing", async () => {
    const before = await countRows("SELECT COUNT(*) AS c FROM email_messages");
    const profiles = await countRows("SELECT COUNT(*) AS c FROM profiles WHERE email = 'stranger@customer.example'");
    const { rejected } = await deliver(
      "stranger@customer.example",
      "nobody@inbound.shop.example",
      fx.plainText({ from: "stranger@customer.example", to: "nobody@inbound.shop.example" }, uid()),
    );
    expect(rejected).toMatch(/nobody@inbound\.shop\.example/);
    expect(await countRows("SELECT COUNT(*) AS c FROM email_messages")).toBe(before);
    expect(await countRows("SELECT COUNT(*) AS c FROM profiles WHERE email = 'stranger@customer.example'")).toBe(profiles);
  });
});
