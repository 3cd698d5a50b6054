// Email attachments are kept in R2 and reach the agent byte for byte through short-lived links: tenant checked, safe
// images inline, everything else a download, nothing served as a page; limits listed with the reason.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import * as clock from "../../../worker/src/clock";
import { composeMime } from "../../../worker/src/domain/email-compose";
import { MAX_FILE_BYTES } from "../../../shared/rules/files";
import { NewAgentResponse } from "../../../shared/schemas";
import { api } from "../helpers";
import { deliver, detail, emailWorkspace, ticketIdOf, uid } from "../email/email-helpers";
import { download, fileLink, PNG, trickyBytes } from "./files-helpers";

let ws: Awaited<ReturnType<typeof emailWorkspace>>;
let other: Awaited<ReturnType<typeof emailWorkspace>>;
beforeAll(async () => {
  ws = await emailWorkspace();
  other = await emailWorkspace();
});

const pdf = trickyBytes(70_000);
const notes = new TextEncoder().encode("line one\r\nline two\r\n\r\n");
const html = new TextEncoder().encode("<script>alert(document.cookie)</script>");
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

/** A customer's message built with mimetext, as a mail client would send it. */
function mail(messageId: string, files: { name: string; type: string; bytes: Uint8Array }[]) {
  return composeMime({
    from: { name: "Rosa Díaz", address: "rosa@customer.example" },
    to: ws.inbound,
    subject: "Damaged parcel",
    text: "The box arrived crushed, photos attached.",
    messageId,
    attachments: files,
  });
}

async function receive(files: { name: string; type: string; bytes: Uint8Array }[]) {
  const id = uid("files");
  expect((await deliver("rosa@customer.example", ws.inbound, mail(id, files))).rejected).toBeNull();
  const ticketId = ticketIdOf(ws.id, id);
  const message = (await detail(ws.owner.token, ticketId)).messages.find((m) => m.kind === "inbound")!;
  return { id, ticketId, message, raw: mail(id, files) };
}

describe("email attachments", () => {
  it("come back to the agent with the same bytes, name and type", async () => {
    const { ticketId, message } = await receive([
      { name: "invoice 1001.pdf", type: "application/pdf", bytes: pdf },
      { name: "crushed box.png", type: "image/png", bytes: PNG },
      { name: "notes – día 2.txt", type: "text/plain", bytes: notes },
    ]);
    expect(message.files.map((f) => [f.name, f.type, f.size, f.error])).toEqual([
      ["invoice 1001.pdf", "application/pdf", pdf.length, null],
      ["crushed box.png", "image/png", PNG.length, null],
      ["notes – día 2.txt", "text/plain", notes.length, null],
    ]);
    for (const [file, bytes] of [
      [message.files[0]!, pdf],
      [message.files[1]!, PNG],
      [message.files[2]!, notes],
    ] as const) {
      const link = await fileLink(ws.supportAgent.token, ticketId, file.id!);
      expect(link.status).toBe(200);
      expect(link.body).toMatchObject({ name: file.name, type: file.type, size: bytes.length });
      const got = await download(link.body.url);
      expect(got.status).toBe(200);
      expect(got.bytes).toEqual(bytes);
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(got.headers.get("content-security-policy")).toContain("sandbox");
    }
    const image = await download((await fileLink(ws.supportAgent.token, ticketId, message.files[1]!.id!)).body.url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toMatch(/^inline;/);
    const text = await download((await fileLink(ws.supportAgent.token, ticketId, message.files[2]!.id!)).body.url);
    expect(text.headers.get("content-disposition")).toMatch(/^attachment;.*filename\*=UTF-8''notes%20%E2%80%93%20d%C3%ADa%202\.txt/);
  });

  it("never serves HTML or SVG as a page: they download", async () => {
    const { ticketId, message } = await receive([
      { name: "page.html", type: "text/html", bytes: html },
      { name: "logo.svg", type: "image/svg+xml", bytes: svg },
    ]);
    for (const file of message.files) {
      const got = await download((await fileLink(ws.owner.token, ticketId, file.id!)).body.url);
      expect(got.headers.get("content-type")).toBe("application/octet-stream");
      expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
    }
  });

  it("lists a file over the size limit with the reason, keeps the rest", async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    const { message } = await receive([
      { name: "video.mov", type: "video/quicktime", bytes: big },
      { name: "photo.png", type: "image/png", bytes: PNG },
    ]);
    expect(message.files[0]).toMatchObject({ name: "video.mov", size: big.length, id: null, error: "Not kept: larger than 10 MB." });
    expect(message.files[1]).toMatchObject({ name: "photo.png", error: null, id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it("is stored once when the same message is delivered again", async () => {
    const { id, ticketId, raw } = await receive([{ name: "a.pdf", type: "application/pdf", bytes: pdf }]);
    expect((await deliver("rosa@customer.example", ws.inbound, raw)).rejected).toBeNull();
    const listed = await env.FILES.list({ prefix: `${ws.id}/${ticketId}/` });
    expect(listed.objects).toHaveLength(1);
    expect((await detail(ws.owner.token, ticketIdOf(ws.id, id))).messages.filter((m) => m.kind === "inbound")).toHaveLength(1);
  });

  it("opens only for agents of the ticket's workspace, and only files of that ticket", async () => {
    const a = await receive([{ name: "a.pdf", type: "application/pdf", bytes: pdf }]);
    const b = await receive([{ name: "b.png", type: "image/png", bytes: PNG }]);
    expect((await fileLink(other.owner.token, a.ticketId, a.message.files[0]!.id!)).status).toBe(404);
    expect((await fileLink(ws.owner.token, a.ticketId, b.message.files[0]!.id!)).status).toBe(404);
    expect((await fileLink(ws.owner.token, a.ticketId, "../../etc")).status).toBe(404);
    expect((await api(null, "GET", `/api/tickets/${a.ticketId}/files/${a.message.files[0]!.id}`)).status).toBe(401);
    // An analyst sees reports, not conversations: no file links either.
    const analyst = await api(
      ws.owner.token,
      "POST",
      "/api/agents",
      { name: "Ana Lyst", email: `ana.${crypto.randomUUID().slice(0, 6)}@shop.test`, role: "analyst" },
      NewAgentResponse,
    );
    expect((await fileLink(analyst.body.token, a.ticketId, a.message.files[0]!.id!)).status).toBe(403);
  });

  it("links expire, and a changed link opens nothing", async () => {
    const { ticketId, message } = await receive([{ name: "a.pdf", type: "application/pdf", bytes: pdf }]);
    const link = (await fileLink(ws.owner.token, ticketId, message.files[0]!.id!)).body;
    const [payload, signature] = link.url.split("/files/")[1]!.split(".");
    // One character changed (always a different one: a fixed replacement would be the same 1 time in 4096).
    const forged = `${link.url.split("/files/")[0]}/files/${payload}.${signature![0] === "A" ? "B" : "A"}${signature!.slice(1)}`;
    expect((await download(forged)).status).toBe(403);
    expect((await download(`${link.url.split("/files/")[0]}/files/not-a-token`)).status).toBe(403);
    const before = clock.clockOffset();
    try {
      clock.setClock(Date.parse(link.expiresAt) + 1000);
      const expired = await download(link.url);
      expect(expired.status).toBe(410);
      expect(new TextDecoder().decode(expired.bytes)).toContain("expired");
    } finally {
      clock.setClockOffset(before);
    }
  });

  it("are removed with the ticket", async () => {
    const { ticketId } = await receive([{ name: "a.pdf", type: "application/pdf", bytes: pdf }]);
    expect((await env.FILES.list({ prefix: `${ws.id}/${ticketId}/` })).objects).toHaveLength(1);
    expect((await api(ws.owner.token, "DELETE", `/api/tickets/${ticketId}`, { confirm: true })).status).toBeLessThan(300);
    expect((await env.FILES.list({ prefix: `${ws.id}/${ticketId}/` })).objects).toHaveLength(0);
  });
});

describe("inline images", () => {
  it("keep their Content-ID, which the sanitized HTML names", async () => {
    const id = uid("cid");
    const raw = [
      `From: Rosa <rosa@customer.example>`,
      `To: ${ws.inbound}`,
      "Subject: Logo",
      `Message-ID: <${id}>`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="rel"',
      "",
      "--rel",
      "Content-Type: text/html; charset=UTF-8",
      "",
      '<p>See the dent:</p><img src="cid:dent.photo@customer.example" alt="dent">',
      "--rel",
      "Content-Type: image/png",
      "Content-Transfer-Encoding: base64",
      "Content-ID: <dent.photo@customer.example>",
      "Content-Disposition: inline",
      "",
      btoa(String.fromCharCode(...PNG)),
      "--rel--",
      "",
    ].join("\r\n");
    expect((await deliver("rosa@customer.example", ws.inbound, raw)).rejected).toBeNull();
    const ticketId = ticketIdOf(ws.id, id);
    const message = (await detail(ws.owner.token, ticketId)).messages.find((m) => m.kind === "inbound")!;
    expect(message.email?.html).toContain('data-cid="dent.photo@customer.example"');
    expect(message.files).toEqual([expect.objectContaining({ contentId: "dent.photo@customer.example", type: "image/png", size: PNG.length })]);
    expect((await download((await fileLink(ws.owner.token, ticketId, message.files[0]!.id!)).body.url)).bytes).toEqual(PNG);
  });
});
