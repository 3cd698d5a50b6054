// The offline outbox: replies and notes are stored with their clientId before sending and removed only
// once the worker has them, so a reply typed offline is sent exactly once (the worker dedupes by clientId).
import { ApiError, errorMessage, type Api } from "./api";
import type { QueuedReply } from "./schemas";

export interface OutboxStore {
  read(): Promise<QueuedReply[]>;
  write(items: QueuedReply[]): Promise<void>;
}

/** What happened to one send: stored; try again later (offline, 5xx); or refused for good (4xx). */
export type SendOutcome = { ok: true } | { ok: false; retry: true } | { ok: false; retry: false; error: string };

type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

/** Serialises flushes across the panel and the background when the Web Locks API exists. */
const webLock: Lock = <T>(fn: () => Promise<T>): Promise<T> => {
  const locks = typeof navigator !== "undefined" ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  return locks ? (locks.request("sidedesk-outbox", fn) as Promise<T>) : fn();
};

export class Outbox {
  private flushing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly send: (item: QueuedReply) => Promise<SendOutcome>,
    private readonly lock: Lock = webLock,
  ) {}

  async enqueue(item: Omit<QueuedReply, "queuedAt" | "error" | "files"> & Partial<Pick<QueuedReply, "files">>): Promise<QueuedReply> {
    const queued: QueuedReply = { ...item, files: item.files ?? [], queuedAt: new Date().toISOString(), error: null };
    await this.mutate((items) => (items.some((i) => i.clientId === item.clientId) ? items : [...items, queued]));
    return queued;
  }

  async discard(clientId: string): Promise<void> {
    await this.mutate((items) => items.filter((i) => i.clientId !== clientId));
  }

  /** A refused item goes back in line (after the agent fixed the cause, e.g. consent was granted). */
  async retry(clientId: string): Promise<void> {
    await this.mutate((items) => items.map((i) => (i.clientId === clientId ? { ...i, error: null } : i)));
  }

  /** Send everything pending, oldest first; stops at the first retryable failure. Concurrent calls share one run. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.lock(() => this.drain());
      } while (this.again);
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = (await this.store.read()).find((i) => i.error === null);
      if (!next) return;
      const outcome = await this.send(next);
      if (outcome.ok) await this.mutate((items) => items.filter((i) => i.clientId !== next.clientId));
      else if (outcome.retry) return;
      else await this.mutate((items) => items.map((i) => (i.clientId === next.clientId ? { ...i, error: outcome.error } : i)));
    }
  }

  private async mutate(fn: (items: QueuedReply[]) => QueuedReply[]): Promise<void> {
    await this.store.write(fn(await this.store.read()));
  }
}

export function newClientId(): string {
  return `cl_${crypto.randomUUID()}`;
}

/** Post one queued item; network trouble and 5xx mean "later", any other refusal is final. */
export async function postQueued(api: Api, item: QueuedReply, onSent?: (message: Awaited<ReturnType<Api["postMessage"]>>) => void): Promise<SendOutcome> {
  try {
    const files = item.files.map((f) => f.id);
    const message = await api.postMessage(item.ticketId, { kind: item.kind, text: item.text, clientId: item.clientId, ...(files.length ? { files } : {}) });
    onSent?.(message);
    return { ok: true };
  } catch (err) {
    if (err instanceof ApiError && err.retryable) return { ok: false, retry: true };
    return { ok: false, retry: false, error: errorMessage(err) };
  }
}
