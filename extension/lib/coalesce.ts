// Runs an async refresh at most once per `delayMs`, never two at a time: calls during the wait or while it runs fold
// into one more run afterwards. Used for counts, which every ticket change invites the panel and badge to re-fetch.
export function coalesce(run: () => Promise<unknown>, delayMs: number): () => void {
  let scheduled = false;
  let running: Promise<void> | null = null;
  let again = false;

  const start = () => {
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      running = run()
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          running = null;
          if (again) {
            again = false;
            start();
          }
        });
    }, delayMs);
  };

  return () => {
    if (running) again = true;
    else if (!scheduled) start(); // while waiting, the run to come already covers this call
  };
}
