// Report date ranges in the workspace time zone: defaults, limits, and the day each instant falls on.
import { wallClock, zonedToUtc } from "./zoned-time";

export interface ReportRange {
  from: string;
  to: string;
  /** Local midnight of each day from `from` to `to`, plus the midnight after `to` (so days.length = dayCount + 1). */
  bounds: number[];
  dates: string[];
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const parts = (date: string) => date.split("-").map(Number) as [number, number, number];

/** Today's date in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return iso(w.year, w.month, w.day);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(y, m, d + days);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The range asked for: both ends inclusive; a missing end is today, a missing start 29 days before the end (30 days). */
export function resolveRange(q: { from?: string; to?: string }, timeZone: string, now: Date, maxDays: number): ReportRange | { error: string } {
  const to = q.to ?? localDate(now, timeZone);
  const from = q.from ?? addDays(to, -29);
  const count = daysBetween(from, to) + 1;
  if (count < 1) return { error: "`from` must not be after `to`." };
  if (count > maxDays) return { error: `A report covers at most ${maxDays} days.` };
  const dates = Array.from({ length: count }, (_, i) => addDays(from, i));
  const bounds = [...dates, addDays(to, 1)].map((d) => {
    const [y, m, day] = parts(d);
    return zonedToUtc(y, m, day, 0, 0, timeZone).getTime();
  });
  return { from, to, bounds, dates };
}

/** Index of the day containing `at`, or -1 outside the range (binary search over the day bounds). */
export function dayIndex(bounds: readonly number[], at: number): number {
  if (bounds.length < 2 || at < bounds[0]! || at >= bounds[bounds.length - 1]!) return -1;
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Percentile by linear interpolation between closest ranks (the median of [1, 2, 3, 4] is 2.5); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
