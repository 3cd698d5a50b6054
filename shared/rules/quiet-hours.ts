// Quiet hours (docs/api.md §6.5 Quiet hours): sending before 08:00 or after 20:00 recipient time deserves a warning.
import { formatHhmm } from "./zoned-time";

export interface QuietWindow {
  start: string;
  end: string;
} // e.g. 20:00 → 08:00 (wraps midnight)

export function quietHours(now: Date, timeZone: string, window: QuietWindow = { start: "20:00", end: "08:00" }) {
  const localTime = formatHhmm(now, timeZone);
  const inside = window.start > window.end ? localTime >= window.start || localTime < window.end : localTime >= window.start && localTime < window.end;
  return { timezone: timeZone, localTime, inQuietHours: inside };
}
