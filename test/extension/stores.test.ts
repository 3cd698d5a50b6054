// Inbox store and pure helpers: keyset paging, live patches that add/remove tickets, tag tree, recommendation, view matching.
import { describe, expect, it, vi } from "vitest";
import type { TicketSummary } from "../../shared/schemas";
import type { Api } from "../../extension/lib/api";
import { followsTicket, recommendAgent } from "../../extension/lib/recommend";
import { tagTree, visibleTags } from "../../extension/lib/tag-tree";
import { matchesFilter } from "../../extension/lib/view-match";
import { InboxStore } from "../../extension/state/inbox.svelte";
import { mergeMessages } from "../../extension/state/ticket.svelte";

const T0 = Date.parse("2026-03-01T12:00:00Z");
function ticket(n: number, extra: Partial<TicketSummary> = {}): TicketSummary {
  const at = new Date(T0 - n * 60_000).toISOString();
  return {
    id: `t${n}`,
    number: n,
    channel: "sms",
    status: "open",
    snoozedUntil: null,
    assigneeId: "me",
    tags: [],
    unread: false,
    favorite: false,
    profile: { id: `p${n}`, name: `Customer ${n}`, phone: null, email: null },
    lastMessage: { text: `hi ${n}`, at, direction: "inbound" },
    attribution: null,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

function fakeApi(all: TicketSummary[]) {
  const calls: Record<string, unknown>[] = [];
  const api = {
    tickets: vi.fn(async (q: Record<string, unknown>) => {
      calls.push(q);
      const start = q.cursor ? Number(q.cursor) : 0;
      const limit = Number(q.limit ?? 25);
      const page = all.slice(start, start + limit);
      return { tickets: page, nextCursor: start + limit < all.length ? String(start + limit) : null };
    }),
    counts: vi.fn(async () => ({
      views: { mine: 1, unassigned: 0, all: 1, unread: 3, favorites: 0, sessions: 1 },
      statuses: {},
      channels: {},
      tags: {},
      operators: [],
      nonOperators: [],
    })),
  };
  return { api: api as unknown as Api, calls, raw: api };
}

describe("InboxStore", () => {
  it("loads the first page and pages on with the cursor, without duplicates", async () => {
    const all = Array.from({ length: 120 }, (_, i) => ticket(i));
    const { api, calls } = fakeApi(all);
    const inbox = new InboxStore({ api: () => api, me: () => "me" });
    await inbox.load();
    expect(inbox.tickets).toHaveLength(50);
    await inbox.loadMore();
    await inbox.loadMore();
    await inbox.loadMore(); // no cursor left: no call
    expect(inbox.tickets.map((t) => t.id)).toEqual(all.map((t) => t.id));
    expect(calls.map((c) => c.cursor)).toEqual([undefined, "50", "100"]);
    expect(inbox.nextCursor).toBeNull();
  });

  it("drops a ticket that leaves the view (snoozed out of My inbox) and moves one with a new message to the top", async () => {
    const { api } = fakeApi([ticket(1), ticket(2), ticket(3)]);
    const inbox = new InboxStore({ api: () => api, me: () => "me" });
    inbox.filter = { view: "mine" };
    await inbox.load();
    const { unread: _u, favorite: _f, ...live } = ticket(2, { status: "snoozed", snoozedUntil: new Date(T0 + 3_600_000).toISOString() });
    inbox.applyTicket(live);
    expect(inbox.tickets.map((t) => t.id)).toEqual(["t1", "t3"]);
    const { unread: _u3, favorite: _f3, ...newer } = ticket(3, { lastMessage: { text: "again", at: new Date(T0 + 1000).toISOString(), direction: "inbound" } });
    inbox.applyTicket(newer);
    expect(inbox.tickets.map((t) => t.id)).toEqual(["t3", "t1"]);
    expect(inbox.tickets[0]!.lastMessage?.text).toBe("again");
  });

  it("fetches the head when a ticket it has not loaded may belong (a new conversation)", async () => {
    vi.useFakeTimers();
    const all = [ticket(1)];
    const { api, raw } = fakeApi(all);
    const inbox = new InboxStore({ api: () => api, me: () => "me" });
    inbox.filter = { view: "all" };
    await inbox.load();
    all.unshift(ticket(0, { assigneeId: null }));
    const { unread: _u, favorite: _f, ...live } = ticket(0, { assigneeId: null });
    inbox.applyTicket(live);
    expect(raw.tickets).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(raw.tickets).toHaveBeenCalledTimes(2);
    expect(inbox.tickets.map((t) => t.id)).toEqual(["t0", "t1"]);
    vi.useRealTimers();
  });

  it("marks a ticket unread when a customer writes, unless it is the one on screen", async () => {
    const { api } = fakeApi([ticket(1), ticket(2)]);
    const inbox = new InboxStore({ api: () => api, me: () => "me" });
    inbox.filter = { view: "all" };
    await inbox.load();
    inbox.applyMessage("t1", "inbound", "t2");
    inbox.applyMessage("t2", "inbound", "t2");
    inbox.applyMessage("t1", "note", null);
    expect(inbox.tickets.map((t) => t.unread)).toEqual([true, false]);
  });

  it("keeps the selection and clears it when the filter changes", async () => {
    const { api } = fakeApi([ticket(1), ticket(2)]);
    const inbox = new InboxStore({ api: () => api, me: () => "me" });
    await inbox.load();
    inbox.toggleSelect("t1");
    expect([...inbox.selected]).toEqual(["t1"]);
    inbox.setFilter({ status: "closed" });
    expect(inbox.selected.size).toBe(0);
    expect(inbox.filter).toEqual({ view: "mine", status: "closed" });
  });

  it("reports fresh counts (the badge follows them)", async () => {
    const { api } = fakeApi([]);
    const seen: number[] = [];
    const inbox = new InboxStore({ api: () => api, me: () => "me", onCounts: (c) => seen.push(c.views.unread) });
    await inbox.refreshCounts();
    expect(seen).toEqual([3]);
  });
});

describe("matchesFilter", () => {
  const t = ticket(1, { tags: ["shipping/delayed"], attribution: { type: "flow", name: "Welcome" } });
  it.each([
    [{ view: "mine" as const }, true],
    [{ view: "unassigned" as const }, false],
    [{ view: "all" as const, tag: "shipping" }, true],
    [{ view: "all" as const, tag: "returns" }, false],
    [{ view: "all" as const, status: "closed" as const }, false],
    [{ view: "all" as const, flow: "Welcome" }, true],
    [{ view: "all" as const, campaign: "Welcome" }, false],
    [{ view: "sessions" as const }, true],
    [{ view: "all" as const, q: "x" }, null],
  ])("%j → %s", (f, want) => expect(matchesFilter(t, f, "me")).toBe(want));
});

describe("tag tree", () => {
  it("nests sub-tags under parents (adding missing parents) and collapses", () => {
    const nodes = tagTree({ "shipping/delayed": 2, shipping: 3, vip: 1, "orders/change/size": 1 });
    expect(nodes.map((n) => [n.tag, n.depth, n.count])).toEqual([
      ["orders", 0, 0],
      ["orders/change", 1, 0],
      ["orders/change/size", 2, 1],
      ["shipping", 0, 3],
      ["shipping/delayed", 1, 2],
      ["vip", 0, 1],
    ]);
    expect(visibleTags(nodes, new Set(["orders"])).map((n) => n.tag)).toEqual(["orders", "shipping", "shipping/delayed", "vip"]);
  });
});

describe("recommendAgent", () => {
  const a = (agentId: string, online: boolean, operator: boolean, open: number) => ({ agentId, name: agentId, online, operator, open });
  it("prefers online, then operators, then the lowest open load", () => {
    expect(recommendAgent([a("busy-op", true, true, 9), a("idle-op", true, true, 2), a("offline", false, true, 0), a("online", true, false, 0)])?.agentId).toBe(
      "idle-op",
    );
    expect(recommendAgent([a("x", false, false, 3), a("y", false, false, 1)])?.agentId).toBe("y");
    expect(recommendAgent([a("me", true, true, 0)], "me")).toBeNull();
  });
  it("puts an online agent who follows one of the ticket's tags before operators and load", () => {
    const loads = [a("idle-op", true, true, 0), a("follower", true, false, 7), a("offline-follower", false, true, 0)];
    const follows = (id: string) => followsTicket(id.includes("follower") ? ["returns"] : [], ["returns/damaged"]);
    expect(recommendAgent(loads, null, follows)?.agentId).toBe("follower");
    expect(followsTicket(["returns"], ["returnsx"])).toBe(false);
  });
});

describe("mergeMessages", () => {
  it("unions by id, newest copy wins (delivery status updates), ordered by seq", () => {
    const m = (id: string, seq: number, status: "queued" | "sent" | null = null) => ({
      id,
      seq,
      kind: "outbound" as const,
      text: id,
      author: { type: "agent" as const, id: null, name: null },
      status,
      source: "agent" as const,
      createdAt: "2026-03-01T12:00:00.000Z",
      media: [],
      error: null,
      attribution: null,
      email: null,
      files: [],
      activity: null,
      linkClicks: 0,
    });
    const out = mergeMessages([m("b", 2, "queued"), m("c", 3)], [m("a", 1), m("b", 2, "sent")]);
    expect(out.map((x) => [x.id, x.status])).toEqual([
      ["a", null],
      ["b", "sent"],
      ["c", null],
    ]);
  });
});
