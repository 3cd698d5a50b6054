// GET /api/tickets/counts: every view, status, tag (parents count sub-tags) and operator, as the sidebar shows them.
import { beforeAll, describe, expect, it } from "vitest";
import { TicketCounts } from "../../../shared/schemas";
import { api, createWorkspace, patchTicket, setTicketStatus, type TestWorkspace } from "../helpers";
import { addAgent, connectRealtime, listIds, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
const counts = async (token: string) => (await api(token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body;

beforeAll(async () => {
  ws = await createWorkspace();
  await addAgent(ws.owner.token, "Ana Analyst", "analyst");
  const [a, b, c, d] = [
    await openTicket(ws.id, ws.support.token),
    await openTicket(ws.id, ws.support.token),
    await openTicket(ws.id, ws.support.token),
    await openTicket(ws.id, ws.support.token),
  ];
  await patchTicket(ws.support.token, a.id, { assigneeId: ws.support.id, tags: ["shipping/delayed", "vip"], favorite: true });
  await patchTicket(ws.support.token, b.id, { assigneeId: ws.support.id, tags: ["shipping/lost"] });
  await patchTicket(ws.support.token, c.id, { assigneeId: ws.support2.id, followers: [ws.support.id], tags: ["shipping"] });
  await api(ws.support.token, "POST", `/api/tickets/${c.id}/read`);
  await patchTicket(ws.support.token, d.id, { tags: ["shipping/delayed"] });
  await setTicketStatus(ws.support.token, d.id, { status: "closed" });
});

describe("counts", () => {
  it("counts every view for the asking agent and matches the listings", async () => {
    const mine = await counts(ws.support.token);
    expect(mine.views).toEqual({ mine: 2, unassigned: 0, all: 4, unread: 3, favorites: 1, sessions: 3 });
    for (const view of ["mine", "unassigned", "all", "unread", "favorites", "sessions"] as const) {
      expect((await listIds(ws.support.token, `view=${view}`)).length, view).toBe(mine.views[view]);
    }
    const theirs = await counts(ws.support2.token);
    expect(theirs.views).toEqual({ mine: 1, unassigned: 0, all: 4, unread: 4, favorites: 0, sessions: 1 });
  });

  it("counts statuses, channels and open tickets per tag, a parent counting its sub-tags", async () => {
    const c = await counts(ws.support.token);
    expect(c.statuses).toEqual({ open: 3, snoozed: 0, closed: 1 });
    expect(c.channels).toEqual({ sms: 3, webchat: 0, email: 0 });
    expect(c.tags).toEqual({ shipping: 3, "shipping/delayed": 1, "shipping/lost": 1, vip: 1 });
  });

  it("lists operators (with online state and open load) apart from non-operators; analysts are not listed", async () => {
    await api(ws.support2.token, "PATCH", "/api/me", { operator: true });
    const socket = await connectRealtime(ws.support2.token);
    await socket.next("hello");
    const c = await counts(ws.owner.token);
    expect(c.operators).toEqual([{ agentId: ws.support2.id, name: "Sue Support", operator: true, online: true, open: 1 }]);
    const non = Object.fromEntries(c.nonOperators.map((p) => [p.name, p.open]));
    expect(non).toEqual({ "Olivia Owner": 0, "Ada Admin": 0, "Sam Support": 2 });
    expect(c.nonOperators.every((p) => p.online === false && p.operator === false)).toBe(true);
    socket.ws.close();
    // operator mode adds the workspace's unassigned open tickets to My sessions
    const fresh = await openTicket(ws.id, ws.support.token);
    expect((await counts(ws.support2.token)).views.sessions).toBe(2);
    expect((await counts(ws.support.token)).views.sessions).toBe(3);
    expect((await counts(ws.support.token)).views.unassigned).toBe(1);
    expect(await listIds(ws.support2.token, "view=sessions")).toContain(fresh.id);
  });
});
