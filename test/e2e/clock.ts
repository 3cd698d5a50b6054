// The time the end-to-end tests run at. The worker's dev clock and the browser's clock are set together, so a test
// says which hour it needs (inside or outside the customer's quiet hours) instead of inheriting the wall clock.
// Without SIDEDESK_NOW only the date is taken from the wall clock, never the hour; SIDEDESK_NOW=<ISO time> moves the whole
// run to another day (see README "Tests at any hour").
import type { BrowserContext } from "playwright-core";
import { wallClock, zonedToUtc } from "../../shared/rules/zoned-time";

const RUN_START = process.env.SIDEDESK_NOW ? Date.parse(process.env.SIDEDESK_NOW) : Date.now();
if (Number.isNaN(RUN_START)) throw new Error(`SIDEDESK_NOW is not a date: ${process.env.SIDEDESK_NOW}`);

/** The offset the worker starts with (DEV_CLOCK_OFFSET_MS), so even set-up before any test runs on the run's time. */
export const RUN_OFFSET_MS = RUN_START - Date.now();
let offsetMs = RUN_OFFSET_MS;

/** What the worker's clock reads now (as last set by `setTime`). */
export const testNow = (): number => Date.now() + offsetMs;

/** `hh:mm` on the run's day in `timeZone`. */
export function dayAt(hhmm: string, timeZone: string): Date {
  const day = wallClock(new Date(RUN_START), timeZone);
  const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
  return zonedToUtc(day.year, day.month, day.day, hh, mm, timeZone);
}

/** Sets the worker's dev clock (POST /dev/clock) and, when given, the browser's, to `at`; both then run on from there. */
export async function setTime(base: string, at: Date, context?: BrowserContext): Promise<void> {
  const res = await fetch(`${base}/dev/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ at: at.toISOString() }),
  });
  if (!res.ok) throw new Error(`POST /dev/clock → ${res.status} ${await res.text()}`);
  offsetMs = at.getTime() - Date.now();
  await context?.clock.setSystemTime(at);
}

/** Installs Playwright's clock in a browser context at `at` (before its pages load); time flows on from there. */
export const installBrowserClock = (context: BrowserContext, at: Date) => context.clock.install({ time: at });
