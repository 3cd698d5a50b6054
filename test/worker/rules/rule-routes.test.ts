// /api/rules: who may manage rules, what a bad rule gets, order, tenancy, and "what would happen" on a chosen ticket.
import { beforeAll, describe, expect, it } from "vitest";
import { RuleList, RuleTryResponse } from "../../../shared/schemas/rules";
import { api, createWorkspace, getTicket, type TestWorkspace } from "../helpers";
import { newPhone, openTicket } from "../inbox-helpers";
import { createRule, deleteRule, listRules, storedState } from "./rule-helpers";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
});

const tagRule = (name: string) => ({ name, trigger: { type: "ticket_created" }, actions: [{ type: "add_tags", tags: ["new"] }] });

describe("managing rules", () => {
  it("owners and admins manage them; support agents get 403 and change nothing", async () => {
    expect((await api(ws.support.token, "GET", "/api/rules")).status).toBe(403);
    const refused = await api(ws.support.token, "POST", "/api/rules", tagRule("Nope"));
    expect(refused.status).toBe(403);
    expect(refused.error.code).toBe("forbidden");
    const rule = await createRule(ws.owner.token, tagRule("Owner's"));
    expect(rule).toMatchObject({ name: "Owner's", enabled: true, match: "all", conditions: [], firedLast7Days: 0 });
    const changed = await api(ws.admin.token, "PUT", `/api/rules/${rule.id}`, { ...tagRule("Owner's"), enabled: false });
    expect(changed.status).toBe(200);
    expect((await listRules(ws.admin.token)).find((r) => r.id === rule.id)?.enabled).toBe(false);
    expect((await deleteRule(ws.admin.token, rule.id)).status).toBe(204);
    expect((await deleteRule(ws.admin.token, rule.id)).status).toBe(404);
  });

  it.each([
    ["no actions", { ...tagRule("A"), actions: [] }, 400, "invalid_request"],
    ["an unknown trigger", { ...tagRule("A"), trigger: { type: "moon_rises" } }, 400, "invalid_request"],
    ["an unknown field", { ...tagRule("A"), colour: "red" }, 400, "invalid_request"],
    ["an agent of no one", { ...tagRule("A"), actions: [{ type: "assign", to: "ag_nobody" }] }, 422, "unknown_agent"],
    ["a macro of no one", { ...tagRule("A"), actions: [{ type: "apply_macro", macroId: "mc_nobody" }] }, 422, "unknown_macro"],
  ])("a rule with %s is refused and nothing is saved", async (_what, body, status, code) => {
    const before = await listRules(ws.admin.token);
    const r = await api(ws.admin.token, "POST", "/api/rules", body);
    expect(r.status).toBe(status);
    expect(r.error.code).toBe(code);
    expect(await listRules(ws.admin.token)).toEqual(before);
  });

  it("names are unique per workspace (409), rules keep the order they are put in, and another workspace sees none of them", async () => {
    const a = await createRule(ws.admin.token, tagRule("First"));
    const b = await createRule(ws.admin.token, tagRule("Second"));
    const dup = await api(ws.admin.token, "POST", "/api/rules", tagRule("first"));
    expect(dup.status).toBe(409);
    expect(dup.error.code).toBe("name_taken");
    const reordered = await api(ws.admin.token, "PUT", "/api/rules/order", { ids: [b.id, a.id] }, RuleList);
    expect(reordered.body.rules.map((r) => r.name)).toEqual(["Second", "First"]);
    expect(await listRules(other.admin.token)).toEqual([]);
    expect((await api(other.admin.token, "PUT", `/api/rules/${a.id}`, tagRule("Stolen"))).status).toBe(404);
    expect((await api(other.admin.token, "DELETE", `/api/rules/${a.id}`)).status).toBe(404);
    expect((await listRules(ws.admin.token)).map((r) => r.name)).toEqual(["Second", "First"]);
    await deleteRule(ws.admin.token, a.id);
    await deleteRule(ws.admin.token, b.id);
  });
});

describe("what would happen", () => {
  it("shows each condition against the ticket, what each action would do, and changes nothing", async () => {
    const t = await openTicket(ws.id, ws.support.token, newPhone(), "Onde está o meu pedido? Já paguei há uma semana");
    const before = (await getTicket(ws.support.token, t.id)).body;
    const r = await api(
      ws.admin.token,
      "POST",
      "/api/rules/try",
      {
        ticketNumber: t.number,
        rule: {
          name: "Portuguese orders",
          trigger: { type: "no_agent_reply", minutes: 30 },
          conditions: [
            { field: "language", in: ["pt"] },
            { field: "channel", in: ["email"] },
          ],
          match: "any",
          actions: [
            { type: "assign", to: ws.support.id },
            { type: "send_reply", text: "Olá!" },
            { type: "add_tags", tags: ["pt"] },
          ],
        },
      },
      RuleTryResponse,
    );
    expect(r.status).toBe(200);
    expect(r.body.ticket).toEqual({ id: t.id, number: t.number });
    expect(r.body.trigger.applies).toBe(true);
    expect(Date.parse(r.body.trigger.dueAt!) - (await storedState(t.id)).waitingSince!).toBe(30 * 60_000);
    expect(r.body.conditions.map((c) => [c.met, c.actual])).toEqual([
      [true, "pt"],
      [false, "sms"],
    ]);
    expect(r.body.matched).toBe(true);
    expect(r.body.actions.map((a) => [a.outcome, a.reason])).toEqual([
      ["would_do", null],
      ["cannot", "reasonNoConsent"],
      ["would_do", null],
    ]);
    expect(r.body.actions[0]?.summary).toBe("Assign to Sam Support");
    const after = (await getTicket(ws.support.token, t.id)).body;
    expect(after.messages).toEqual(before.messages);
    expect(after.ticket.tags).toEqual([]);
  });

  it("answers 404 for a ticket of another workspace or none, and 403 to support agents", async () => {
    const t = await openTicket(other.id, other.support.token);
    const body = (ticket: Record<string, unknown>) => ({ ...ticket, rule: tagRule("T") });
    expect((await api(ws.admin.token, "POST", "/api/rules/try", body({ ticketId: t.id }))).status).toBe(404);
    expect((await api(ws.admin.token, "POST", "/api/rules/try", body({ ticketNumber: 99999 }))).status).toBe(404);
    expect((await api(ws.support.token, "POST", "/api/rules/try", body({ ticketNumber: 1 }))).status).toBe(403);
    expect((await api(ws.admin.token, "POST", "/api/rules/try", body({}))).status).toBe(400);
  });
});
