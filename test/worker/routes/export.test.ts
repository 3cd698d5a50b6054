// Owner-only data export: whole threads of the chosen tickets, nothing from other workspaces, nobody else may download.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { TicketExport } from "../../../shared/schemas";
import { api, BASE, createWorkspace, sendSms, patchTicket, postMessage, type TestWorkspace } from "../helpers";
import { newPhone, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
});

describe("POST /api/tickets/export", () => {
  it("gives the owner a JSON file with every message of the tickets, beyond the 50 the detail shows", async () => {
    const t = await openTicket(ws.id, ws.owner.token, newPhone(), "first message");
    for (let i = 0; i < 55; i++) await postMessage(ws.owner.token, t.id, { kind: "note", text: `note ${i}` });
    const res = await SELF.fetch(`${BASE}/api/tickets/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${ws.owner.token}`, "content-type": "application/json" },
      body: JSON.stringify({ ids: [t.id] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sidedesk-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const file = TicketExport.parse(await res.json());
    expect(file.tickets).toHaveLength(1);
    expect(file.tickets[0]?.ticket.id).toBe(t.id);
    const texts = file.tickets[0]!.messages.map((m) => m.text);
    expect(texts[0]).toBe("first message");
    expect(texts).toContain("note 0");
    expect(texts).toContain("note 54");
  });

  it("exports every ticket matching a filter, only from the owner's workspace", async () => {
    const a = await openTicket(ws.id, ws.owner.token);
    await patchTicket(ws.owner.token, a.id, { tags: ["export/me"] });
    const theirs = await openTicket(other.id, other.owner.token);
    await patchTicket(other.owner.token, theirs.id, { tags: ["export/me"] });
    const file = await api(ws.owner.token, "POST", "/api/tickets/export", { filter: { view: "all", tag: "export" } }, TicketExport);
    expect(file.body.tickets.map((x) => x.ticket.id)).toEqual([a.id]);
    expect((await api(ws.owner.token, "POST", "/api/tickets/export", { ids: [theirs.id] })).status).toBe(404);
  });

  it("is for owners only, and refuses a malformed body", async () => {
    const t = await openTicket(ws.id, ws.owner.token);
    await sendSms(ws.id, t.profile.phone, "more");
    for (const agent of [ws.admin, ws.support]) expect((await api(agent.token, "POST", "/api/tickets/export", { ids: [t.id] })).status).toBe(403);
    expect((await api(ws.owner.token, "POST", "/api/tickets/export", { ids: [t.id], filter: { view: "all" } })).status).toBe(400);
  });
});
