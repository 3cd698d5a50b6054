// Workspace isolation: an agent of workspace B can neither see nor change anything of workspace A.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BulkResult, TicketCounts } from "../../../shared/schemas";
import { api, createWorkspace, sendSms, getTicket, type TestWorkspace } from "../helpers";
import { connectRealtime, listIds, newPhone, openTicket, sleep } from "../inbox-helpers";

let a: TestWorkspace;
let b: TestWorkspace;
let aTicket: { id: string; profile: { id: string; phone: string } };
let bTicketId: string;

beforeAll(async () => {
  [a, b] = [await createWorkspace(), await createWorkspace()];
  aTicket = await openTicket(a.id, a.support.token, newPhone(), "Secret order question from A");
  bTicketId = (await openTicket(b.id, b.support.token, newPhone(), "B question")).id;
});

describe("cross-workspace access", () => {
  it("every ticket route answers 404 for another workspace's ticket and changes nothing", async () => {
    const id = aTicket.id;
    const before = await getTicket(a.owner.token, id);
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/tickets/${id}`],
      ["GET", `/api/tickets/${id}/messages?before=100`],
      ["POST", `/api/tickets/${id}/messages`, { kind: "note", text: "from B" }],
      ["POST", `/api/tickets/${id}/status`, { status: "closed" }],
      ["PATCH", `/api/tickets/${id}`, { tags: ["hacked"] }],
      ["PATCH", `/api/tickets/${id}`, { assigneeId: a.support.id }],
      ["POST", `/api/tickets/${id}/read`],
      ["POST", `/api/tickets/${id}/unread`],
      ["POST", `/api/tickets/${id}/leave`],
      ["DELETE", `/api/tickets/${id}`],
      ["GET", `/api/profiles/${aTicket.profile.id}`],
      ["POST", `/api/profiles/${aTicket.profile.id}/block`],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(b.owner.token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.error.code).toBe("not_found");
    }
    const after = await getTicket(a.owner.token, id);
    expect(after.status).toBe(200);
    expect(after.body.ticket.status).toBe("open");
    expect(after.body.ticket.tags).toEqual([]);
    expect(after.body.ticket.blocked).toBe(false);
    expect(after.body.messages).toEqual(before.body.messages);
  });

  it("malformed or unknown ticket ids are 404", async () => {
    for (const id of ["nope", "../counts", "0".repeat(64), aTicket.id.toUpperCase(), `${aTicket.id}00`]) {
      const res = await getTicket(a.owner.token, encodeURIComponent(id));
      expect(res.status, id).toBe(404);
    }
    const madeUp = env.TICKETS.newUniqueId().toString();
    expect((await api(a.owner.token, "POST", `/api/tickets/${madeUp}/read`)).status).toBe(404);
    expect((await api(a.owner.token, "GET", "/api/profiles/pr_nobody")).status).toBe(404);
  });

  it("B's listings and counts never include A's tickets", async () => {
    for (const view of ["all", "unassigned", "unread", "sessions", "mine", "favorites"]) {
      const ids = await listIds(b.owner.token, `view=${view}`);
      expect(ids).not.toContain(aTicket.id);
    }
    expect(await listIds(b.owner.token, "view=all")).toEqual([bTicketId]);
    expect(await listIds(b.owner.token, "view=all&q=Secret")).toEqual([]);
    expect(await listIds(b.owner.token, `view=all&q=${aTicket.profile.phone.slice(1)}`)).toEqual([]);
    const counts = await api(b.owner.token, "GET", "/api/tickets/counts", undefined, TicketCounts);
    expect(counts.body.views.all).toBe(1);
    expect(counts.body.statuses.open).toBe(1);
  });

  it("bulk actions with A's ids fail per id from B and change nothing", async () => {
    const res = await api(
      b.owner.token,
      "POST",
      "/api/tickets/bulk",
      { ids: [aTicket.id, "garbage", bTicketId], action: { type: "tags", add: ["vip"] } },
      BulkResult,
    );
    expect(res.status).toBe(200);
    expect(res.body.matched).toBe(3);
    expect(res.body.applied).toBe(1);
    expect(res.body.failed.map((f) => [f.id, f.code])).toEqual([
      [aTicket.id, "not_found"],
      ["garbage", "not_found"],
    ]);
    expect((await getTicket(a.owner.token, aTicket.id)).body.ticket.tags).toEqual([]);
    const closeAll = await api(
      b.owner.token,
      "POST",
      "/api/tickets/bulk",
      { ids: [aTicket.id], action: { type: "status", change: { status: "closed" } } },
      BulkResult,
    );
    expect(closeAll.body.applied).toBe(0);
    expect((await getTicket(a.owner.token, aTicket.id)).body.ticket.status).toBe("open");
  });

  it("a B socket never receives A's events, while an A socket does", async () => {
    const sa = await connectRealtime(a.support.token);
    const sb = await connectRealtime(b.support.token);
    await sa.next("hello");
    await sb.next("hello");
    await sendSms(a.id, aTicket.profile.phone, "Another private message");
    await sa.next("message.created");
    await sleep(200);
    expect(sb.frames.map((f) => f.type).filter((t) => t !== "presence")).toEqual(["hello"]);
    expect(JSON.stringify(sb.frames)).not.toContain(aTicket.id);
    sa.ws.close();
    sb.ws.close();
  });
});
