// The realtime socket: backoff with jitter and a cap, catch-up on reconnect, heartbeats, and stopping for good.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, RealtimeSocket } from "../../extension/lib/realtime";

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    this.closed = true;
  }
  hello() {
    this.readyState = 1;
    this.onmessage?.({ data: JSON.stringify({ type: "hello", agentId: "ag_1", online: [], operators: [] }) });
  }
  frame(f: unknown) {
    this.onmessage?.({ data: typeof f === "string" ? f : JSON.stringify(f) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

function make(extra: Partial<ConstructorParameters<typeof RealtimeSocket>[0]> = {}) {
  const events: string[] = [];
  const connected: boolean[] = [];
  const statuses: string[] = [];
  const rt = new RealtimeSocket({
    url: () => "wss://desk.example/api/realtime?token=t",
    createSocket: (u) => new FakeSocket(u),
    random: () => 1,
    onEvent: (e) => events.push(e.type),
    onConnected: (r) => connected.push(r),
    onStatus: (s) => statuses.push(s),
    ...extra,
  });
  return { rt, events, connected, statuses };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("backoffDelay", () => {
  it("doubles from the base, is capped, and jitters between 50 and 100 %", () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, 1000, 30_000, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffDelay(10, 1000, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(3, 1000, 30_000, () => 0)).toBe(4000);
  });
});

describe("RealtimeSocket", () => {
  it("connects, reports live on hello, and passes valid frames on (ignoring junk)", () => {
    const { rt, events, connected, statuses } = make();
    rt.start();
    last().hello();
    last().frame({ type: "counts.changed" });
    last().frame("not json");
    last().frame({ type: "mystery" });
    expect(events).toEqual(["hello", "counts.changed"]);
    expect(connected).toEqual([false]);
    expect(statuses).toEqual(["connecting", "live"]);
  });

  it("reconnects with growing delays and asks for a catch-up once back", () => {
    const { rt, connected, statuses } = make();
    rt.start();
    last().hello();
    last().drop();
    expect(statuses.at(-1)).toBe("reconnecting");
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop(); // failed attempt: next wait is 2 s
    vi.advanceTimersByTime(1999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    last().hello();
    expect(connected).toEqual([false, true]);
    // The backoff starts over after a good connection.
    last().drop();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it("reconnects at once when nudged (browser back online) instead of waiting out the backoff", () => {
    const { rt } = make({ baseDelayMs: 60_000 });
    rt.start();
    last().hello();
    rt.wentOffline();
    expect(rt.status).toBe("offline");
    expect(FakeSocket.all[0]!.closed).toBe(true);
    rt.nudge();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("pings, and treats a silent socket as dead (sleep, network change)", () => {
    const { rt } = make({ heartbeatMs: 1000 });
    rt.start();
    last().hello();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all[0]!.sent).toContain(JSON.stringify({ type: "ping" }));
    vi.advanceTimersByTime(2000); // no frames for two intervals
    expect(FakeSocket.all[0]!.closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("stays down after stop", () => {
    const { rt, statuses } = make();
    rt.start();
    last().hello();
    rt.stop();
    vi.advanceTimersByTime(120_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(statuses.at(-1)).toBe("stopped");
  });
});
