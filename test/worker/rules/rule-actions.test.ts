// What rules do: replies that keep the channel's rules (consent, quiet hours), notes, notification email, spam and
// block, snooze, macros, round-robin by open load among online operators.
import * as clock from "../../../worker/src/clock";
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MacroResponse } from "../../../shared/schemas/macros";
import { api, createWorkspace, getProfile, patchTicket, sendSms, ticketFor, type TestWorkspace } from "../helpers";
import { connectRealtime, newPhone, openTicket } from "../inbox-helpers";
import { outbox } from "../webhooks/sms-helpers";
import { createRule, deleteRule, eventually, lines, ticketNow, timers } from "./rule-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace({ timezone: "America/New_York" });
});
const clockStart = clock.clockOffset();
afterEach(() => clock.setClockOffset(clockStart));

describe("a rule's reply", () => {
  it("goes to a consented customer, and at night waits for the end of their quiet hours", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Acknowledge",
      trigger: { type: "ticket_created" },
      conditions: [{ field: "consent", in: ["marketing", "transactional"] }],
      actions: [{ type: "send_reply", text: "Thanks, we got your message and will answer soon." }],
    });
    clock.setClock(Date.parse("2027-01-15T04:00:00Z")); // 23:00 in New York, where 202 numbers live
    const phone = newPhone();
    await sendSms(ws.id, phone, "START");
    await sendSms(ws.id, phone, "Do you ship to Canada?");
    const t = (await ticketFor(ws.support.token, phone))!;
    const all = await lines(ws.support.token, t.id);
    expect(all).toContain("outbound:Thanks, we got your message and will answer soon.");
    expect(all).toContain("activity:Rule “Acknowledge”: the SMS waits for the end of the customer's quiet hours (2027-01-15T13:00:00.000Z)");
    const sends = await timers(t.id, "send:");
    expect(sends.map((s) => s.due_at)).toContain(Date.parse("2027-01-15T13:00:00Z")); // 08:00 New York
    expect((await outbox(ws.id)).filter((m) => m.to === phone && m.body.startsWith("Thanks, we got"))).toEqual([]);
    await deleteRule(ws.admin.token, rule.id);
  });

  it("is not sent to a customer without SMS consent, and a missing variable stops it; both say why", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Greet",
      trigger: { type: "ticket_created" },
      actions: [
        { type: "send_reply", text: "Hello!" },
        { type: "add_note", text: "Customer {{customer.first_name}} wrote" },
      ],
    });
    const t = await openTicket(ws.id, ws.support.token);
    const all = await lines(ws.support.token, t.id);
    expect(all).toContain("activity:Rule “Greet” could not send its reply: the customer has not agreed to receive SMS");
    expect(all).toContain("activity:Rule “Greet” could not add its note: a variable in the text has no value for this ticket");
    expect(all).not.toContain("outbound:Hello!");
    await deleteRule(ws.admin.token, rule.id);
  });
});

describe("notify, spam, snooze and macros", () => {
  it("emails the assignee and an address once each, and says so on the ticket", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Escalate",
      trigger: { type: "customer_message" },
      conditions: [{ field: "text", op: "contains_any", words: ["lawyer"] }],
      actions: [
        { type: "assign", to: ws.support.id },
        { type: "notify_email", to: ["assignee", "Lead@Shop.test", "lead@shop.test"] },
      ],
    });
    const t = await openTicket(ws.id, ws.support.token, newPhone(), "I will call my lawyer");
    const emails = () =>
      env.DB.prepare("SELECT to_address, subject FROM outbox WHERE workspace_id = ?1 AND channel = 'email' AND ticket_id = ?2")
        .bind(ws.id, t.id)
        .all<{ to_address: string; subject: string }>()
        .then((r) => r.results);
    const results = await eventually(emails, (r) => r.length >= 2);
    expect(results.map((r) => r.to_address).sort()).toEqual(["lead@shop.test", "sam.support1@shop.test"].sort());
    expect(results[0]?.subject).toContain(`#${t.number}`);
    const emailed = (
      await eventually(
        () => lines(ws.support.token, t.id),
        (l) => l.some((x) => x.includes("emailed")),
      )
    ).filter((l) => l.includes("emailed"));
    expect(emailed).toHaveLength(1);
    for (const r of results) expect(emailed[0]).toContain(r.to_address);
    await deleteRule(ws.admin.token, rule.id);
  });

  it("marks spam: tags it, blocks the profile and closes the ticket", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Crypto spam",
      trigger: { type: "ticket_created" },
      conditions: [{ field: "text", op: "contains_any", words: ["bitcoin"] }],
      actions: [{ type: "mark_spam" }],
    });
    const t = await openTicket(ws.id, ws.support.token, newPhone(), "Earn BITCOIN fast");
    const now = await ticketNow(ws.support.token, t.id);
    expect(now.status).toBe("closed");
    expect(now.tags).toEqual(["spam"]);
    expect((await getProfile(ws.support.token, t.profile.id)).body.profile.blocked).toBe(true);
    expect(await lines(ws.support.token, t.id)).toContain("activity:Closed: profile blocked by “Crypto spam”");
    await deleteRule(ws.admin.token, rule.id);
  });

  it("applies a macro's reply, tags and snooze, and refuses a macro that moves money", async () => {
    const macro = await api(
      ws.admin.token,
      "POST",
      "/api/macros",
      {
        name: "Pending info",
        message: { kind: "note", text: "Waiting for the customer" },
        addTags: ["pending"],
        status: { to: "snoozed", preset: "tomorrow" },
      },
      MacroResponse,
    );
    const money = await api(
      ws.admin.token,
      "POST",
      "/api/macros",
      {
        name: "Money",
        orderAction: { kind: "discount", discountKind: "percentage", value: 10, reason: "sorry" },
      },
      MacroResponse,
    );
    const refused = await api(ws.admin.token, "POST", "/api/rules", {
      name: "Give money",
      trigger: { type: "ticket_created" },
      actions: [{ type: "apply_macro", macroId: money.body.macro.id }],
    });
    expect(refused.status).toBe(422);
    expect(refused.error.code).toBe("macro_has_order_action");
    const rule = await createRule(ws.admin.token, {
      name: "Needs info",
      trigger: { type: "tag_added", tag: "needs-info" },
      actions: [{ type: "apply_macro", macroId: macro.body.macro.id }],
    });
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { tags: ["needs-info"] });
    const now = await ticketNow(ws.support.token, t.id);
    expect(now.status).toBe("snoozed");
    expect([...now.tags].sort()).toEqual(["needs-info", "pending"]);
    const all = await lines(ws.support.token, t.id);
    expect(all).toContain("activity:“Needs info” applied the macro “Pending info”");
    expect(all).toContain("note:Waiting for the customer");
    await deleteRule(ws.admin.token, rule.id);
  });
});

describe("round-robin", () => {
  it("gives new tickets to the online operator with the fewest open tickets, and says so when nobody is online", async () => {
    const rule = await createRule(ws.admin.token, { name: "Spread", trigger: { type: "ticket_created" }, actions: [{ type: "assign", to: "round_robin" }] });
    const alone = await openTicket(ws.id, ws.support.token);
    expect((await ticketNow(ws.support.token, alone.id)).assigneeId).toBeNull();
    expect(await lines(ws.support.token, alone.id)).toContain("activity:Rule “Spread” could not assign the ticket: no operator is online");
    for (const a of [ws.support, ws.support2]) expect((await api(a.token, "PATCH", "/api/me", { operator: true })).status).toBe(200);
    const sockets = [await connectRealtime(ws.support.token), await connectRealtime(ws.support2.token)];
    await patchTicket(ws.support.token, alone.id, { assigneeId: ws.support.id }); // Sam has one open ticket, Sue none
    const next = await openTicket(ws.id, ws.support.token);
    expect((await ticketNow(ws.support.token, next.id)).assigneeId).toBe(ws.support2.id);
    const third = await openTicket(ws.id, ws.support.token); // now one each: either may get it
    expect([ws.support.id, ws.support2.id]).toContain((await ticketNow(ws.support.token, third.id)).assigneeId);
    for (const s of sockets) s.ws.close();
    await deleteRule(ws.admin.token, rule.id);
  });
});
