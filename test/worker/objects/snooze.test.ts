// TicketObject status and timers: snooze (preset and custom), the wake alarm, reopen by customer, activity lines.
import * as clock from "../../../worker/src/clock";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, sendSms, getTicket, getTicketPage, patchTicket, setTicketStatus, type TestWorkspace } from "../helpers";
import { listIds, openTicket, sleep, ticketStubOf } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace({ timezone: "America/New_York" });
});

const detail = async (id: string) => (await getTicket(ws.support.token, id)).body;
const activities = async (id: string) => (await detail(id)).messages.filter((m) => m.kind === "activity").map((m) => m.text);
const assignToSupport = (id: string) => patchTicket(ws.support.token, id, { assigneeId: ws.support.id });

describe("snooze", () => {
  it("a preset snooze shows until when, leaves My inbox and is listed as snoozed", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await assignToSupport(t.id);
    expect(await listIds(ws.support.token, "view=mine")).toContain(t.id);
    const res = await setTicketStatus(ws.support.token, t.id, { status: "snoozed", preset: "tomorrow" });
    expect(res.status).toBe(200);
    expect(res.body.ticket.status).toBe("snoozed");
    const until = new Date(res.body.ticket.snoozedUntil!);
    // tomorrow 09:00 in New York
    const local = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(until);
    expect(local).toBe("09:00");
    expect(until.getTime() - clock.now()).toBeGreaterThan(0);
    expect(until.getTime() - clock.now()).toBeLessThan(34 * 3600_000);
    expect(await listIds(ws.support.token, "view=mine")).not.toContain(t.id);
    expect(await listIds(ws.support.token, "view=all&status=snoozed")).toContain(t.id);
    const summary = (await getTicketPage(ws.support.token, "view=all&status=snoozed")).body.tickets.find((x) => x.id === t.id);
    expect(summary?.snoozedUntil).toBe(res.body.ticket.snoozedUntil);
    expect((await activities(t.id)).at(-1)).toBe(`Snoozed by Sam Support until ${until.toISOString()}`);
  });

  it("a custom snooze wakes on time by itself (real alarm) with an activity line", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const until = new Date(clock.now() + 1500).toISOString();
    const res = await setTicketStatus(ws.support.token, t.id, { status: "snoozed", until });
    expect(res.body.ticket.snoozedUntil).toBe(until);
    expect((await detail(t.id)).ticket.status).toBe("snoozed");
    let status = "snoozed";
    for (let i = 0; i < 40 && status !== "open"; i++) {
      await sleep(150);
      status = (await detail(t.id)).ticket.status;
    }
    expect(status).toBe("open");
    expect(clock.now()).toBeGreaterThanOrEqual(Date.parse(until));
    expect((await activities(t.id)).at(-1)).toBe("Reopened: snooze time reached");
    expect(await listIds(ws.support.token, "view=all&status=open")).toContain(t.id);
  });

  it("the wake timer reopens the ticket when its alarm runs", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await assignToSupport(t.id);
    await setTicketStatus(ws.support.token, t.id, { status: "snoozed", preset: "next_week" });
    const stub = ticketStubOf(t.id);
    const due = await runInDurableObject(stub, (_instance, state) => {
      const row = state.storage.sql.exec<{ due_at: number }>("SELECT due_at FROM timers WHERE key = 'wake'").one();
      state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE key = 'wake'", clock.now() - 1000); // time has come
      return row.due_at;
    });
    expect(due).toBeGreaterThan(clock.now() + 6 * 86400_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const d = await detail(t.id);
    expect(d.ticket.status).toBe("open");
    expect(d.ticket.snoozedUntil).toBeNull();
    expect((await activities(t.id)).at(-1)).toBe("Reopened: snooze time reached");
    expect(await listIds(ws.support.token, "view=mine")).toContain(t.id);
    const timers = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec("SELECT key FROM timers").toArray());
    expect(timers).toEqual([]);
  });

  it("a customer SMS to a snoozed ticket reopens it at once", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await setTicketStatus(ws.support.token, t.id, { status: "snoozed", preset: "next_week" });
    await sendSms(ws.id, t.profile.phone, "Hello? Anyone?");
    const d = await detail(t.id);
    expect(d.ticket.status).toBe("open");
    expect(d.ticket.snoozedUntil).toBeNull();
    expect((await activities(t.id)).at(-1)).toBe("Reopened by a new customer message");
    expect(await listIds(ws.support.token, "view=all&status=snoozed")).not.toContain(t.id);
    const timers = await runInDurableObject(ticketStubOf(t.id), (_i, state) => state.storage.sql.exec("SELECT key FROM timers WHERE key = 'wake'").toArray());
    expect(timers).toEqual([]);
  });

  it("status transitions are recorded as activity messages", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await setTicketStatus(ws.owner.token, t.id, { status: "closed" });
    await setTicketStatus(ws.owner.token, t.id, { status: "closed" }); // no change, no line
    await setTicketStatus(ws.support.token, t.id, { status: "open" });
    expect(await activities(t.id)).toEqual(["Closed by Olivia Owner", "Opened by Sam Support"]);
    await setTicketStatus(ws.owner.token, t.id, { status: "closed" });
    expect(await listIds(ws.support.token, "view=all&status=closed")).toContain(t.id);
    await sendSms(ws.id, t.profile.phone, "One more thing");
    expect((await detail(t.id)).ticket.status).toBe("open");
    expect((await activities(t.id)).at(-1)).toBe("Reopened by a new customer message");
  });

  it("refuses snoozes in the past and malformed status bodies, changing nothing", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const bad = [
      { status: "snoozed", until: new Date(clock.now() - 60_000).toISOString() },
      { status: "snoozed", until: new Date(clock.now() + 3600_000).toISOString(), preset: "tomorrow" },
      { status: "snoozed" },
      { status: "closed", preset: "tomorrow" },
      { status: "paused" },
      { status: "snoozed", until: "tomorrow-ish" },
    ];
    for (const body of bad) {
      const res = await setTicketStatus(ws.support.token, t.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const d = await detail(t.id);
    expect(d.ticket.status).toBe("open");
    expect(await activities(t.id)).toEqual([]);
  });
});
