// PATCH /api/tickets/:id and leave: assignment with its activity line, followers, tags, description, favorite.
import { beforeAll, describe, expect, it } from "vitest";
import { TicketDetailResponse } from "../../../shared/schemas";
import { api, createWorkspace, getTicket, patchTicket, type TestWorkspace } from "../helpers";
import { addAgent, listIds, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});
const get = async (id: string) => (await getTicket(ws.support.token, id)).body;
const activity = async (id: string) => (await get(id)).messages.filter((m) => m.kind === "activity").map((m) => m.text);

describe("PATCH /api/tickets/:id", () => {
  it("assigns and unassigns with activity lines naming who did it", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const res = await patchTicket(ws.admin.token, t.id, { assigneeId: ws.support.id });
    expect(res.status).toBe(200);
    expect(res.body.ticket.assigneeId).toBe(ws.support.id);
    expect(await listIds(ws.support.token, "view=mine")).toContain(t.id);
    await patchTicket(ws.admin.token, t.id, { assigneeId: ws.support.id }); // same assignee: no new line
    await patchTicket(ws.support.token, t.id, { assigneeId: null });
    expect(await activity(t.id)).toEqual(["Assigned to Sam Support by Ada Admin", "Unassigned by Sam Support"]);
    expect(await listIds(ws.support.token, "view=unassigned")).toContain(t.id);
  });

  it("refuses unknown or non-inbox assignees and followers with 400, changing nothing", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const analyst = await addAgent(ws.owner.token, "Ana Analyst", "analyst");
    const other = await createWorkspace();
    for (const body of [
      { assigneeId: "ag_nobody" },
      { assigneeId: analyst.id },
      { assigneeId: other.support.id },
      { followers: [ws.support.id, "ag_ghost"] },
    ]) {
      const res = await patchTicket(ws.support.token, t.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.error.code).toBe("unknown_agent");
    }
    const d = await get(t.id);
    expect(d.ticket.assigneeId).toBeNull();
    expect(d.ticket.followers).toEqual([]);
  });

  it("sets followers, tags, description and favorite; leave removes me from followers", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const res = await patchTicket(ws.support.token, t.id, {
      followers: [ws.support.id, ws.support2.id],
      tags: ["Shipping/Delayed", "vip"],
      description: "Wholesale buyer #vip",
      favorite: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({
      followers: [ws.support.id, ws.support2.id],
      tags: ["shipping/delayed", "vip"],
      description: "Wholesale buyer #vip",
      favorite: true,
    });
    expect(await listIds(ws.support2.token, "view=sessions")).toContain(t.id);
    const left = await api(ws.support2.token, "POST", `/api/tickets/${t.id}/leave`, undefined, TicketDetailResponse);
    expect(left.status).toBe(200);
    expect(left.body.ticket.followers).toEqual([ws.support.id]);
    expect(await listIds(ws.support2.token, "view=sessions")).not.toContain(t.id);
    expect((await api(ws.support2.token, "POST", `/api/tickets/${t.id}/leave`, undefined, TicketDetailResponse)).body.ticket.followers).toEqual([
      ws.support.id,
    ]);
    const retag = await patchTicket(ws.support.token, t.id, { tags: [] });
    expect(retag.body.ticket.tags).toEqual([]);
    expect(await listIds(ws.support.token, "tag=vip")).toEqual([]);
  });

  it("refuses a ninth tag, a malformed tag and unknown fields with 400, changing nothing", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { tags: ["keep"] });
    const nine = Array.from({ length: 9 }, (_, i) => `tag${i}`);
    for (const body of [{ tags: nine }, { tags: ["bad//tag"] }, { status: "closed" }, { description: "x".repeat(2001) }, { favorite: "yes" }]) {
      const res = await patchTicket(ws.support.token, t.id, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    const d = await get(t.id);
    expect(d.ticket.tags).toEqual(["keep"]);
    expect(d.ticket.status).toBe("open");
    expect(await listIds(ws.support.token, "tag=tag0")).toEqual([]);
  });
});
