// SLA targets on real tickets: the policy's due time on the summary and in listings, a reply in time, a breach by the
// ticket's own alarm (with its line, the overdue filter and count, and a rule reacting), the next target after a new
// message, a tag that brings a stricter policy, and the policies applied to tickets already open when they are saved.
import * as clock from "../../../worker/src/clock";
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TicketCounts } from "../../../shared/schemas";
import { Report } from "../../../shared/schemas/report";
import { api, createWorkspace, getTicketPage, patchTicket, postMessage, sendSms, type TestWorkspace } from "../helpers";
import { newPhone, openTicket, ticketStubOf } from "../inbox-helpers";
import { createRule, eventually, lines, makeDue, storedState, ticketNow, timers } from "./rule-helpers";

let ws: TestWorkspace;
const clockStart = clock.clockOffset();
afterEach(() => clock.setClockOffset(clockStart));

const POLICIES = [
  { name: "VIP", tags: ["vip"], firstResponseMinutes: 5 },
  { name: "SMS", channels: ["sms"], firstResponseMinutes: 15, resolutionMinutes: 24 * 60 },
  { name: "Email", channels: ["email"], firstResponseMinutes: 240 },
];
beforeAll(async () => {
  ws = await createWorkspace();
  const r = await api(ws.owner.token, "PUT", "/api/settings", { sla: { policies: POLICIES, soonMinutes: 30 } });
  expect(r.status).toBe(200);
});

const summaryOf = async (id: string) => (await getTicketPage(ws.support.token, "view=all")).body.tickets.find((t) => t.id === id);
const counts = async () => (await api(ws.support.token, "GET", "/api/tickets/counts", undefined, TicketCounts)).body.sla;
const listed = async (query: string) => (await getTicketPage(ws.support.token, `view=all&${query}`)).body.tickets.map((t) => t.id);

describe("SLA targets", () => {
  it("shows the policy's first-response due time, and a reply in time achieves it", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const { waitingSince } = await storedState(t.id);
    const due = new Date(waitingSince! + 15 * 60_000).toISOString();
    expect((await ticketNow(ws.support.token, t.id)).sla).toEqual({ policy: "SMS", target: "response", dueAt: due, breached: false });
    expect((await summaryOf(t.id))?.sla).toEqual({ policy: "SMS", target: "response", dueAt: due, breached: false });
    expect(await listed("sla=breaching")).toContain(t.id); // due within 30 minutes
    await sendSms(ws.id, t.profile.phone, "START");
    await postMessage(ws.support.token, t.id, { kind: "reply", text: "Hi! Looking into it." });
    const after = await summaryOf(t.id);
    expect(after?.sla).toMatchObject({ policy: "SMS", target: "resolution", breached: false });
    expect(await listed("sla=breaching")).not.toContain(t.id);
    const row = await env.DB.prepare("SELECT policy, target, breached, agent_id FROM sla_results WHERE ticket_id = ?1").bind(t.id).first();
    expect(row).toEqual({ policy: "SMS", target: "response", breached: 0, agent_id: ws.support.id });
    // The customer writes again: the next response target starts from that message.
    await sendSms(ws.id, t.profile.phone, "Any news?");
    const next = await storedState(t.id);
    expect((await ticketNow(ws.support.token, t.id)).sla).toMatchObject({
      target: "response",
      dueAt: new Date(next.waitingSince! + 15 * 60_000).toISOString(),
    });
  });

  it("a target missed is marked by the ticket's alarm with a line, listed as breached, counted, and a rule reacts", async () => {
    await createRule(ws.admin.token, {
      name: "Escalate missed SLAs",
      trigger: { type: "sla_breach", target: "response", minutesBefore: 0 },
      actions: [{ type: "add_tags", tags: ["escalated"] }],
    });
    const before = (await counts())!;
    const t = await openTicket(ws.id, ws.support.token);
    const { waitingSince } = await storedState(t.id);
    expect(await timers(t.id, "sla:")).toMatchObject([{ key: "sla:resolution" }, { key: "sla:response", due_at: waitingSince! + 15 * 60_000 }]);
    clock.setClock(waitingSince! + 15 * 60_000);
    await makeDue(t.id, "rule-clock:", clock.now());
    await makeDue(t.id, "sla:response", clock.now());
    await runDurableObjectAlarm(ticketStubOf(t.id));
    const now = await eventually(
      () => ticketNow(ws.support.token, t.id),
      (x) => x.tags.includes("escalated"),
    );
    expect(now.sla).toMatchObject({ target: "response", breached: true });
    expect(now.tags).toEqual(["escalated"]);
    expect(await lines(ws.support.token, t.id)).toContain("activity:SLA missed: the response target of “SMS” has passed");
    const breached = await listed("sla=breached");
    expect(breached).toContain(t.id);
    // Every ticket whose target is past due now (the earlier test's, too) is counted, the same as the filter lists.
    expect((await counts())!.breached).toBe(breached.length);
    expect(breached.length).toBeGreaterThan(before.breached);
  });

  it("a tag that brings a stricter policy moves the due time", async () => {
    const t = await openTicket(ws.id, ws.support.token, newPhone(), "I ordered twice");
    const { waitingSince } = await storedState(t.id);
    await patchTicket(ws.support.token, t.id, { tags: ["vip"] });
    expect((await ticketNow(ws.support.token, t.id)).sla).toMatchObject({
      policy: "VIP",
      target: "response",
      dueAt: new Date(waitingSince! + 5 * 60_000).toISOString(),
    });
  });

  it("policies saved later apply to the tickets already open; removing them clears the due times", async () => {
    const other = await createWorkspace();
    const t = await openTicket(other.id, other.support.token);
    expect((await ticketNow(other.support.token, t.id)).sla).toBeNull();
    await api(other.owner.token, "PUT", "/api/settings", { sla: { policies: [{ name: "Everyone", firstResponseMinutes: 60 }] } });
    const set = await eventually(
      () => ticketNow(other.support.token, t.id),
      (x) => x.sla !== null,
    );
    expect(set.sla).toMatchObject({ policy: "Everyone", target: "response" });
    await api(other.owner.token, "PUT", "/api/settings", { sla: { policies: [] } });
    expect(
      (
        await eventually(
          () => ticketNow(other.support.token, t.id),
          (x) => x.sla === null,
        )
      ).sla,
    ).toBeNull();
    expect(await timers(t.id, "sla:")).toEqual([]);
  });

  it("the report counts targets achieved and missed by channel, agent and policy", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await sendSms(ws.id, t.profile.phone, "START");
    await postMessage(ws.support2.token, t.id, { kind: "reply", text: "Hello!" }); // in time, by Sue
    const r = (await api(ws.admin.token, "GET", "/api/reports", undefined, Report)).body.sla;
    const sue = r.byAgent.find((a) => a.key === ws.support2.id);
    expect(sue).toMatchObject({ name: "Sue Support", response: { achieved: 1, breached: 0 } });
    expect(r.byPolicy.find((p) => p.key === "SMS")?.response.achieved).toBeGreaterThanOrEqual(2); // this and the first test's
    expect(r.byChannel.find((c) => c.key === "sms")?.response).toEqual(r.totals.response);
    const email = (await api(ws.admin.token, "GET", "/api/reports?channel=email", undefined, Report)).body.sla;
    expect(email.totals.response).toEqual({ achieved: 0, breached: 0 });
  });

  it("refuses policies without a target or with a name twice, changing nothing", async () => {
    for (const policies of [
      [{ name: "Empty" }],
      [
        { name: "A", firstResponseMinutes: 5 },
        { name: "a", firstResponseMinutes: 6 },
      ],
    ]) {
      const r = await api(ws.owner.token, "PUT", "/api/settings", { sla: { policies } });
      expect(r.status).toBe(400);
    }
    const s = await api(ws.owner.token, "GET", "/api/settings");
    expect((s.json as { sla: { policies: { name: string }[] } }).sla.policies.map((p) => p.name)).toEqual(["VIP", "SMS", "Email"]);
  });
});
