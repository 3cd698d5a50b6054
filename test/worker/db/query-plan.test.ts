// The inbox listings are served by indexes: EXPLAIN QUERY PLAN on the exact SQL the API runs.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TicketFilter } from "../../../shared/schemas";
import { listingSql } from "../../../worker/src/db/ticket-listing";
import { reportSql } from "../../../worker/src/db/reports";
import { COUNTERS_SQL, SLA_DUE_SQL } from "../../../worker/src/db/ticket-counts";

const viewer = { workspaceId: "ws_plan", agentId: "ag_plan", operator: false };

async function plan(query: Record<string, string>, cursor?: string): Promise<string[]> {
  const { sql, params } = listingSql(TicketFilter.parse(query), viewer, cursor, 25);
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** No step may read the whole tickets table, and the tickets table must be searched through an index. */
function expectIndexed(steps: string[]) {
  const text = steps.join("\n");
  expect(text).not.toMatch(/SCAN t\b(?! USING)/);
  expect(text).not.toMatch(/SCAN tickets\b/);
  expect(text).toMatch(/(SEARCH|SCAN) t USING (COVERING )?INDEX (tickets_|sqlite_autoindex_tickets_1 \(id=\?\))/);
  expect(text).not.toMatch(/SCAN p\b/);
}

describe("listing query plans", () => {
  it("view=all walks the (workspace, last_at, id) index without sorting", async () => {
    const steps = await plan({ view: "all" });
    expectIndexed(steps);
    expect(steps.join("\n")).toMatch(/SEARCH t USING INDEX tickets_all \(workspace_id=\?\)/);
    expect(steps.join("\n")).not.toContain("USE TEMP B-TREE FOR ORDER BY");
  });

  it("view=all with a cursor still uses the index", async () => {
    expectIndexed(await plan({ view: "all" }, btoa(`1700000000000:${"f".repeat(64)}`)));
  });

  it("view=mine with a tag filter walks the assignee index and checks the tag by primary key, row by row", async () => {
    const steps = await plan({ view: "mine", tag: "shipping" });
    expectIndexed(steps);
    const text = steps.join("\n");
    expect(text).toMatch(/SEARCH t USING INDEX tickets_assignee \(workspace_id=\? AND assignee_id=\? AND status=\?\)/);
    expect(text).toMatch(/CORRELATED SCALAR SUBQUERY[\s\S]*SEARCH tt USING PRIMARY KEY \(workspace_id=\? AND tag=\? AND ticket_id=\?\)/);
    expect(text).not.toMatch(/LIST SUBQUERY|USE TEMP B-TREE/);
  });

  const walkers: [Record<string, string>, string][] = [
    [{ view: "unread" }, "ticket_unread_recent"],
    [{ view: "favorites" }, "ticket_favorites_recent"],
    [{ view: "all", tag: "shipping" }, "ticket_tags_recent"],
  ];
  for (const [query, index] of walkers) {
    it(`${JSON.stringify(query)} walks ${index} in activity order, without sorting the matches`, async () => {
      const steps = await plan(query);
      expectIndexed(steps);
      expect(steps.join("\n")).toContain(`SEARCH d USING COVERING INDEX ${index}`);
      expect(steps.join("\n")).not.toContain("USE TEMP B-TREE FOR ORDER BY");
    });
  }

  const others: Record<string, string>[] = [
    { view: "unassigned" },
    { view: "unread" },
    { view: "favorites" },
    { view: "sessions" },
    { view: "all", status: "snoozed" },
    { view: "all", channel: "sms" },
    { view: "all", assignee: "ag_x" },
  ];
  for (const query of others) {
    it(`${JSON.stringify(query)} never scans the tickets table`, async () => {
      expectIndexed(await plan(query));
    });
  }
});

describe("report query plans", () => {
  const explain = async (sql: string, params: unknown[]) =>
    (
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>()
    ).results
      .map((r) => r.detail)
      .join("\n");

  it("created and resolved walk the (workspace, created_at) and (workspace, closed_at) indexes, with or without a channel", async () => {
    for (const channel of [null, "sms"] as const) {
      const sql = reportSql(channel);
      const params = ["ws_plan", 0, 1, ...(channel ? [channel] : [])];
      const created = await explain(sql.created, params);
      expect(created).toMatch(/SEARCH t USING INDEX tickets_created \(workspace_id=\? AND created_at>\? AND created_at<\?\)/);
      expect(created).toMatch(/SEARCH tt USING (COVERING )?INDEX ticket_tags_by_ticket/);
      const resolved = await explain(sql.resolved, params);
      expect(resolved).toMatch(/SEARCH t USING INDEX tickets_closed \(workspace_id=\? AND closed_at>\? AND closed_at<\?\)/);
      expect(await explain(sql.openNow, ["ws_plan", ...(channel ? [channel] : [])])).toMatch(/SEARCH t USING (COVERING )?INDEX tickets_(status|channel)/);
    }
  });
});

describe("counts query plans", () => {
  const explain = async (sql: string, params: unknown[]) =>
    (
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>()
    ).results
      .map((r) => r.detail)
      .join("\n");

  it("read the workspace's counters by primary key, nothing else", async () => {
    expect(await explain(COUNTERS_SQL, ["ws_plan"])).toMatch(/^SEARCH ticket_counters USING PRIMARY KEY \(workspace_id=\?\)$/);
  });
});

describe("SLA query plans", () => {
  it("the breaching-soon listing and count search the partial index of running targets, not every ticket", async () => {
    const { sql, params } = listingSql(TicketFilter.parse({ view: "all", sla: "breaching" }), { ...viewer, sla: { now: 1, soonUntil: 2 } }, undefined, 25);
    const steps = (
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>()
    ).results.map((r) => r.detail);
    expectIndexed(steps);
    expect(steps.join("\n")).toMatch(/SEARCH t USING INDEX tickets_sla_due \(workspace_id=\? AND sla_due_at<\?\)/);
    const count = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${SLA_DUE_SQL}`).bind("ws_plan", 2).all<{ detail: string }>()).results.map((r) => r.detail);
    expect(count.join("\n")).toMatch(/SEARCH tickets USING COVERING INDEX tickets_sla_due \(workspace_id=\? AND sla_due_at<\?\)/);
  });
});
