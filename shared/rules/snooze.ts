// Snooze presets (docs/api.md §4 Ticket statuses), computed in the workspace time zone.
import type { SnoozePreset } from "../schemas/common";
import { wallClock, zonedToUtc } from "./zoned-time";

const HOUR = 3600_000;

export function snoozeUntil(preset: SnoozePreset, now: Date, timeZone: string): Date {
  switch (preset) {
    case "later_today":
      return new Date(now.getTime() + 3 * HOUR);
    case "tomorrow":
      return atNineAfterDays(now, 1, timeZone);
    case "next_week":
      return atNineAfterDays(now, 7, timeZone);
  }
}

function atNineAfterDays(now: Date, days: number, timeZone: string): Date {
  const today = wallClock(now, timeZone);
  // Date.UTC normalises day overflow (e.g. Jan 31 + 1) for us.
  const target = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return zonedToUtc(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate(), 9, 0, timeZone);
}
