// SLA targets: the policy that applies, due times counted in business hours across nights, weekends and daylight
// saving, and how response and resolution targets start, end and breach as a ticket changes.
import { describe, expect, it } from "vitest";
import { addWorkingMinutes, nextDue, pickPolicy, reconcileSla, type SlaFacts } from "../../shared/rules/sla";
import { SlaPolicy, SlaSettings } from "../../shared/schemas/sla";

const NY = "America/New_York";
const WEEKDAYS = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ start: "09:00", end: "17:00" }]]));
const iso = (ms: number) => new Date(ms).toISOString();
const policy = (p: Record<string, unknown>) => SlaPolicy.parse(p);

describe("business minutes", () => {
  it.each([
    ["inside the day", "2027-01-13T15:00:00Z", 30, "2027-01-13T15:30:00.000Z"], // Wed 10:00 → 10:30 New York
    ["across the evening", "2027-01-13T21:50:00Z", 15, "2027-01-14T14:05:00.000Z"], // Wed 16:50 → Thu 09:05
    ["across the weekend", "2027-01-15T21:50:00Z", 15, "2027-01-18T14:05:00.000Z"], // Fri 16:50 → Mon 09:05
    ["from a Saturday", "2027-01-16T15:00:00Z", 60, "2027-01-18T15:00:00.000Z"], // Sat → Mon 10:00
    ["a whole working day", "2027-01-13T14:00:00Z", 480, "2027-01-13T22:00:00.000Z"], // Wed 09:00 → 17:00
    ["over daylight saving", "2027-03-12T21:30:00Z", 60, "2027-03-15T13:30:00.000Z"], // Fri 16:30 EST → Mon 09:30 EDT
  ])("%s", (_what, start, minutes, due) => {
    expect(iso(addWorkingMinutes(Date.parse(start), minutes, WEEKDAYS, NY))).toBe(due);
  });

  it("counts calendar time without a schedule", () => {
    expect(addWorkingMinutes(0, 90, null, NY)).toBe(90 * 60_000);
    expect(addWorkingMinutes(0, 90, {}, NY)).toBe(90 * 60_000);
  });
});

describe("which policy", () => {
  const policies = [
    policy({ name: "VIP", tags: ["vip"], firstResponseMinutes: 5 }),
    policy({ name: "Chat", channels: ["webchat"], firstResponseMinutes: 2 }),
    policy({ name: "Everyone", firstResponseMinutes: 240 }),
  ];
  it("is the first that fits: tags (with sub-tags), then channel, then the catch-all", () => {
    expect(pickPolicy(policies, "email", ["vip/gold"])?.name).toBe("VIP");
    expect(pickPolicy(policies, "webchat", [])?.name).toBe("Chat");
    expect(pickPolicy(policies, "sms", ["shipping"])?.name).toBe("Everyone");
    expect(pickPolicy(policies.slice(0, 2), "sms", [])).toBeNull();
  });

  it("needs a target and a unique name", () => {
    expect(SlaPolicy.safeParse({ name: "Nothing" }).success).toBe(false);
    expect(
      SlaSettings.safeParse({
        policies: [
          { name: "A", firstResponseMinutes: 5 },
          { name: "a", resolutionMinutes: 5 },
        ],
      }).success,
    ).toBe(false);
  });
});

describe("targets over a ticket's life", () => {
  const sms = policy({ name: "SMS", channels: ["sms"], firstResponseMinutes: 15, resolutionMinutes: 24 * 60 });
  const calendar = (start: number, minutes: number) => start + minutes * 60_000;
  const base: SlaFacts = { channel: "sms", tags: [], status: "open", periodStartedAt: 0, waitingSince: 0, lastAgentReplyAt: null, closedAt: null };
  const step = (prev: ReturnType<typeof reconcileSla>["sla"], f: Partial<SlaFacts>, now: number) => reconcileSla(prev, { ...base, ...f }, [sms], calendar, now);

  it("a reply in time achieves the response target; the next wait starts the next one; closing resolves", () => {
    const opened = step(null, {}, 0);
    expect(opened.sla?.response).toEqual({ startedAt: 0, dueAt: 15 * 60_000, breachedAt: null });
    expect(nextDue(opened.sla)).toEqual({ target: "response", dueAt: 15 * 60_000, breached: false });
    const replied = step(opened.sla, { waitingSince: null, lastAgentReplyAt: 10 * 60_000 }, 10 * 60_000);
    expect(replied.finished).toEqual([{ kind: "response", policy: "SMS", startedAt: 0, dueAt: 15 * 60_000, doneAt: 10 * 60_000, breached: false }]);
    expect(replied.sla?.response).toBeNull();
    expect(nextDue(replied.sla)?.target).toBe("resolution");
    const again = step(replied.sla, { waitingSince: 20 * 60_000, lastAgentReplyAt: 10 * 60_000 }, 20 * 60_000);
    expect(again.sla?.response?.dueAt).toBe(35 * 60_000);
    const late = step(again.sla, { waitingSince: null, lastAgentReplyAt: 50 * 60_000 }, 50 * 60_000);
    expect(late.finished[0]).toMatchObject({ kind: "response", breached: true });
    const closed = step(late.sla, { status: "closed", waitingSince: null, lastAgentReplyAt: 50 * 60_000, closedAt: 60 * 60_000 }, 60 * 60_000);
    expect(closed.finished).toEqual([{ kind: "resolution", policy: "SMS", startedAt: 0, dueAt: 24 * 3_600_000, doneAt: 60 * 60_000, breached: false }]);
    expect(closed.sla).toBeNull();
    expect(step(closed.sla, { status: "closed", waitingSince: null, closedAt: 60 * 60_000 }, 61 * 60_000)).toEqual({ sla: null, finished: [] });
  });

  it("closing without an answer drops the response target; a reopen starts a new period", () => {
    const opened = step(null, {}, 0);
    const closed = step(opened.sla, { status: "closed", waitingSince: null, closedAt: 5 * 60_000 }, 5 * 60_000);
    expect(closed.finished.map((f) => f.kind)).toEqual(["resolution"]);
    const reopened = step(closed.sla, { periodStartedAt: 9 * 60_000, waitingSince: 9 * 60_000 }, 9 * 60_000);
    expect(reopened.sla).toMatchObject({ period: 9 * 60_000, response: { startedAt: 9 * 60_000 }, resolution: { startedAt: 9 * 60_000 } });
  });

  it("a target already past its due time when it starts is breached at once", () => {
    expect(step(null, {}, 20 * 60_000).sla?.response?.breachedAt).toBe(15 * 60_000);
  });
});
