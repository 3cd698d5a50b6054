// Snooze presets computed in the workspace time zone, across DST changes, month and year ends.
import { describe, expect, it } from "vitest";
import { snoozeUntil } from "../../shared/rules/snooze";
import { formatHhmm, wallClock, zonedToUtc } from "../../shared/rules/zoned-time";

describe("snoozeUntil", () => {
  it.each([
    // [preset, now (UTC), time zone, expected (UTC)]
    ["later_today", "2026-05-10T14:20:00Z", "America/New_York", "2026-05-10T17:20:00Z"],
    ["later_today", "2026-05-10T22:30:00Z", "Europe/Paris", "2026-05-11T01:30:00Z"],
    ["tomorrow", "2026-05-10T14:20:00Z", "America/New_York", "2026-05-11T13:00:00Z"], // 09:00 EDT
    ["tomorrow", "2026-01-10T14:20:00Z", "America/New_York", "2026-01-11T14:00:00Z"], // 09:00 EST
    ["tomorrow", "2026-05-10T14:20:00Z", "UTC", "2026-05-11T09:00:00Z"],
    // 23:30 UTC is already the next day in Tokyo: tomorrow is the day after that, at 09:00 JST.
    ["tomorrow", "2026-01-15T23:30:00Z", "Asia/Tokyo", "2026-01-17T00:00:00Z"],
    // 02:00 UTC is still the previous evening in New York.
    ["tomorrow", "2026-07-01T02:00:00Z", "America/New_York", "2026-07-01T13:00:00Z"],
    // DST starts in New York on 2026-03-08: the evening before is EST, 09:00 the next day is EDT.
    ["tomorrow", "2026-03-08T01:00:00Z", "America/New_York", "2026-03-08T13:00:00Z"],
    // DST ends in Europe on 2026-10-25: 09:00 CET, not CEST.
    ["tomorrow", "2026-10-24T18:00:00Z", "Europe/Paris", "2026-10-25T08:00:00Z"],
    ["next_week", "2026-03-05T15:00:00Z", "America/New_York", "2026-03-12T13:00:00Z"], // a week later, across the DST change
    // Month and year ends.
    ["tomorrow", "2026-01-31T15:00:00Z", "Europe/Paris", "2026-02-01T08:00:00Z"],
    ["tomorrow", "2026-12-31T15:00:00Z", "UTC", "2027-01-01T09:00:00Z"],
    ["tomorrow", "2028-02-28T12:00:00Z", "UTC", "2028-02-29T09:00:00Z"], // leap day
    ["next_week", "2026-04-27T12:00:00Z", "Europe/Paris", "2026-05-04T07:00:00Z"],
    ["next_week", "2026-12-28T12:00:00Z", "UTC", "2027-01-04T09:00:00Z"],
  ] as const)("%s from %s in %s → %s", (preset, now, tz, expected) => {
    expect(snoozeUntil(preset, new Date(now), tz).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("tomorrow and next week always land at 09:00 local time, after now", () => {
    for (const tz of ["America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", "Pacific/Auckland"]) {
      for (let day = 0; day < 365; day += 13) {
        const now = new Date(Date.UTC(2026, 0, 1, 7, 45) + day * 86_400_000);
        for (const preset of ["tomorrow", "next_week"] as const) {
          const until = snoozeUntil(preset, now, tz);
          expect(formatHhmm(until, tz)).toBe("09:00");
          expect(until.getTime()).toBeGreaterThan(now.getTime());
        }
      }
    }
  });
});

describe("zonedToUtc", () => {
  it("finds the instant a wall clock shows in a zone, summer and winter", () => {
    expect(zonedToUtc(2026, 7, 4, 9, 0, "America/Los_Angeles").toISOString()).toBe("2026-07-04T16:00:00.000Z");
    expect(zonedToUtc(2026, 12, 4, 9, 0, "America/Los_Angeles").toISOString()).toBe("2026-12-04T17:00:00.000Z");
    expect(zonedToUtc(2026, 6, 1, 9, 30, "Asia/Kolkata").toISOString()).toBe("2026-06-01T04:00:00.000Z");
  });

  it("wallClock reads midnight as 00, not 24", () => {
    expect(wallClock(new Date("2026-05-10T04:00:00Z"), "America/New_York")).toMatchObject({ day: 10, hour: 0, minute: 0 });
  });
});
