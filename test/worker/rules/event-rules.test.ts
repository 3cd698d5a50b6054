// Rules on ticket events, run by the ticket object after the webhook answered: conditions, actions in order, once per
// event under redelivery, never re-triggered by their own actions, and counted for the settings list.
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, patchTicket, sendSms, type TestWorkspace } from "../helpers";
import { newPhone, openTicket } from "../inbox-helpers";
import { count, createRule, deleteRule, lines, listRules, ticketNow } from "./rule-helpers";
import { ticketFor } from "../helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("a rule on new customer messages", () => {
  it("tags and assigns a ticket whose message has one of its words, once, even when the webhook is delivered twice", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Refunds to Sam",
      trigger: { type: "customer_message" },
      conditions: [{ field: "text", op: "contains_any", words: ["refund", "money back"] }],
      actions: [
        { type: "add_tags", tags: ["billing/refund"] },
        { type: "assign", to: ws.support.id },
      ],
    });
    const phone = newPhone();
    const first = await sendSms(ws.id, phone, "Hi, I want my MONEY BACK please");
    expect(first.status).toBe(200);
    await sendSms(ws.id, phone, "Hi, I want my MONEY BACK please", { MessageSid: first.sid! }); // Twilio redelivers
    const t = (await ticketFor(ws.support.token, phone))!;
    const now = await ticketNow(ws.support.token, t.id);
    expect(now.tags).toEqual(["billing/refund"]);
    expect(now.assigneeId).toBe(ws.support.id);
    const all = await lines(ws.support.token, t.id);
    expect(count(all, "activity:Rule “Refunds to Sam” ran")).toBe(1);
    expect(all).toContain("activity:Assigned to Sam Support by “Refunds to Sam”");
    expect(all).toContain("activity:“Refunds to Sam” changed the tags: +billing/refund");
    expect((await listRules(ws.admin.token)).find((r) => r.id === rule.id)?.firedLast7Days).toBe(1);
    await deleteRule(ws.admin.token, rule.id);
  });

  it("leaves a ticket alone when the words are not there (whole words, not parts of words)", async () => {
    const rule = await createRule(ws.admin.token, {
      name: "Refund words",
      trigger: { type: "customer_message" },
      conditions: [{ field: "text", op: "contains_any", words: ["refund"] }],
      actions: [{ type: "add_tags", tags: ["refund"] }],
    });
    const t = await openTicket(ws.id, ws.support.token, newPhone(), "Is the refundable fee included?");
    expect((await ticketNow(ws.support.token, t.id)).tags).toEqual([]);
    expect((await lines(ws.support.token, t.id)).some((l) => l.includes("Refund words"))).toBe(false);
    await deleteRule(ws.admin.token, rule.id);
  });
});

describe("rules together", () => {
  it("run in their order on the ticket as the rules before them left it", async () => {
    const first = await createRule(ws.admin.token, {
      name: "Everyone to Sue",
      trigger: { type: "ticket_created" },
      actions: [{ type: "assign", to: ws.support2.id }],
    });
    const second = await createRule(ws.admin.token, {
      name: "Unassigned get triage",
      trigger: { type: "ticket_created" },
      conditions: [{ field: "assignee", is: "none" }],
      actions: [{ type: "add_tags", tags: ["triage"] }],
    });
    const t = await openTicket(ws.id, ws.support.token);
    const now = await ticketNow(ws.support.token, t.id);
    expect(now.assigneeId).toBe(ws.support2.id);
    expect(now.tags).toEqual([]); // the second rule saw the ticket already assigned
    await deleteRule(ws.admin.token, first.id);
    await deleteRule(ws.admin.token, second.id);
  });

  it("a rule whose own action would trigger it again runs once", async () => {
    const self = await createRule(ws.admin.token, {
      name: "Seen",
      trigger: { type: "tag_added", tag: null },
      actions: [
        { type: "add_tags", tags: ["seen"] },
        { type: "add_note", text: "A tag was added" },
      ],
    });
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { tags: ["vip"] });
    expect([...(await ticketNow(ws.support.token, t.id)).tags].sort()).toEqual(["seen", "vip"]);
    const all = await lines(ws.support.token, t.id);
    expect(count(all, "note:A tag was added")).toBe(1);
    expect(count(all, "activity:Rule “Seen” ran")).toBe(1);
    await deleteRule(ws.admin.token, self.id);
  });

  it("two rules that would set each other off forever each run once", async () => {
    const ping = await createRule(ws.admin.token, {
      name: "Ping",
      trigger: { type: "tag_added", tag: "ping" },
      actions: [
        { type: "remove_tags", tags: ["ping"] },
        { type: "add_tags", tags: ["pong"] },
      ],
    });
    const pong = await createRule(ws.admin.token, {
      name: "Pong",
      trigger: { type: "tag_added", tag: "pong" },
      actions: [
        { type: "remove_tags", tags: ["pong"] },
        { type: "add_tags", tags: ["ping"] },
      ],
    });
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { tags: ["ping"] });
    expect((await ticketNow(ws.support.token, t.id)).tags).toEqual(["ping"]);
    const all = await lines(ws.support.token, t.id);
    expect(count(all, "activity:Rule “Ping” ran")).toBe(1);
    expect(count(all, "activity:Rule “Pong” ran")).toBe(1);
    await deleteRule(ws.admin.token, ping.id);
    await deleteRule(ws.admin.token, pong.id);
  });
});
