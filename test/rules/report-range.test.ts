// Report ranges in the workspace time zone, day lookup and percentiles: table-driven.
import { describe, expect, it } from "vitest";
import { dayIndex, percentile, resolveRange } from "../../shared/rules/report-range";

describe("resolveRange", () => {
  const now = new Date("2026-03-10T03:30:00Z"); // still 9 March in New York
  it.each([
    [{}, "UTC", "2026-02-09", "2026-03-10", 30],
    [{}, "America/New_York", "2026-02-08", "2026-03-09", 30],
    [{ to: "2026-03-01" }, "UTC", "2026-01-31", "2026-03-01", 30],
    [{ from: "2026-03-01", to: "2026-03-01" }, "UTC", "2026-03-01", "2026-03-01", 1],
    [{ from: "2025-03-01", to: "2026-03-01" }, "UTC", "2025-03-01", "2026-03-01", 366],
  ])("%j in %s → %s … %s (%i days)", (q, tz, from, to, days) => {
    const r = resolveRange(q, tz, now, 366);
    expect(r).toMatchObject({ from, to });
    if ("dates" in r) {
      expect(r.dates).toHaveLength(days);
      expect(r.bounds).toHaveLength(days + 1);
    }
  });

  it.each([
    [{ from: "2026-03-02", to: "2026-03-01" }, /after/],
    [{ from: "2025-03-01", to: "2026-03-02" }, /366/],
  ])("refuses %j", (q, message) => {
    const r = resolveRange(q, "UTC", now, 366);
    expect("error" in r && r.error).toMatch(message);
  });

  it("day bounds are local midnights, 23 hours apart across a DST start", () => {
    const r = resolveRange({ from: "2026-03-07", to: "2026-03-09" }, "America/New_York", now, 366);
    if ("error" in r) throw new Error(r.error);
    expect(r.bounds.map((b) => new Date(b).toISOString())).toEqual([
      "2026-03-07T05:00:00.000Z",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
      "2026-03-10T04:00:00.000Z",
    ]);
    expect(dayIndex(r.bounds, Date.parse("2026-03-10T03:30:00Z"))).toBe(2);
    expect(dayIndex(r.bounds, Date.parse("2026-03-07T04:59:59Z"))).toBe(-1);
    expect(dayIndex(r.bounds, Date.parse("2026-03-07T05:00:00Z"))).toBe(0);
    expect(dayIndex(r.bounds, Date.parse("2026-03-10T04:00:00Z"))).toBe(-1);
  });
});

describe("percentile", () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[600, 1200, 1800], 0.9, 1680],
    [[5, 5, 5], 0.9, 5],
  ])("%j at %d → %s", (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});
