// Reports in the panel: human durations, the range presets in the workspace time zone, stale answers, and analysts signing in.
import { describe, expect, it, vi } from "vitest";
import type { Report, ReportQuery } from "../../shared/schemas/report";
import { Api, ApiError } from "../../extension/lib/api";
import { humanDuration } from "../../extension/lib/duration";
import { ReportsStore } from "../../extension/state/reports.svelte";
import { Session } from "../../extension/state/session.svelte";

describe("humanDuration", () => {
  it.each([
    [null, "—"],
    [undefined, "—"],
    [-5, "—"],
    [0, "0s"],
    [44.6, "45s"],
    [59, "59s"],
    [60, "1m"],
    [89, "1m"],
    [90, "2m"],
    [3599, "1h"],
    [3600, "1h"],
    [8100, "2h 15m"],
    [86_399, "1d"],
    [86_400, "1d"],
    [97_200, "1d 3h"],
    [13 * 86_400, "13d"],
  ])("%s s → %s", (s, text) => expect(humanDuration(s)).toBe(text));
});

const report = (from: string, to: string): Report => ({
  compensation: { totals: [], byAgent: [], byReason: [] },
  sla: { totals: { response: { achieved: 0, breached: 0 }, resolution: { achieved: 0, breached: 0 } }, byChannel: [], byAgent: [], byPolicy: [] },
  csat: { totals: { sent: 0, answered: 0, satisfied: 0 }, byAgent: [], byChannel: [], byTag: [], comments: [] },
  range: { from, to, timezone: "America/New_York", channel: null },
  totals: { created: 3, resolved: 1, openNow: 2, medianFirstResponseSeconds: 600, p90FirstResponseSeconds: 900, medianResolutionSeconds: 3600 },
  volume: [],
  byChannel: [],
  byAgent: [],
  byTag: [],
});

function store(reportImpl: (q: ReportQuery) => Promise<Report>) {
  const api = { report: vi.fn(reportImpl) };
  // 03:30 UTC on 10 March is still 9 March in New York
  const s = new ReportsStore({
    api: () => ({}) as Api,
    fetch: (_api, q) => api.report(q),
    timezone: () => "America/New_York",
    now: () => new Date("2026-03-10T03:30:00Z"),
  });
  return { s, api };
}

describe("ReportsStore", () => {
  it("presets are the last N days including today, in the workspace time zone", async () => {
    const { s, api } = store(async (q) => report(q.from!, q.to!));
    await s.setPreset(7);
    expect(api.report).toHaveBeenLastCalledWith({ from: "2026-03-03", to: "2026-03-09" });
    await s.setPreset(90);
    expect(api.report).toHaveBeenLastCalledWith({ from: "2025-12-10", to: "2026-03-09" });
    await s.setChannel("sms");
    expect(api.report).toHaveBeenLastCalledWith({ from: "2025-12-10", to: "2026-03-09", channel: "sms" });
    expect(s.report?.totals.created).toBe(3);
    expect(s.loading).toBe(false);
  });

  it("reset() (sign-out) forgets the report and the range, and drops an answer still on its way", async () => {
    let resolve: (r: Report) => void = () => undefined;
    const { s } = store(
      () =>
        new Promise<Report>((r) => {
          resolve = r;
        }),
    );
    const pending = s.setPreset(7);
    s.reset();
    resolve(report("2026-03-03", "2026-03-09"));
    await pending;
    expect(s.report).toBeNull();
    expect([s.preset, s.from, s.to, s.channel]).toEqual([30, "", "", ""]);
  });

  it("load() with nothing chosen yet asks for the last 30 days", async () => {
    const { s, api } = store(async (q) => report(q.from!, q.to!));
    await s.load();
    expect(api.report).toHaveBeenCalledWith({ from: "2026-02-08", to: "2026-03-09" });
  });

  it("custom ranges are checked before asking the worker", async () => {
    const { s, api } = store(async (q) => report(q.from!, q.to!));
    await s.setRange("2026-03-05", "2026-03-01");
    expect(s.error).toMatch(/after/);
    await s.setRange("2024-01-01", "2026-03-01");
    expect(s.error).toMatch(/366/);
    expect(api.report).not.toHaveBeenCalled();
    await s.setRange("2026-03-01", "2026-03-05");
    expect(s.preset).toBe("custom");
    expect(s.error).toBeNull();
    expect(api.report).toHaveBeenCalledWith({ from: "2026-03-01", to: "2026-03-05" });
  });

  it("a slow older answer never replaces a newer one; a failure is shown as a sentence", async () => {
    const resolvers: ((r: Report) => void)[] = [];
    const { s } = store((q) => new Promise<Report>((resolve) => resolvers.push(() => resolve(report(q.from!, q.to!)))));
    const first = s.setPreset(7);
    const second = s.setPreset(30);
    resolvers[1]!(report("", ""));
    await second;
    resolvers[0]!(report("", ""));
    await first;
    expect(s.report?.range.from).toBe("2026-02-08");

    const failing = store(async () => {
      throw new ApiError("forbidden", 403, "forbidden", "Only owner, admin, manager or analyst may see reports.");
    });
    await failing.s.setPreset(7);
    expect(failing.s.error).toMatch(/may see reports/);
    expect(failing.s.report).toBeNull();
  });
});

describe("Session", () => {
  it("lets an analyst sign in to a reports-only panel", async () => {
    const me = {
      agent: { id: "ag_a", workspaceId: "ws_1", name: "Ana", email: "a@x.test", role: "analyst", operator: false, createdAt: "2026-01-01T00:00:00.000Z" },
      workspace: { id: "ws_1", name: "Shop", timezone: "UTC", createdAt: "2026-01-01T00:00:00.000Z" },
    };
    const fetchImpl = vi.fn(async (url: string) =>
      url.endsWith("/api/me") ? Response.json(me) : Response.json({ error: { code: "forbidden", message: "no" } }, { status: 403 }),
    );
    const session = new Session((b, t) => new Api(b, t, fetchImpl));
    await session.signIn("http://127.0.0.1:8787", "tok");
    expect(session.phase).toBe("ready");
    expect(session.canUseInbox).toBe(false);
    expect(session.canSeeReports).toBe(true);
    expect(fetchImpl.mock.calls.map((c) => c[0])).toEqual(["http://127.0.0.1:8787/api/me"]); // no inbox calls (agents list) for an analyst
  });
});
