// Ticket status transitions (open / snoozed / closed) and the activity line each one writes.
import { describe, expect, it } from "vitest";
import { nextStatus, statusActivity, type StatusEvent, type StatusState } from "../../shared/rules/status";

const until = new Date("2026-06-02T09:00:00Z");
const open: StatusState = { status: "open", snoozedUntil: null };
const snoozed: StatusState = { status: "snoozed", snoozedUntil: until };
const closed: StatusState = { status: "closed", snoozedUntil: null };
const later = new Date("2026-06-03T09:00:00Z");

describe("nextStatus", () => {
  it.each([
    // [from, event, to (null = nothing changes)]
    ["open", open, { type: "agent", to: "closed" }, closed],
    ["open", open, { type: "agent", to: "open" }, null],
    ["open", open, { type: "agent", to: "snoozed", until }, snoozed],
    ["snoozed", snoozed, { type: "agent", to: "snoozed", until: later }, { status: "snoozed", snoozedUntil: later }],
    ["snoozed", snoozed, { type: "agent", to: "open" }, open],
    ["snoozed", snoozed, { type: "agent", to: "closed" }, closed],
    ["closed", closed, { type: "agent", to: "closed" }, null],
    ["closed", closed, { type: "agent", to: "open" }, open],
    ["open", open, { type: "customer_message" }, null],
    ["snoozed", snoozed, { type: "customer_message" }, open],
    ["closed", closed, { type: "customer_message" }, open],
    ["snoozed", snoozed, { type: "snooze_expired" }, open],
    ["open", open, { type: "snooze_expired" }, null],
    ["closed", closed, { type: "snooze_expired" }, null],
    ["open", open, { type: "blocked" }, closed],
    ["snoozed", snoozed, { type: "blocked" }, closed],
    ["closed", closed, { type: "blocked" }, null],
  ] as [string, StatusState, StatusEvent, StatusState | null][])("%s + %j", (_from, state, event, expected) => {
    expect(nextStatus(state, event)).toEqual(expected);
  });

  it("refuses a snooze without a time", () => {
    expect(() => nextStatus(open, { type: "agent", to: "snoozed" })).toThrow();
  });
});

describe("statusActivity", () => {
  it.each([
    [snoozed, { type: "agent", to: "snoozed", until }, "Ann", "Snoozed by Ann until 2026-06-02T09:00:00.000Z"],
    [open, { type: "agent", to: "open" }, "Ann", "Opened by Ann"],
    [closed, { type: "agent", to: "closed" }, "Ann", "Closed by Ann"],
    [open, { type: "customer_message" }, null, "Reopened by a new customer message"],
    [open, { type: "snooze_expired" }, null, "Reopened: snooze time reached"],
    [closed, { type: "blocked" }, "Ann", "Closed: profile blocked by Ann"],
    [closed, { type: "agent", to: "closed" }, null, "Closed by Sidedesk"],
  ] as [StatusState, StatusEvent, string | null, string][])("%j after %j", (to, event, actor, text) => {
    const line = statusActivity(to, event, actor);
    expect(line.text).toBe(text);
    expect(line.activity.key).toMatch(/^(snoozed|opened|closed|reopenedByCustomer|reopenedSnoozeEnded|closedBlocked)$/);
  });
});
