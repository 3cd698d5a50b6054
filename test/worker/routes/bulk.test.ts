// POST /api/tickets/bulk: one action on listed ids or on every ticket matching a filter; per-id results.
import { beforeAll, describe, expect, it } from "vitest";
import { BulkResult } from "../../../shared/schemas";
import { api, createWorkspace, getTicket, patchTicket, type TestWorkspace } from "../helpers";
import { listIds, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
let ids: string[];
beforeAll(async () => {
  ws = await createWorkspace();
  ids = [];
  for (let i = 0; i < 3; i++) ids.push((await openTicket(ws.id, ws.support.token)).id);
});
const bulk = (body: unknown, token = ws.support.token) => api(token, "POST", "/api/tickets/bulk", body, BulkResult);
const detail = async (id: string) => (await getTicket(ws.support.token, id)).body;
const sorted = (xs: string[]) => [...xs].sort();

describe("bulk actions by ids", () => {
  it("assign, followers, tags, note, status, read, leave, unassign", async () => {
    const [a, b] = ids as [string, string, string];
    expect((await bulk({ ids: [a, b], action: { type: "assign", assigneeId: ws.support2.id } })).body).toEqual({ matched: 2, applied: 2, failed: [] });
    expect(sorted(await listIds(ws.support2.token, "view=mine"))).toEqual(sorted([a, b]));
    await bulk({ ids: [a, b], action: { type: "followers", add: [ws.support.id] } });
    // The assignee follows the tickets they were given (docs/api.md §9.4).
    expect(sorted((await detail(a)).ticket.followers)).toEqual(sorted([ws.support2.id, ws.support.id]));
    await bulk({ ids: [a, b], action: { type: "tags", add: ["shipping/delayed", "vip"] } });
    await bulk({ ids: [b], action: { type: "tags", remove: ["vip"] } });
    expect((await detail(a)).ticket.tags).toEqual(["shipping/delayed", "vip"]);
    expect((await detail(b)).ticket.tags).toEqual(["shipping/delayed"]);
    const note = await bulk({ ids: [a, b], action: { type: "message", message: { kind: "note", text: "Carrier delay, see #4411" } } });
    expect(note.body.applied).toBe(2);
    expect((await detail(a)).messages.at(-1)).toMatchObject({ kind: "note", text: "Carrier delay, see #4411" });
    const snooze = await bulk({ ids: [a, b], action: { type: "status", change: { status: "snoozed", preset: "later_today" } } });
    expect(snooze.body.applied).toBe(2);
    expect(sorted(await listIds(ws.support.token, "status=snoozed"))).toEqual(sorted([a, b]));
    await bulk({ ids: [a, b], action: { type: "read" } });
    expect(await listIds(ws.support.token, "view=unread")).not.toContain(a);
    expect(await listIds(ws.support2.token, "view=unread")).toContain(a); // read is per agent
    await bulk({ ids: [a, b], action: { type: "leave" } });
    expect((await detail(a)).ticket.followers).toEqual([ws.support2.id]);
    await bulk({ ids: [a, b], action: { type: "unassign" } });
    expect(await listIds(ws.support2.token, `status=snoozed&assignee=${ws.support2.id}`)).toEqual([]);
  });

  it("reports failures per id: too many tags, unknown assignee, replies without consent", async () => {
    const [a, b] = ids as [string, string, string];
    await bulk({ ids: [a], action: { type: "tags", add: ["t1", "t2", "t3", "t4", "t5", "t6"] } });
    const res = await bulk({ ids: [a, b], action: { type: "tags", add: ["x1", "x2"] } });
    expect(res.body.matched).toBe(2);
    expect(res.body.applied).toBe(1);
    expect(res.body.failed).toEqual([{ id: a, code: "too_many_tags", message: expect.any(String) }]);
    expect((await detail(a)).ticket.tags).not.toContain("x1");
    const ghost = await bulk({ ids: [a, b], action: { type: "assign", assigneeId: "ag_ghost" } });
    expect(ghost.body).toMatchObject({ matched: 2, applied: 0 });
    expect(ghost.body.failed.map((f) => f.code)).toEqual(["unknown_agent", "unknown_agent"]);
    const reply = await bulk({ ids: [a], action: { type: "message", message: { kind: "reply", text: "hi" } } });
    expect(reply.body.failed.map((f) => f.code)).toEqual(["consent_required"]);
  });

  it("refuses malformed bodies", async () => {
    for (const body of [
      { action: { type: "read" } },
      { ids: [ids[0]], filter: { view: "all" }, action: { type: "read" } },
      { ids: [], action: { type: "read" } },
      { ids: [ids[0]], action: { type: "explode" } },
      { ids: [ids[0]], action: { type: "status", change: { status: "snoozed" } } },
    ]) {
      expect((await bulk(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await bulk({ ids: Array.from({ length: 501 }, (_, i) => `id${i}`), action: { type: "read" } })).status).toBe(400);
  });
});

describe("bulk actions by filter", () => {
  it("applies to every ticket matching the filter, and only those", async () => {
    const c = ids[2]!;
    await patchTicket(ws.support.token, c, { tags: ["returns"] });
    const res = await bulk({ filter: { view: "all", tag: "returns" }, action: { type: "status", change: { status: "closed" } } });
    expect(res.body).toEqual({ matched: 1, applied: 1, failed: [] });
    expect(await listIds(ws.support.token, "status=closed")).toEqual([c]);
    const open = await bulk({ filter: { view: "all", status: "snoozed" }, action: { type: "status", change: { status: "open" } } });
    expect(open.body.matched).toBe(2);
    expect(sorted(await listIds(ws.support.token, "status=open"))).toEqual(sorted([ids[0]!, ids[1]!]));
    const assign = await bulk({ filter: { view: "unassigned" }, action: { type: "assign", assigneeId: ws.support.id } });
    expect(assign.body).toEqual({ matched: 2, applied: 2, failed: [] });
    expect(await listIds(ws.support.token, "view=unassigned")).toEqual([]);
    const none = await bulk({ filter: { view: "all", q: "no-such-words-anywhere" }, action: { type: "read" } });
    expect(none.body).toEqual({ matched: 0, applied: 0, failed: [] });
  });
});
