// The customer's socket: agents' replies arrive live, heartbeats are answered, and presence (online / offline,
// including a silent socket whose heartbeat stopped) shows in the ticket detail and on the agents' realtime socket.
import * as clock from "../../../worker/src/clock";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ChatServerFrame } from "../../../shared/schemas/chat";
import { BASE, createWorkspace, getTicket, postMessage, setTicketStatus, type TestWorkspace } from "../helpers";
import { connectRealtime } from "../inbox-helpers";
import { chatStubOf, connectCustomer, eventually, say, startChat, ticketIdOf } from "./chat-helpers";
import { SELF } from "cloudflare:test";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

const online = async (id: string) => (await getTicket(ws.support.token, id)).body.ticket.customerOnline;

describe("customer socket", () => {
  it("tells the widget at once when an agent closes the chat", async () => {
    const s = await startChat(ws.id);
    await say(s, "Thanks, that's all!");
    const socket = await connectCustomer(s);
    await socket.next("hello");
    expect((await setTicketStatus(ws.support.token, ticketIdOf(s), { status: "closed" })).status).toBe(200);
    expect(await socket.next("status")).toEqual({ type: "status", status: "closed" });
    socket.ws.close();
  });

  it("delivers agents' replies live, answers heartbeats, and only speaks the chat protocol", async () => {
    const s = await startChat(ws.id);
    await say(s, "Is the tent waterproof?");
    const socket = await connectCustomer(s);
    const hello = await socket.next("hello");
    expect(hello).toMatchObject({ status: "open" });
    expect(hello.lastSeq).toBeGreaterThan(0);
    const reply = await postMessage(ws.support.token, ticketIdOf(s), { kind: "reply", text: "Yes: 3000 mm rated." });
    const pushed = await socket.next("message", (f) => f.message.from === "agent");
    expect(pushed.message).toMatchObject({ id: reply.body.message.id, text: "Yes: 3000 mm rated.", authorName: "Sam Support" });
    socket.ws.send('{"type":"ping"}');
    await socket.next("pong");
    for (const f of socket.raw) expect(ChatServerFrame.safeParse(f).success, JSON.stringify(f)).toBe(true);
    socket.ws.close();
  });

  it("refuses a socket with a wrong token or without an upgrade", async () => {
    const s = await startChat(ws.id);
    const bad = await SELF.fetch(`${BASE}/chat/${ws.id}/sessions/${s.sessionId}/socket?token=cst_wrong`, { headers: { upgrade: "websocket" } });
    expect(bad.status).toBe(401);
    const none = await SELF.fetch(`${BASE}/chat/${ws.id}/sessions/${s.sessionId}/socket`, { headers: { upgrade: "websocket" } });
    expect(none.status).toBe(401);
    const plain = await SELF.fetch(`${BASE}/chat/${ws.id}/sessions/${s.sessionId}/socket?token=${encodeURIComponent(s.token)}`);
    expect(plain.status).toBe(426);
  });
});

describe("presence", () => {
  it("shows online while the widget is connected and offline when it leaves, live to agents", async () => {
    const s = await startChat(ws.id);
    await say(s, "hi");
    const id = ticketIdOf(s);
    expect(await online(id)).toBe(false);
    const agent = await connectRealtime(ws.support.token);
    await agent.next("hello");
    const socket = await connectCustomer(s);
    await socket.next("hello");
    expect(await online(id)).toBe(true);
    await eventually(() => expect(agent.frames.some((f) => f.type === "ticket.updated" && f.ticket.id === id && f.ticket.customerOnline === true)).toBe(true));
    socket.ws.close(1000, "page closed");
    await eventually(async () => expect(await online(id)).toBe(false));
    await eventually(() =>
      expect(agent.frames.some((f) => f.type === "ticket.updated" && f.ticket.id === id && f.change === "presence" && f.ticket.customerOnline === false)).toBe(
        true,
      ),
    );
    agent.ws.close();
  });

  it("stays online while a second tab is still connected", async () => {
    const s = await startChat(ws.id);
    await say(s, "two tabs");
    const [a, b] = [await connectCustomer(s), await connectCustomer(s)];
    a.ws.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(await online(ticketIdOf(s))).toBe(true);
    b.ws.close();
    await eventually(async () => expect(await online(ticketIdOf(s))).toBe(false));
  });

  it("marks a silent socket offline after the heartbeat timeout and closes it", async () => {
    const s = await startChat(ws.id);
    await say(s, "laptop about to sleep");
    const socket = await connectCustomer(s);
    await socket.next("hello");
    expect(await online(ticketIdOf(s))).toBe(true);
    await runInDurableObject(chatStubOf(s), (_i, state) => {
      for (const w of state.getWebSockets("customer")) w.serializeAttachment({ ...(w.deserializeAttachment() as object), connectedAt: clock.now() - 120_000 });
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE key = 'presence'", clock.now() - 1);
    });
    await runDurableObjectAlarm(chatStubOf(s));
    expect(await online(ticketIdOf(s))).toBe(false);
    expect((await socket.closed).code).toBe(4000);
  });

  it("keeps a socket that answers heartbeats", async () => {
    const s = await startChat(ws.id);
    await say(s, "still here");
    const socket = await connectCustomer(s);
    await socket.next("hello");
    socket.ws.send('{"type":"ping"}'); // answered by the runtime, which remembers when
    await socket.next("pong");
    await runInDurableObject(chatStubOf(s), (_i, state) => {
      for (const w of state.getWebSockets("customer")) w.serializeAttachment({ ...(w.deserializeAttachment() as object), connectedAt: clock.now() - 120_000 });
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE key = 'presence'", clock.now() - 1);
    });
    await runDurableObjectAlarm(chatStubOf(s));
    expect(await online(ticketIdOf(s))).toBe(true);
    socket.ws.close();
  });
});
