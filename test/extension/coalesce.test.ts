// coalesce(): bursts of counts.changed frames become few requests, never two in flight, and the last change is never missed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "../../extension/lib/coalesce";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function slowRequest(ms: number) {
  let inFlight = 0;
  const log = { calls: 0, maxInFlight: 0 };
  const run = async () => {
    log.calls += 1;
    inFlight += 1;
    log.maxInFlight = Math.max(log.maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight -= 1;
  };
  return { run, log };
}

describe("coalesce", () => {
  it("folds a burst into one request after the delay", async () => {
    const { run, log } = slowRequest(50);
    const soon = coalesce(run, 1000);
    for (let i = 0; i < 100; i++) soon();
    expect(log.calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(log.calls).toBe(1);
  });

  it("never stacks requests: frames during a slow request make exactly one more, afterwards", async () => {
    const { run, log } = slowRequest(3000);
    const soon = coalesce(run, 1000);
    soon();
    await vi.advanceTimersByTimeAsync(1500); // the first request is in flight
    for (let i = 0; i < 20; i++) soon();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(log).toEqual({ calls: 2, maxInFlight: 1 });
  });

  it("keeps to about one request per delay under a steady stream of frames", async () => {
    const { run, log } = slowRequest(10);
    const soon = coalesce(run, 1000);
    for (let t = 0; t < 10_000; t += 50) {
      soon();
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(3000);
    expect(log.calls).toBeGreaterThanOrEqual(9);
    expect(log.calls).toBeLessThanOrEqual(11);
    expect(log.maxInFlight).toBe(1);
  });
});
