// TicketObject as the source of truth: race-free first messages, idempotent agent messages, paged threads.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { OlderMessages } from "../../../shared/schemas";
import { api, createWorkspace, newSid, sendSms, ticketFor, getTicket, postMessage, type TestWorkspace } from "../helpers";
import { listIds, newPhone, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("routing races", () => {
  it("two concurrent first messages from one new number make exactly one ticket with both messages", async () => {
    const phone = newPhone();
    const [r1, r2] = await Promise.all([
      sendSms(ws.id, phone, "first at once", { MessageSid: newSid() }),
      sendSms(ws.id, phone, "second at once", { MessageSid: newSid() }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const { results } = await env.DB.prepare(
      "SELECT t.id, t.number FROM tickets t JOIN profiles p ON p.id = t.profile_id WHERE p.workspace_id = ?1 AND p.phone = ?2",
    )
      .bind(ws.id, phone)
      .all<{ id: string; number: number }>();
    expect(results).toHaveLength(1);
    const profiles = await env.DB.prepare("SELECT COUNT(*) AS n FROM profiles WHERE workspace_id = ?1 AND phone = ?2")
      .bind(ws.id, phone)
      .first<{ n: number }>();
    expect(profiles?.n).toBe(1);
    const d = (await getTicket(ws.support.token, results[0]!.id)).body;
    const inbound = d.messages
      .filter((m) => m.kind === "inbound")
      .map((m) => m.text)
      .sort();
    expect(inbound).toEqual(["first at once", "second at once"]);
    // the auto-responder answers the opening only once
    expect(d.messages.filter((m) => m.source === "auto_responder")).toHaveLength(1);
  });

  it("a duplicate delivery of the same MessageSid stores one message", async () => {
    const phone = newPhone();
    const sid = newSid();
    await sendSms(ws.id, phone, "only once", { MessageSid: sid });
    await sendSms(ws.id, phone, "only once", { MessageSid: sid });
    const t = await ticketFor(ws.support.token, phone);
    const d = (await getTicket(ws.support.token, t!.id)).body;
    expect(d.messages.filter((m) => m.kind === "inbound")).toHaveLength(1);
  });

  it("ticket numbers are per workspace and never repeat", async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await openTicket(ws.id, ws.support.token)).number);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers[1]! - numbers[0]!).toBe(1);
  });
});

describe("agent messages", () => {
  it("the same clientId twice stores one message; both answers are 201 with the same id", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const body = { kind: "note", text: "Checked with the warehouse", clientId: "panel-42-abc" };
    const [a, b] = [await postMessage(ws.support.token, t.id, body), await postMessage(ws.support.token, t.id, body)];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.message.id).toBe(a.body.message.id);
    expect(a.body.message).toMatchObject({ kind: "note", text: "Checked with the warehouse", author: { type: "agent", id: ws.support.id } });
    const c = await Promise.all([1, 2, 3].map(() => postMessage(ws.support.token, t.id, { ...body, clientId: "panel-43" })));
    expect(new Set(c.map((r) => r.body.message.id)).size).toBe(1);
    const d = (await getTicket(ws.support.token, t.id)).body;
    expect(d.messages.filter((m) => m.kind === "note")).toHaveLength(2);
  });

  it("refuses empty text and unknown kinds", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    for (const body of [{ kind: "note", text: "   " }, { kind: "shout", text: "hi" }, {}]) {
      expect((await postMessage(ws.support.token, t.id, body)).status).toBe(400);
    }
  });

  it("shows the last 50 messages with hasMore, and older ones by `before`", async () => {
    const t = await openTicket(ws.id, ws.support.token, newPhone(), "the very first message");
    for (let i = 1; i <= 55; i++) {
      const r = await postMessage(ws.support.token, t.id, { kind: "note", text: `note ${i}` });
      expect(r.status).toBe(201);
    }
    const d = (await getTicket(ws.support.token, t.id)).body;
    expect(d.messages).toHaveLength(50);
    expect(d.hasMore).toBe(true);
    expect(d.messages.at(-1)?.text).toBe("note 55");
    const seqs = d.messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x: number, y: number) => x - y));
    const older = await api(ws.support.token, "GET", `/api/tickets/${t.id}/messages?before=${seqs[0]}`, undefined, OlderMessages);
    expect(older.status).toBe(200);
    expect(older.body.hasMore).toBe(false);
    expect(older.body.messages[0]?.text).toBe("the very first message");
    const all = [...older.body.messages, ...d.messages];
    expect(all.map((m) => m.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.filter((m) => m.kind === "note")).toHaveLength(55);
    const small = await api(ws.support.token, "GET", `/api/tickets/${t.id}/messages?before=${seqs[0]}&limit=2`, undefined, OlderMessages);
    expect(small.body.messages.map((m) => m.seq)).toEqual([seqs[0]! - 2, seqs[0]! - 1]);
    expect(small.body.hasMore).toBe(true);
    expect((await api(ws.support.token, "GET", `/api/tickets/${t.id}/messages`)).status).toBe(400);
    expect((await api(ws.support.token, "GET", `/api/tickets/${t.id}/messages?before=abc`)).status).toBe(400);
    expect(await listIds(ws.support.token, "view=all&q=note")).toEqual([t.id]);
  });
});
