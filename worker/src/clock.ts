// The one clock the worker reads ("Time is injected", ARCHITECTURE.md). Deployed, it is the wall clock. Outside
// production it can be shifted — by the DEV_CLOCK_OFFSET_MS variable at start, or POST /dev/clock while running — so
// tests choose the hour they depend on (quiet hours, business hours, snooze presets, reports) instead of inheriting it.
import type { Env } from "./env";

let offsetMs = 0;
let initialised = false;

/** Reads DEV_CLOCK_OFFSET_MS once per isolate, in development and tests only. Called by every entry point before work. */
export function initClock(env: Pick<Env, "ENVIRONMENT" | "DEV_CLOCK_OFFSET_MS">) {
  if (initialised) return;
  initialised = true;
  if (env.ENVIRONMENT !== "development" && env.ENVIRONMENT !== "test") return;
  const offset = Number(env.DEV_CLOCK_OFFSET_MS ?? 0);
  if (Number.isFinite(offset)) offsetMs = offset;
}

/** Now, in epoch milliseconds. */
export const now = (): number => Date.now() + offsetMs;
export const nowDate = (): Date => new Date(now());

/** Wall-clock time at which something due at clock time `at` falls (what a Durable Object alarm is armed with). */
export const wallTime = (at: number): number => at - offsetMs;

/** Clock time of a wall-clock instant the runtime reports (e.g. a WebSocket's last auto-response). */
export const fromWallTime = (wall: number): number => wall + offsetMs;

/** Moves the clock so that it reads `at` now (development and tests only; the caller checks the environment). */
export function setClock(at: number): number {
  initialised = true;
  offsetMs = at - Date.now();
  return offsetMs;
}

export const clockOffset = (): number => offsetMs;
export function setClockOffset(ms: number) {
  initialised = true;
  offsetMs = ms;
}
