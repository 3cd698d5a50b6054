// After each change: send what is queued, project to D1, publish to the inbox, re-arm the alarm.
// Runs are serialized, and anything that fails stays behind as a timer that the alarm retries.
import * as clock from "../clock";
import type { Env } from "../env";
import type { TicketStore } from "./ticket-store";
import { syncTicket } from "./ticket-sync";
import { SYNC_RETRY_MS, SYNC_TIMER } from "./ticket-writer";
import { TimerRegistry } from "./ticket-timers";

export class TicketFlusher {
  private running: Promise<void> = Promise.resolve();
  /** Every kind of timer but the flusher's own `sync` (the projection retry below). */
  readonly timers = new TimerRegistry();

  constructor(
    private readonly env: Env,
    private readonly ctx: DurableObjectState,
    private readonly store: TicketStore,
    private readonly db: (workspaceId: string) => D1Database,
  ) {}

  flush(): Promise<void> {
    this.running = this.running.then(() => this.run()).catch((err) => console.error("ticket flush failed", err));
    return this.running;
  }

  /** Resolves once any run in progress has finished. */
  settled(): Promise<void> {
    return this.running;
  }

  /**
   * For callers that answer right after a commit: arms the alarm at the earliest timer (the commit's `sync`, a send due
   * now) before the answer goes out, then starts the run without waiting. If the isolate dies first, the alarm runs it.
   */
  async afterCommit(): Promise<void> {
    await this.arm();
    void this.flush();
  }

  private async run() {
    // A timer may queue another that is due at once (an inbound SMS queues its auto-reply's send): run those in the
    // same pass, so one projection and one publish cover them all. Each timer runs at most once per run.
    const ran = new Set<string>([SYNC_TIMER]); // the sync timer's work is the projection below
    for (let due = this.due(ran); due.length > 0; due = this.due(ran)) {
      for (const timer of due) await this.runTimer(timer, ran);
    }
    const state = this.store.state();
    if (state?.opened && (state.projectedVersion < state.version || this.store.pendingEvents().length > 0)) {
      try {
        await syncTicket(this.db(state.workspaceId), this.env, this.store);
        this.store.clearTimer(SYNC_TIMER);
      } catch (err) {
        console.warn(`projection of ticket ${state.ticketId} failed; the alarm will retry`, err instanceof Error ? err.message : err);
        this.store.setTimer(SYNC_TIMER, clock.now() + SYNC_RETRY_MS);
      }
    } else {
      this.store.clearTimer(SYNC_TIMER);
    }
    await this.arm();
  }

  private due(ran: Set<string>) {
    return this.store.dueTimers(clock.now()).filter((t) => !ran.has(t.key));
  }

  private async runTimer(timer: { key: string; payload: unknown }, ran: Set<string>) {
    ran.add(timer.key);
    try {
      const outcome = await this.timers.run(timer.key, timer.payload);
      if (outcome !== "ran") {
        console.warn(`timer ${timer.key}: ${outcome === "unknown" ? "no such kind" : "payload does not parse"}; dropped`);
        this.store.clearTimer(timer.key);
      }
    } catch (err) {
      console.error(`timer ${timer.key} failed; retrying in a minute`, err);
      this.store.setTimer(timer.key, clock.now() + 60_000, timer.payload);
    }
  }

  /**
   * One alarm, always at the earliest timer. Timers are kept in clock time and alarms fire on the wall clock, hence
   * `wallTime`. (`setAlarm(now)` inside alarm() is dropped locally, hence +1.)
   */
  async arm() {
    const next = this.store.earliestTimer();
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(clock.wallTime(next), Date.now() + 1));
  }
}
