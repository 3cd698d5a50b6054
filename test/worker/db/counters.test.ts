// The view counters kept by triggers (migration 0006) must always equal a full recount of the rows, whatever the
// sequence of changes: assignment, tags (with parents), followers, favorites, read state, status, delete.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TicketCounts } from "../../../shared/schemas";
import { api, createWorkspace, patchTicket, setTicketStatus } from "../helpers";
import { openTicket } from "../inbox-helpers";

/** The scans counts used to run, kept here as the oracle. */
async function recount(workspaceId: string, agentId: string, operator: boolean) {
  const one = async (sql: string) => (await env.DB.prepare(sql).bind(workspaceId, agentId).first<{ n: number }>())?.n ?? 0;
  const grouped = async (sql: string) =>
    Object.fromEntries((await env.DB.prepare(sql).bind(workspaceId).all<{ k: string; n: number }>()).results.map((r) => [r.k, r.n]));
  return {
    views: {
      mine: await one("SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND assignee_id = ?2 AND status = 'open'"),
      unassigned: await one("SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND assignee_id IS NULL AND status = 'open' AND ?2 IS NOT NULL"),
      all: await one("SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND ?2 IS NOT NULL"),
      unread: await one("SELECT COUNT(*) AS n FROM ticket_unread WHERE workspace_id = ?1 AND agent_id = ?2"),
      favorites: await one("SELECT COUNT(*) AS n FROM ticket_favorites WHERE workspace_id = ?1 AND agent_id = ?2"),
      sessions: await one(`SELECT COUNT(*) AS n FROM tickets t WHERE t.workspace_id = ?1 AND t.status = 'open' AND (t.assignee_id = ?2
        OR t.id IN (SELECT ticket_id FROM ticket_followers WHERE workspace_id = ?1 AND agent_id = ?2) ${operator ? "OR t.assignee_id IS NULL" : ""})`),
    },
    statuses: { open: 0, snoozed: 0, closed: 0, ...(await grouped("SELECT status AS k, COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 GROUP BY status")) },
    channels: {
      sms: 0,
      webchat: 0,
      email: 0,
      ...(await grouped("SELECT channel AS k, COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND status = 'open' GROUP BY channel")),
    },
    tags: await grouped(`SELECT tt.tag AS k, COUNT(*) AS n FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id
      WHERE tt.workspace_id = ?1 AND t.status = 'open' GROUP BY tt.tag`),
  };
}

describe("view counters", () => {
  it("equal a full recount after any sequence of ticket changes", async () => {
    const ws = await createWorkspace();
    const tickets: string[] = [];
    for (let i = 0; i < 5; i++) tickets.push((await openTicket(ws.id, ws.support.token)).id);
    const agents = [ws.support, ws.support2, ws.admin];
    const agentIds = [null, ...agents.map((a) => a.id)];
    const action = fc.oneof(
      fc.record({ kind: fc.constant("assign"), assignee: fc.constantFrom(...agentIds) }),
      fc.record({ kind: fc.constant("tags"), tags: fc.subarray(["shipping/delayed", "shipping/lost", "vip", "returns"]) }),
      fc.record({ kind: fc.constant("follow"), followers: fc.subarray(agents.map((a) => a.id)) }),
      fc.record({ kind: fc.constant("favorite"), by: fc.integer({ min: 0, max: 2 }), on: fc.boolean() }),
      fc.record({ kind: fc.constant("status"), status: fc.constantFrom("open", "closed", "snoozed") }),
      fc.record({ kind: fc.constant("read"), by: fc.integer({ min: 0, max: 2 }), read: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: tickets.length - 1 }), action), { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const [t, a] of steps) {
          const id = tickets[t]!;
          if (a.kind === "assign") await patchTicket(ws.owner.token, id, { assigneeId: a.assignee });
          if (a.kind === "tags") await patchTicket(ws.owner.token, id, { tags: a.tags });
          if (a.kind === "follow") await patchTicket(ws.owner.token, id, { followers: a.followers });
          if (a.kind === "favorite") await api(agents[a.by]!.token, "PATCH", `/api/tickets/${id}`, { favorite: a.on });
          if (a.kind === "status")
            await setTicketStatus(ws.owner.token, id, a.status === "snoozed" ? { status: "snoozed", preset: "next_week" } : { status: a.status });
          if (a.kind === "read") await api(agents[a.by]!.token, "POST", `/api/tickets/${id}/${a.read ? "read" : "unread"}`);
        }
        for (const agent of agents) {
          const shown = (await api(agent.token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body;
          const truth = await recount(ws.id, agent.id, false);
          expect({ views: shown.views, statuses: shown.statuses, channels: shown.channels, tags: shown.tags }).toEqual(truth);
        }
      }),
      { numRuns: 12 },
    );
    // operator mode: My sessions counts every unassigned open ticket instead of only the followed ones
    await api(ws.support2.token, "PATCH", "/api/me", { operator: true });
    expect((await api(ws.support2.token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body.views).toEqual(
      (await recount(ws.id, ws.support2.id, true)).views,
    );
    // and a permanent delete takes the ticket out of every counter
    await api(ws.owner.token, "DELETE", `/api/tickets/${tickets[0]}`);
    const shown = (await api(ws.support.token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body;
    expect({ views: shown.views, statuses: shown.statuses, channels: shown.channels, tags: shown.tags }).toEqual(await recount(ws.id, ws.support.id, false));
  }, 120_000);
});
