// Waiting rules ("no agent reply for N minutes", "no customer reply for N hours") are timers on the ticket, set to the
// millisecond from its own timestamps, stopped by the answer, restarted by a reopen, and acting once when they run out.
import * as clock from "../../../worker/src/clock";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, postMessage, sendSms, setTicketStatus, type TestWorkspace } from "../helpers";
import { openTicket, sleep, ticketStubOf } from "../inbox-helpers";
import { atClock, count, createRule, deleteRule, lines, makeDue, storedState, ticketNow, timers } from "./rule-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

const CLOCK = "rule-clock:";

describe("no agent reply for N minutes", () => {
  it("runs out on time by its own alarm, tags the ticket once, and a repeated alarm does nothing", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Waiting too long",
      trigger: { type: "no_agent_reply", minutes: 10 },
      actions: [{ type: "add_tags", tags: ["late"] }],
    });
    const t = await openTicket(ws.id, ws.support.token);
    const { waitingSince } = await storedState(t.id);
    expect(await timers(t.id, CLOCK)).toMatchObject([{ key: `${CLOCK}${rule.id}`, due_at: waitingSince! + 10 * 60_000 }]);
    await atClock(waitingSince! + 10 * 60_000, async () => {
      // Ten minutes later, the ticket's alarm goes off (armed for a moment from now, as the flusher arms it).
      await runInDurableObject(ticketStubOf(t.id), (_i, state) => state.storage.setAlarm(Date.now() + 50));
      let tags: string[] = [];
      for (let i = 0; i < 60 && !tags.includes("late"); i++) {
        await sleep(50);
        tags = (await ticketNow(ws.support.token, t.id)).tags;
      }
      expect(tags).toEqual(["late"]);
    });
    expect(await timers(t.id, CLOCK)).toEqual([]);
    await runInDurableObject(ticketStubOf(t.id), (_i, state) => state.storage.setAlarm(Date.now() + 1));
    await runDurableObjectAlarm(ticketStubOf(t.id));
    expect(count(await lines(ws.support.token, t.id), "activity:Rule “Waiting too long” ran")).toBe(1);
    await deleteRule(ws.admin.token, rule.id);
  });

  it("keeps running through a note, stops at the agent's reply or a close, and starts again at the customer's next message", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Slow",
      trigger: { type: "no_agent_reply", minutes: 5 },
      actions: [{ type: "add_tags", tags: ["slow"] }],
    });
    const t = await openTicket(ws.id, ws.support.token);
    expect(await timers(t.id, CLOCK)).toHaveLength(1);
    await postMessage(ws.support.token, t.id, { kind: "note", text: "a note is not an answer" });
    expect(await timers(t.id, CLOCK)).toHaveLength(1);
    await sendSms(ws.id, t.profile.phone, "START");
    await postMessage(ws.support.token, t.id, { kind: "reply", text: "On it!" });
    expect(await timers(t.id, CLOCK)).toEqual([]);
    await sendSms(ws.id, t.profile.phone, "Thanks, any news?");
    expect(await timers(t.id, CLOCK)).toHaveLength(1);
    await setTicketStatus(ws.support.token, t.id, { status: "closed" });
    expect(await timers(t.id, CLOCK)).toEqual([]);
    await sendSms(ws.id, t.profile.phone, "Hello again?");
    const { waitingSince } = await storedState(t.id);
    expect(await timers(t.id, CLOCK)).toMatchObject([{ due_at: waitingSince! + 5 * 60_000 }]);
    await deleteRule(ws.admin.token, rule.id);
    // A deleted rule's clock does nothing when it goes off, and is gone after.
    await makeDue(t.id, CLOCK, clock.now() - 1);
    await runDurableObjectAlarm(ticketStubOf(t.id));
    expect((await ticketNow(ws.support.token, t.id)).tags).toEqual([]);
    expect(await timers(t.id, CLOCK)).toEqual([]);
  });
});

describe("no customer reply for N hours", () => {
  it("closes with a note after the agent's reply goes unanswered, counted from the reopen when the ticket was reopened first", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Auto-close",
      trigger: { type: "no_customer_reply", hours: 48 },
      actions: [{ type: "add_note", text: "Closed: no answer in 48 hours" }, { type: "close" }],
    });
    const t = await openTicket(ws.id, ws.support.token);
    expect(await timers(t.id, CLOCK)).toEqual([]); // nobody replied yet
    await sendSms(ws.id, t.profile.phone, "START");
    await postMessage(ws.support.token, t.id, { kind: "reply", text: "Could you send a photo?" });
    const { lastAgentReplyAt } = await storedState(t.id);
    expect(await timers(t.id, CLOCK)).toMatchObject([{ due_at: lastAgentReplyAt! + 48 * 3_600_000 }]);
    await sendSms(ws.id, t.profile.phone, "Here it is");
    expect(await timers(t.id, CLOCK)).toEqual([]); // the customer answered
    await postMessage(ws.support.token, t.id, { kind: "reply", text: "Thanks, and the order number?" });
    await setTicketStatus(ws.support.token, t.id, { status: "closed" });
    expect(await timers(t.id, CLOCK)).toEqual([]);
    await sleep(5);
    await setTicketStatus(ws.support.token, t.id, { status: "open" });
    const reopened = await storedState(t.id);
    expect(reopened.openSince).toBeGreaterThan(reopened.lastAgentReplyAt!);
    expect(await timers(t.id, CLOCK)).toMatchObject([{ due_at: reopened.openSince! + 48 * 3_600_000 }]);
    await atClock(reopened.openSince! + 48 * 3_600_000, async () => {
      await makeDue(t.id, CLOCK, clock.now());
      await runDurableObjectAlarm(ticketStubOf(t.id));
    });
    expect((await ticketNow(ws.support.token, t.id)).status).toBe("closed");
    const all = await lines(ws.support.token, t.id);
    expect(all.slice(-3)).toEqual(["activity:Rule “Auto-close” ran", "note:Closed: no answer in 48 hours", "activity:Closed by “Auto-close”"]);
    await deleteRule(ws.admin.token, rule.id);
  });

  it("a waiting rule saved later is set on the open tickets that already wait", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const { waitingSince } = await storedState(t.id);
    const rule = await createRule(ws.admin.token, {
      name: "Late sweep",
      trigger: { type: "no_agent_reply", minutes: 30 },
      actions: [{ type: "add_tags", tags: ["late"] }],
    });
    let set: { due_at: number }[] = [];
    for (let i = 0; i < 60 && set.length === 0; i++) {
      await sleep(50);
      set = await timers(t.id, `${CLOCK}${rule.id}`);
    }
    expect(set).toMatchObject([{ due_at: waitingSince! + 30 * 60_000 }]);
    await deleteRule(ws.admin.token, rule.id);
  });
});
