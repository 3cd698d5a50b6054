// Quiet hours: the recipient's local time and whether a send now falls outside 08:00–20:00.
import { describe, expect, it } from "vitest";
import { quietHours } from "../../shared/rules/quiet-hours";

describe("quietHours (default 20:00 → 08:00)", () => {
  it.each([
    // [instant (UTC), time zone, local time, quiet?]
    ["2026-06-15T11:59:00Z", "America/New_York", "07:59", true],
    ["2026-06-15T12:00:00Z", "America/New_York", "08:00", false],
    ["2026-06-15T16:30:00Z", "America/New_York", "12:30", false],
    ["2026-06-15T23:59:00Z", "America/New_York", "19:59", false],
    ["2026-06-16T00:00:00Z", "America/New_York", "20:00", true],
    ["2026-06-16T03:30:00Z", "America/New_York", "23:30", true],
    ["2026-06-16T04:00:00Z", "America/New_York", "00:00", true],
    ["2026-01-15T12:59:00Z", "America/New_York", "07:59", true], // winter: UTC-5
    ["2026-01-15T13:00:00Z", "America/New_York", "08:00", false],
    ["2026-06-15T12:00:00Z", "Asia/Tokyo", "21:00", true],
    ["2026-06-15T12:00:00Z", "Asia/Kolkata", "17:30", false],
    ["2026-06-15T12:00:00Z", "UTC", "12:00", false],
  ] as const)("%s in %s is %s local (quiet: %s)", (at, tz, local, quiet) => {
    expect(quietHours(new Date(at), tz)).toEqual({ timezone: tz, localTime: local, inQuietHours: quiet });
  });

  it("the same instant is quiet for one recipient and fine for another", () => {
    const at = new Date("2026-06-15T14:00:00Z");
    expect(quietHours(at, "Europe/Paris").inQuietHours).toBe(false); // 16:00
    expect(quietHours(at, "America/Los_Angeles")).toMatchObject({ localTime: "07:00", inQuietHours: true });
  });
});

describe("quietHours with a custom window", () => {
  it.each([
    [{ start: "22:00", end: "07:00" }, "21:59", false],
    [{ start: "22:00", end: "07:00" }, "22:00", true],
    [{ start: "22:00", end: "07:00" }, "06:59", true],
    [{ start: "22:00", end: "07:00" }, "07:00", false],
    // A window that does not wrap midnight (e.g. a lunch break).
    [{ start: "12:00", end: "13:30" }, "11:59", false],
    [{ start: "12:00", end: "13:30" }, "12:00", true],
    [{ start: "12:00", end: "13:30" }, "13:29", true],
    [{ start: "12:00", end: "13:30" }, "13:30", false],
  ] as const)("%j at %s → quiet %s", (window, local, quiet) => {
    const [h, m] = local.split(":").map(Number);
    const at = new Date(Date.UTC(2026, 5, 15, h, m));
    expect(quietHours(at, "UTC", window)).toEqual({ timezone: "UTC", localTime: local, inQuietHours: quiet });
  });
});
