// The ticket object's timer registry: due timers run through their declared kind; a row no kind claims, or whose
// payload does not parse, is dropped with a warning instead of re-arming the alarm for ever.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as clock from "../../../worker/src/clock";
import { createWorkspace } from "../helpers";
import { openTicket, ticketStubOf } from "../inbox-helpers";

const timers = (stub: DurableObjectStub) =>
  runInDurableObject(stub, (_i, state) =>
    state.storage.sql
      .exec<{ key: string }>("SELECT key FROM timers ORDER BY key")
      .toArray()
      .map((r) => r.key),
  );

describe("ticket timers", () => {
  it("drops a due timer of no known kind, and a notify timer whose payload does not parse; the ticket still works", async () => {
    const ws = await createWorkspace();
    const t = await openTicket(ws.id, ws.support.token);
    const stub = ticketStubOf(t.id);
    await runInDurableObject(stub, async (_i, state) => {
      const due = clock.now() - 1;
      state.storage.sql.exec(
        "INSERT OR REPLACE INTO timers (key, due_at, payload) VALUES ('mystery:1', ?, NULL), ('notify', ?, '\"not an object\"')",
        due,
        due,
      );
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await timers(stub)).toEqual(expect.arrayContaining(["mystery:1", "notify"]));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await timers(stub)).not.toEqual(expect.arrayContaining(["mystery:1"]));
    expect(await timers(stub)).not.toContain("notify");
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).toBeNull();
  });
});
