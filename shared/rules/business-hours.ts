// Web-chat business hours: a weekly schedule in the workspace time zone (docs/api.md §7.2 Welcome message and business hours).
import { wallClock } from "./zoned-time";

export type WeeklySchedule = Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", { start: string; end: string }[]>>;

/** An empty schedule means "always open": a shop that set no hours has not said it is closed. */
export function isWithinBusinessHours(schedule: WeeklySchedule, now: Date, timeZone: string): boolean {
  const days = Object.values(schedule);
  if (days.every((ranges) => !ranges || ranges.length === 0)) return true;
  const w = wallClock(now, timeZone);
  const hhmm = `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
  const ranges = schedule[w.weekday as keyof WeeklySchedule] ?? [];
  // "end" of 00:00 means until midnight.
  return ranges.some((r) => hhmm >= r.start && (r.end === "00:00" || hhmm < r.end));
}
