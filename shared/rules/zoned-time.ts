// Wall-clock arithmetic in an IANA time zone using only Intl (no tz database of our own).

/** The wall-clock parts of `at` in `timeZone`. */
export function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    weekday: "short",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    second: Number(get("second")),
    weekday: get("weekday").toLowerCase().slice(0, 3),
  };
}

/** Offset of `timeZone` from UTC at instant `at`, in minutes. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which the wall clock in `timeZone` reads the given date and time. */
export function zonedToUtc(y: number, m: number, d: number, hh: number, mm: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(y, m - 1, d, hh, mm));
  // Two passes settle DST edges: the offset at the guess may differ from the offset at the answer.
  let at = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60000);
  at = new Date(guess.getTime() - offsetMinutes(at, timeZone) * 60000);
  return at;
}

/** "14:05" in `timeZone`. */
export function formatHhmm(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}
