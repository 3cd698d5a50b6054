// Agents attach files to replies and notes: uploaded to the ticket, then sent the channel's way — email as MIME
// attachments, SMS as MMS media Twilio fetches from a signed link that expires; limits refused before anything is sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import PostalMime from "postal-mime";
import * as clock from "../../../worker/src/clock";
import { MMS_LINK_SECONDS } from "../../../worker/src/files/file-links";
import { MAX_FILE_BYTES } from "../../../shared/rules/files";
import { api, createWorkspace, postMessage, sendSms, TWILIO_TOKEN } from "../helpers";
import { deliver, detail, emailWorkspace, outbox, ticketIdOf, uid } from "../email/email-helpers";
import * as fx from "../email/fixtures";
import { firstTicket, newPhone } from "../webhooks/sms-helpers";
import { installFakeTwilio } from "../webhooks/twilio-fake";
import { download, fileLink, PNG, trickyBytes, upload } from "./files-helpers";

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
afterEach(() => vi.restoreAllMocks());

async function emailTicket() {
  const ws = await emailWorkspace({ supportAddress: undefined });
  const id = uid("reply-files");
  await deliver("kim@customer.example", ws.inbound, fx.plainText({ from: "Kim <kim@customer.example>", to: ws.inbound }, id));
  return { ws, ticketId: ticketIdOf(ws.id, id) };
}

describe("files on an agent's email reply", () => {
  it("go out as MIME attachments with the same bytes, and stay on the message for the agent", async () => {
    const { ws, ticketId } = await emailTicket();
    const label = trickyBytes(40_000, 3);
    const up1 = await upload(ws.supportAgent.token, ticketId, "return label – 1001.pdf", "application/pdf", label);
    const up2 = await upload(ws.supportAgent.token, ticketId, "how to pack.png", "image/png", PNG);
    expect(up1.status).toBe(201);
    expect(up1.body.file).toMatchObject({ name: "return label – 1001.pdf", type: "application/pdf", size: label.length });
    const r = await postMessage(ws.supportAgent.token, ticketId, { kind: "reply", text: "Label attached.", files: [up1.body.file.id, up2.body.file.id] });
    expect(r.status).toBe(201);
    expect(r.body.message.files.map((f) => f.name)).toEqual(["return label – 1001.pdf", "how to pack.png"]);

    await vi.waitFor(async () => expect((await outbox(ws.id)).length).toBe(1));
    const sent = await PostalMime.parse((await outbox(ws.id))[0]!.mime, { attachmentEncoding: "arraybuffer" });
    expect(sent.text?.trim()).toBe("Label attached.");
    expect(sent.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      ["return label – 1001.pdf", "application/pdf"],
      ["how to pack.png", "image/png"],
    ]);
    expect(new Uint8Array(sent.attachments[0]!.content as ArrayBuffer)).toEqual(label);
    expect(new Uint8Array(sent.attachments[1]!.content as ArrayBuffer)).toEqual(PNG);

    const stored = (await detail(ws.owner.token, ticketId)).messages.find((m) => m.id === r.body.message.id)!;
    expect(stored.status).toBe("sent");
    expect(stored.files.map((f) => f.id)).toEqual([up1.body.file.id, up2.body.file.id]);
    expect((await download((await fileLink(ws.owner.token, ticketId, stored.files[0]!.id!)).body.url)).bytes).toEqual(label);
  });

  it("can sit on an internal note, which sends nothing", async () => {
    const { ws, ticketId } = await emailTicket();
    const up = await upload(ws.owner.token, ticketId, "receipt.png", "image/png", PNG);
    const r = await postMessage(ws.owner.token, ticketId, { kind: "note", text: "Customer's receipt", files: [up.body.file.id] });
    expect(r.status).toBe(201);
    expect(r.body.message).toMatchObject({ kind: "note", files: [{ name: "receipt.png", id: up.body.file.id }] });
    expect(await outbox(ws.id)).toEqual([]);
  });

  it("refuses what is too big, empty, unnamed or not this ticket's, and stores nothing for it", async () => {
    const { ws, ticketId } = await emailTicket();
    const other = await emailTicket();
    const big = await upload(ws.owner.token, ticketId, "video.mov", "video/quicktime", new Uint8Array(MAX_FILE_BYTES + 1));
    expect([big.status, big.error?.code]).toEqual([413, "file_too_large"]);
    expect((await upload(ws.owner.token, ticketId, "empty.txt", "text/plain", new Uint8Array())).status).toBe(400);
    expect((await upload(ws.owner.token, ticketId, " ", "text/plain", PNG)).status).toBe(400);
    expect((await upload(other.ws.owner.token, ticketId, "x.png", "image/png", PNG)).status).toBe(404);
    const theirs = await upload(other.ws.owner.token, other.ticketId, "x.png", "image/png", PNG);
    const r = await postMessage(ws.owner.token, ticketId, { kind: "reply", text: "Here", files: [theirs.body.file.id] });
    expect([r.status, r.error?.code]).toEqual([400, "unknown_file"]);
    expect((await postMessage(ws.owner.token, ticketId, { kind: "reply", text: "Here", files: ["../x"] })).status).toBe(400);
    expect(await outbox(ws.id)).toEqual([]);
  });
});

describe("files on an SMS reply", () => {
  async function smsTicket() {
    const ws = await createWorkspace();
    expect((await api(ws.owner.token, "PUT", "/api/settings", { sms: { accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN } })).status).toBe(200);
    const twilio = installFakeTwilio({ accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN });
    const phone = newPhone();
    await sendSms(ws.id, phone, "START");
    await sendSms(ws.id, phone, "Which box do I use?");
    return { ws, twilio, ticket: await firstTicket(ws.support.token) };
  }

  it("go as MMS media that Twilio fetches from a signed link, which expires", async () => {
    const { ws, twilio, ticket } = await smsTicket();
    const up = await upload(ws.support.token, ticket.id, "box.png", "image/png", PNG);
    const r = await postMessage(ws.support.token, ticket.id, { kind: "reply", text: "This one", files: [up.body.file.id] });
    expect(r.status).toBe(201);
    await vi.waitFor(() => expect(twilio.sent.at(-1)?.body).toBe("This one"));
    const [url] = twilio.sent.at(-1)!.media;
    expect(url).toMatch(/^https:\/\/sidedesk\.test\/files\//);
    const fetched = await download(url!);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes).toEqual(PNG);
    expect(fetched.headers.get("content-type")).toBe("image/png");
    const before = clock.clockOffset();
    try {
      clock.setClock(clock.now() + (MMS_LINK_SECONDS + 60) * 1000);
      expect((await download(url!)).status).toBe(410);
    } finally {
      clock.setClockOffset(before);
    }
  });

  it("refuses more than an MMS carries", async () => {
    const { ws, twilio, ticket } = await smsTicket();
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push((await upload(ws.support.token, ticket.id, `p${i}.jpg`, "image/jpeg", new Uint8Array(3 * 1024 * 1024))).body.file.id);
    const r = await postMessage(ws.support.token, ticket.id, { kind: "reply", text: "Photos", files: ids });
    expect([r.status, r.error?.code]).toEqual([413, "files_too_large"]);
    expect(r.error?.message).toContain("5 MB");
    expect(twilio.sent.map((s) => s.body)).not.toContain("Photos");
  });
});
