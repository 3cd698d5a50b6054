// Web-chat business hours: weekly schedule in the workspace time zone, end exclusive, "00:00" end = midnight, DST-aware.
import { describe, expect, it } from "vitest";
import { isWithinBusinessHours, type WeeklySchedule } from "../../shared/rules/business-hours";

const weekdays9to5: WeeklySchedule = { mon: [{ start: "09:00", end: "17:00" }], tue: [{ start: "09:00", end: "17:00" }] };
const lunchBreak: WeeklySchedule = {
  mon: [
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "18:00" },
  ],
};
const lateFriday: WeeklySchedule = { fri: [{ start: "18:00", end: "00:00" }] };

// 2026-01-05 is a Monday; New York is UTC-5 in January and UTC-4 after 2026-03-08 (DST).
const cases: [string, WeeklySchedule, string, string, boolean][] = [
  ["empty schedule means always open", {}, "2026-01-04T03:00:00Z", "America/New_York", true],
  [
    "days listed without ranges are closed days, not 'always open'",
    { mon: [], tue: [{ start: "09:00", end: "17:00" }] },
    "2026-01-05T15:00:00Z",
    "America/New_York",
    false,
  ],
  ["Monday 10:00 New York is inside", weekdays9to5, "2026-01-05T15:00:00Z", "America/New_York", true],
  ["Monday 08:59 is before opening", weekdays9to5, "2026-01-05T13:59:00Z", "America/New_York", false],
  ["Monday 09:00 opens on the minute", weekdays9to5, "2026-01-05T14:00:00Z", "America/New_York", true],
  ["Monday 16:59 is still open", weekdays9to5, "2026-01-05T21:59:00Z", "America/New_York", true],
  ["Monday 17:00 is closed (end exclusive)", weekdays9to5, "2026-01-05T22:00:00Z", "America/New_York", false],
  ["Wednesday has no hours", weekdays9to5, "2026-01-07T15:00:00Z", "America/New_York", false],
  ["the same instant is Tuesday 00:00 in Tokyo: closed there", weekdays9to5, "2026-01-05T15:00:00Z", "Asia/Tokyo", false],
  [
    "Sunday 23:30 in New York is Monday in UTC, but the schedule follows New York",
    { sun: [{ start: "20:00", end: "00:00" }] },
    "2026-01-05T04:30:00Z",
    "America/New_York",
    true,
  ],
  ["lunch break is closed", lunchBreak, "2026-01-05T17:30:00Z", "America/New_York", false],
  ["afternoon range after lunch is open", lunchBreak, "2026-01-05T18:30:00Z", "America/New_York", true],
  ["end 00:00 runs until midnight", lateFriday, "2026-01-10T04:59:00Z", "America/New_York", true],
  ["after midnight it is Saturday: closed", lateFriday, "2026-01-10T05:01:00Z", "America/New_York", false],
  ["after DST: 09:30 EDT is open (13:30 UTC)", weekdays9to5, "2026-03-09T13:30:00Z", "America/New_York", true],
  ["after DST: 08:30 EDT is closed (12:30 UTC, which was 07:30 EST)", weekdays9to5, "2026-03-09T12:30:00Z", "America/New_York", false],
  ["UTC workspace", weekdays9to5, "2026-01-05T09:00:00Z", "UTC", true],
];

describe("isWithinBusinessHours", () => {
  it.each(cases)("%s", (_name, schedule, at, tz, expected) => {
    expect(isWithinBusinessHours(schedule, new Date(at), tz)).toBe(expected);
  });
});
