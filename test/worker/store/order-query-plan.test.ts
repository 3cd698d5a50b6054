// Order lookups are served by indexes: EXPLAIN QUERY PLAN on the exact SQL db/orders.ts runs.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ORDER_SQL } from "../../../worker/src/db/orders";

async function plan(sql: string, ...params: unknown[]): Promise<string> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join("\n");
}

describe("order query plans", () => {
  it("by name or number uses the name and number indexes, never a table scan", async () => {
    const text = await plan(ORDER_SQL.byName, "ws", "#1001", "#1001", 1001, 20);
    expect(text).toMatch(/SEARCH orders USING COVERING INDEX orders_by_name \(workspace_id=\? AND name=\?\)/);
    expect(text).toMatch(/SEARCH orders USING COVERING INDEX orders_by_number \(workspace_id=\? AND order_number=\?\)/);
    expect(text).toMatch(/SEARCH orders USING PRIMARY KEY \(workspace_id=\? AND id=\?\)/);
    expect(text).not.toMatch(/SEARCH orders USING PRIMARY KEY \(workspace_id=\?\)\n/);
    expect(text).not.toMatch(/SCAN orders/);
  });

  it.each([
    ["byProfile", ORDER_SQL.byProfile, 10],
    ["facts", ORDER_SQL.facts],
  ] as const)("%s walks the profile index in date order", async (_n, sql, ...rest) => {
    const text = await plan(sql, "ws", "pr", ...rest);
    expect(text).toMatch(/SEARCH orders USING INDEX orders_by_profile \(workspace_id=\? AND profile_id=\?\)/);
    expect(text).not.toContain("USE TEMP B-TREE FOR ORDER BY");
  });
});
