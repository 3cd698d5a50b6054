// The offline outbox: nothing typed is lost, and each reply reaches the worker exactly once.
import { describe, expect, it } from "vitest";
import { Outbox, type SendOutcome } from "../../extension/lib/outbox";
import type { QueuedReply } from "../../extension/lib/schemas";

function memoryStore() {
  let items: QueuedReply[] = [];
  return {
    read: async () => items.map((i) => ({ ...i })),
    write: async (next: QueuedReply[]) => {
      items = next;
    },
    get items() {
      return items;
    },
  };
}

/** A fake worker: stores by clientId like the real one, and can be "unreachable". */
function fakeWorker() {
  const stored = new Map<string, string>();
  const w = {
    online: true,
    refuse: null as string | null,
    calls: 0,
    async send(item: QueuedReply): Promise<SendOutcome> {
      w.calls += 1;
      await new Promise((r) => setTimeout(r, 1));
      if (!w.online) return { ok: false, retry: true };
      if (w.refuse) return { ok: false, retry: false, error: w.refuse };
      stored.set(item.clientId, item.text);
      return { ok: true };
    },
    stored,
  };
  return w;
}

const noLock = <T>(fn: () => Promise<T>) => fn();
const reply = (clientId: string, text = "hello") => ({ clientId, ticketId: "t1", kind: "reply" as const, text });

describe("Outbox", () => {
  it("sends a queued reply once and forgets it", async () => {
    const store = memoryStore();
    const worker = fakeWorker();
    const outbox = new Outbox(store, worker.send, noLock);
    await outbox.enqueue(reply("c1"));
    await outbox.flush();
    expect([...worker.stored.keys()]).toEqual(["c1"]);
    expect(store.items).toEqual([]);
  });

  it("keeps replies typed offline, in order, and sends each exactly once when back online", async () => {
    const store = memoryStore();
    const worker = fakeWorker();
    worker.online = false;
    const outbox = new Outbox(store, worker.send, noLock);
    await outbox.enqueue(reply("c1", "first"));
    await outbox.enqueue(reply("c2", "second"));
    await outbox.flush();
    await outbox.flush();
    expect(store.items.map((i) => i.clientId)).toEqual(["c1", "c2"]);
    expect(worker.stored.size).toBe(0);
    worker.online = true;
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect([...worker.stored.values()]).toEqual(["first", "second"]);
    expect(worker.calls).toBe(4); // 2 failed attempts while offline (one per flush, stopping at the first) + 1 each once online
    expect(store.items).toEqual([]);
  });

  it("does not queue the same clientId twice", async () => {
    const store = memoryStore();
    const outbox = new Outbox(store, fakeWorker().send, noLock);
    await outbox.enqueue(reply("c1"));
    await outbox.enqueue(reply("c1"));
    expect(store.items).toHaveLength(1);
  });

  it("marks a refused reply with the reason, stops retrying it, and lets the agent retry or discard", async () => {
    const store = memoryStore();
    const worker = fakeWorker();
    worker.refuse = "This customer has not consented to receive SMS.";
    const outbox = new Outbox(store, worker.send, noLock);
    await outbox.enqueue(reply("c1"));
    await outbox.flush();
    await outbox.flush();
    expect(worker.calls).toBe(1);
    expect(store.items[0]!.error).toMatch(/consented/);
    worker.refuse = null;
    await outbox.retry("c1");
    await outbox.flush();
    expect(worker.stored.has("c1")).toBe(true);
    await outbox.enqueue(reply("c2"));
    await outbox.discard("c2");
    expect(store.items).toEqual([]);
  });

  it("a crash between send and forget only re-sends the same clientId (which the worker dedupes)", async () => {
    const store = memoryStore();
    const worker = fakeWorker();
    let crash = true;
    const outbox = new Outbox(
      store,
      async (item) => {
        const r = await worker.send(item);
        if (crash) {
          crash = false;
          throw new Error("panel closed");
        }
        return r;
      },
      noLock,
    );
    await outbox.enqueue(reply("c1"));
    await expect(outbox.flush()).rejects.toThrow("panel closed");
    await outbox.flush();
    expect(worker.calls).toBe(2);
    expect(worker.stored.size).toBe(1);
    expect(store.items).toEqual([]);
  });
});
