// GET /api/realtime: the agent's WebSocket, its hello, ticket events after an inbound SMS, ping/pong, refusals.
import * as clock from "../../../worker/src/clock";
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorBody, RealtimeEvent } from "../../../shared/schemas";
import { api, BASE, createWorkspace, sendSms, postMessage, setTicketStatus, type TestWorkspace } from "../helpers";
import { connectRealtime, newPhone, openTicket, type FrameType } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("realtime socket", () => {
  it("upgrades with 101, says hello, and pushes message, ticket and counts events for an inbound SMS", async () => {
    const res = await SELF.fetch(`${BASE}/api/realtime?token=${encodeURIComponent(ws.support.token)}`, { headers: { upgrade: "websocket" } });
    expect(res.status).toBe(101);
    expect(res.webSocket).toBeTruthy();
    res.webSocket!.accept();
    res.webSocket!.close();

    const socket = await connectRealtime(ws.support.token);
    const hello = await socket.next("hello");
    expect(hello).toMatchObject({ type: "hello", agentId: ws.support.id });
    expect(hello.online).toContain(ws.support.id);
    const phone = newPhone();
    await sendSms(ws.id, phone, "Is my order shipped?");
    const created = await socket.next("message.created");
    expect(created.message).toMatchObject({ kind: "inbound", text: "Is my order shipped?" });
    const updated = await socket.next("ticket.updated");
    expect(updated.ticket.profile.phone).toBe(phone);
    expect(updated.ticket.id).toBe(created.ticketId);
    await socket.next("counts.changed");
    for (const frame of socket.raw) expect(RealtimeEvent.safeParse(frame).success, JSON.stringify(frame)).toBe(true);
    socket.ws.close();
  });

  it("folds a burst of changes into about one counts.changed a second, and always announces the last change", async () => {
    const own = await createWorkspace(); // a quiet workspace: no earlier frame in its last second
    const socket = await connectRealtime(own.support.token);
    await socket.next("hello");
    const started = Date.now();
    const phones = Array.from({ length: 12 }, () => newPhone());
    await Promise.all(phones.map((p) => sendSms(own.id, p, "Burst!")));
    await expect.poll(() => socket.frames.filter((f) => f.type === "ticket.updated").length, { timeout: 5000 }).toBeGreaterThanOrEqual(12);
    const lastIndexOf = (type: FrameType) => socket.frames.map((f) => f.type).lastIndexOf(type);
    const lastUpdate = lastIndexOf("ticket.updated");
    await expect.poll(() => lastIndexOf("counts.changed"), { timeout: 3000 }).toBeGreaterThan(lastUpdate);
    const elapsedSeconds = (Date.now() - started) / 1000;
    const counts = socket.frames.filter((f) => f.type === "counts.changed").length;
    expect(counts).toBeGreaterThanOrEqual(1);
    expect(counts).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1); // 12 commits, not 12 frames
    socket.ws.close();
  });

  it("pushes status changes and agent notes made through the API", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const socket = await connectRealtime(ws.support2.token);
    await socket.next("hello");
    await setTicketStatus(ws.support.token, t.id, { status: "closed" });
    const closed = await socket.next("ticket.updated");
    expect(closed.ticket).toMatchObject({ id: t.id, status: "closed" });
    await postMessage(ws.support.token, t.id, { kind: "note", text: "closing note" });
    const note = await socket.next("message.created");
    expect(note.message).toMatchObject({ kind: "activity" }); // the close line came first …
    await new Promise((r) => setTimeout(r, 100));
    expect(socket.frames.some((f) => f.type === "message.created" && f.message.text === "closing note")).toBe(true); // … then the note
    socket.ws.close();
  });

  it("answers ping with pong and ignores garbage", async () => {
    const socket = await connectRealtime(ws.owner.token);
    await socket.next("hello");
    socket.ws.send("not json");
    socket.ws.send(JSON.stringify({ type: "explode" }));
    socket.ws.send(JSON.stringify({ type: "ping" }));
    expect(await socket.next("pong")).toEqual({ type: "pong" });
    socket.ws.close();
  });

  it("announces presence to other agents", async () => {
    const first = await connectRealtime(ws.admin.token);
    await first.next("hello");
    const second = await connectRealtime(ws.support2.token);
    await second.next("hello");
    const deadline = clock.now() + 2000;
    while (!first.frames.some((f) => f.type === "presence" && f.online.includes(ws.support2.id)) && clock.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(first.frames.some((f) => f.type === "presence" && f.online.includes(ws.support2.id))).toBe(true);
    first.ws.close();
    second.ws.close();
  });

  it("tells everyone when an agent turns operator mode on", async () => {
    const watcher = await connectRealtime(ws.owner.token);
    await watcher.next("hello");
    expect((await api(ws.support2.token, "PATCH", "/api/me", { operator: true })).status).toBe(200);
    const deadline = clock.now() + 2000;
    const isOperatorFrame = (f: RealtimeEvent) => f.type === "presence" && f.operators.includes(ws.support2.id);
    while (!watcher.frames.some(isOperatorFrame) && clock.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(watcher.frames.some(isOperatorFrame)).toBe(true);
    await api(ws.support2.token, "PATCH", "/api/me", { operator: false });
    watcher.ws.close();
  });

  it("takes the token as an offered subprotocol (the panel's way: never in the URL) and answers with ours", async () => {
    const res = await SELF.fetch(`${BASE}/api/realtime`, {
      headers: { upgrade: "websocket", "sec-websocket-protocol": `sidedesk.v1, bearer.${ws.support.token}` },
    });
    expect(res.status).toBe(101);
    expect(res.headers.get("sec-websocket-protocol")).toBe("sidedesk.v1");
    const socket = res.webSocket!;
    const first = new Promise<unknown>((resolve) => socket.addEventListener("message", (e) => resolve(JSON.parse(String(e.data)))));
    socket.accept();
    expect(await first).toMatchObject({ type: "hello", agentId: ws.support.id });
    socket.close();
    const wrong = await SELF.fetch(`${BASE}/api/realtime`, { headers: { upgrade: "websocket", "sec-websocket-protocol": "sidedesk.v1, bearer.sdk_wrong" } });
    expect(wrong.status).toBe(401);
  });

  it("refuses a bad token with 401 and a plain request with 426", async () => {
    const bad = await SELF.fetch(`${BASE}/api/realtime?token=sdk_wrong`, { headers: { upgrade: "websocket" } });
    expect(bad.status).toBe(401);
    expect(bad.webSocket).toBeNull();
    const none = await SELF.fetch(`${BASE}/api/realtime`, { headers: { upgrade: "websocket" } });
    expect(none.status).toBe(401);
    const plain = await SELF.fetch(`${BASE}/api/realtime?token=${encodeURIComponent(ws.support.token)}`);
    expect(plain.status).toBe(426);
    expect(ErrorBody.parse(await plain.json()).error.code).toBe("upgrade_required");
  });
});
