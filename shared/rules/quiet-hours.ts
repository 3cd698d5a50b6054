// Quiet hours (docs/api.md §6.5 Quiet hours): sending before 08:00 or after 20:00 recipient time deserves a warning.
import { formatHhmm, wallClock, zonedToUtc } from "./zoned-time";

export interface QuietWindow {
  start: string;
  end: string;
} // e.g. 20:00 → 08:00 (wraps midnight)

export function quietHours(now: Date, timeZone: string, window: QuietWindow = { start: "20:00", end: "08:00" }) {
  const localTime = formatHhmm(now, timeZone);
  const inside = window.start > window.end ? localTime >= window.start || localTime < window.end : localTime >= window.start && localTime < window.end;
  return { timezone: timeZone, localTime, inQuietHours: inside };
}

/** When quiet hours end, if `now` is inside them (an automatic SMS waits until then); null outside them. */
export function quietHoursEnd(now: Date, timeZone: string, window: QuietWindow = { start: "20:00", end: "08:00" }): Date | null {
  if (!quietHours(now, timeZone, window).inQuietHours) return null;
  const [hh, mm] = window.end.split(":").map(Number) as [number, number];
  for (const dayAhead of [0, 1]) {
    const day = wallClock(new Date(now.getTime() + dayAhead * 86_400_000), timeZone);
    const end = zonedToUtc(day.year, day.month, day.day, hh, mm, timeZone);
    if (end.getTime() > now.getTime()) return end;
  }
  return null;
}
