import { describe, expect, it } from "vitest";
import { api, createWorkspace, sendSms, ticketFor } from "../helpers";

describe("inbound SMS", () => {
  it("opens a ticket, lists it, and an agent can read the thread", async () => {
    const ws = await createWorkspace();
    const r = await sendSms(ws.id, "+12025550111", "Where is my order #1001?");
    expect(r.status).toBe(200);
    expect(r.text).toContain("<Response/>");
    const t = await ticketFor(ws.support.token, "+12025550111");
    expect(t).toBeTruthy();
    expect(t.status).toBe("open");
    expect(t.number).toBe(1);
    expect(t.unread).toBe(true);
    const detail = await api(ws.support.token, "GET", `/api/tickets/${t.id}`);
    expect(detail.status).toBe(200);
    const texts = detail.body.messages.map((m: any) => `${m.kind}:${m.source}:${m.text}`);
    expect(texts[0]).toBe("inbound:customer:Where is my order #1001?");
    // default auto-responder answers non-consented profiles
    expect(texts.some((t: string) => t.startsWith("outbound:auto_responder:Shop"))).toBe(true);
    expect(detail.body.ticket.canReply).toBe(false);
  });
});
