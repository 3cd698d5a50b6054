// Runs an async refresh at most once per `delayMs`, never two at a time: calls during the wait or while it runs fold
// into one more run afterwards. Used for counts, which every ticket change invites the panel and badge to re-fetch.
export interface Coalesced {
  (): void;
  /** Resolves once nothing is scheduled or running (tests, shutdown). */
  idle(): Promise<void>;
}

export function coalesce(run: () => Promise<unknown>, delayMs: number, timers: Pick<typeof globalThis, "setTimeout"> = globalThis): Coalesced {
  let scheduled = false;
  let running: Promise<void> | null = null;
  let again = false;

  const start = () => {
    scheduled = true;
    timers.setTimeout(() => {
      scheduled = false;
      running = run().then(() => undefined, () => undefined).finally(() => {
        running = null;
        if (again) {
          again = false;
          start();
        }
      });
    }, delayMs);
  };

  const trigger = (() => {
    if (scheduled || running) again = again || Boolean(running);
    else start();
  }) as Coalesced;
  trigger.idle = async () => {
    while (scheduled || running) await (running ?? new Promise((r) => setTimeout(r, delayMs)));
  };
  return trigger;
}
