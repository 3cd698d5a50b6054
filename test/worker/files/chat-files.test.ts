// Web chat files: the visitor attaches a photo (checked by its bytes), the agent downloads the same bytes; the agent's
// files reach the widget inline, live and in the thread, opened through the session and nobody else.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { UploadedFile } from "../../../shared/schemas";
import { ChatPosted } from "../../../shared/schemas/chat";
import { MAX_FILE_BYTES } from "../../../shared/rules/files";
import { BASE, createWorkspace, getTicket, postMessage, toReply } from "../helpers";
import { chat, connectCustomer, newClientId, say, startChat, thread, ticketIdOf, type Session } from "../chat/chat-helpers";
import { download, fileLink, PNG, trickyBytes, upload } from "./files-helpers";

async function customerUpload(s: Session, name: string, bytes: Uint8Array, type = "image/png") {
  const res = await SELF.fetch(`${BASE}/chat/${s.workspaceId}/sessions/${s.sessionId}/files?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { origin: "https://shop.example", authorization: `Bearer ${s.token}`, "content-type": type },
    body: bytes,
  });
  return toReply("chat upload", res.status, await res.text(), UploadedFile);
}
const sendWithFiles = (s: Session, text: string, files: string[]) =>
  chat("POST", `/${s.workspaceId}/sessions/${s.sessionId}/messages`, { token: s.token, body: { clientId: newClientId(), text, files }, schema: ChatPosted });
const openInWidget = (s: Session, fileId: string, token = s.token) =>
  SELF.fetch(`${BASE}/chat/${s.workspaceId}/sessions/${s.sessionId}/files/${fileId}?token=${encodeURIComponent(token)}`);

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...trickyBytes(3000, 9)]);

describe("web chat files", () => {
  it("a visitor's photo reaches the agent with the same bytes", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    const up = await customerUpload(s, "damaged box.jpg", JPEG, "image/jpeg");
    expect(up.status).toBe(201);
    expect(up.body.file).toMatchObject({ name: "damaged box.jpg", type: "image/jpeg", size: JPEG.length });
    const sent = await sendWithFiles(s, "", [up.body.file.id]);
    expect(sent.status).toBe(201);
    expect(sent.body.message.files).toEqual([{ id: up.body.file.id, name: "damaged box.jpg", type: "image/jpeg", size: JPEG.length }]);
    const ticketId = ticketIdOf(s);
    const detail = await getTicket(ws.support.token, ticketId);
    const inbound = detail.body.messages.find((m) => m.kind === "inbound")!;
    expect(inbound.files.map((f) => f.name)).toEqual(["damaged box.jpg"]);
    expect((await download((await fileLink(ws.support.token, ticketId, inbound.files[0]!.id!)).body.url)).bytes).toEqual(JPEG);
  });

  it("takes only real photos within the size limit, whatever the declared type", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    const html = new TextEncoder().encode("<html><script>alert(1)</script>");
    const fake = await customerUpload(s, "photo.png", html, "image/png");
    expect([fake.status, fake.error?.code]).toEqual([415, "unsupported_file"]);
    const big = await customerUpload(s, "big.png", Uint8Array.from([...PNG, ...new Uint8Array(MAX_FILE_BYTES)]));
    expect([big.status, big.error?.code]).toEqual([413, "file_too_large"]);
    const stranger = await startChat(ws.id);
    const theirs = await customerUpload(stranger, "x.png", PNG);
    const r = await sendWithFiles(s, "look", [theirs.body.file.id]);
    expect([r.status, r.error?.code]).toEqual([400, "unknown_file"]);
    expect((await customerUpload({ ...s, token: "cst_wrong" }, "x.png", PNG)).status).toBe(401);
  });

  it("an agent's file shows in the widget, live and in the thread, only for this session", async () => {
    const ws = await createWorkspace();
    const s = await startChat(ws.id);
    await say(s, "Which size do I need?");
    const ticketId = ticketIdOf(s);
    const socket = await connectCustomer(s);
    const up = await upload(ws.support.token, ticketId, "size chart.png", "image/png", PNG);
    expect((await postMessage(ws.support.token, ticketId, { kind: "reply", text: "Here is the chart", files: [up.body.file.id] })).status).toBe(201);
    const frame = await socket.next("message", (f) => f.message.text === "Here is the chart");
    expect(frame.message.files).toEqual([{ id: up.body.file.id, name: "size chart.png", type: "image/png", size: PNG.length }]);
    const listed = (await thread(s)).body.messages.find((m) => m.text === "Here is the chart")!;
    expect(listed.files[0]?.id).toBe(up.body.file.id);
    const opened = await openInWidget(s, up.body.file.id);
    expect(opened.status).toBe(200);
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(PNG);
    expect(opened.headers.get("content-type")).toBe("image/png");
    const other = await startChat(ws.id);
    expect((await openInWidget(other, up.body.file.id)).status).toBe(404);
    expect((await openInWidget(s, up.body.file.id, "cst_wrong")).status).toBe(401);
  });
});
