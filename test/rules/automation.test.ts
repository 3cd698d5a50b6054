// The pure rule logic: which events a trigger answers, each condition against a ticket's facts, and the waiting clocks.
import { describe, expect, it } from "vitest";
import { checkCondition, clockOf, conditionsHold, containsWord, triggerAnswers, type ClockFacts, type RuleFacts } from "../../shared/rules/automation";
import { RuleBody, type RuleCondition, type RuleEvent, type RuleTrigger } from "../../shared/schemas/rules";
import { quietHoursEnd } from "../../shared/rules/quiet-hours";
import { SlaSettings } from "../../shared/schemas/sla";
import { CsatSettings } from "../../shared/schemas/csat";

const facts: RuleFacts = {
  channel: "sms",
  status: "open",
  tags: ["shipping/delayed"],
  assigneeId: null,
  blocked: false,
  consent: "none",
  text: "Onde está o meu pedido? Já paguei há uma semana",
  language: "pt",
  returning: true,
  orderCount: 3,
  lifetimeValue: 240.5,
  inBusinessHours: false,
};

describe("triggers", () => {
  const cases: [RuleTrigger, RuleEvent, boolean][] = [
    [{ type: "customer_message" }, { type: "customer_message" }, true],
    [{ type: "customer_message" }, { type: "ticket_created" }, false],
    [{ type: "status_changed", to: null }, { type: "status_changed", to: "snoozed" }, true],
    [{ type: "status_changed", to: "closed" }, { type: "status_changed", to: "snoozed" }, false],
    [{ type: "tag_added", tag: "shipping" }, { type: "tag_added", tags: ["shipping/delayed"] }, true],
    [{ type: "tag_added", tag: "shipping" }, { type: "tag_added", tags: ["shippingfee"] }, false],
    [{ type: "no_agent_reply", minutes: 5 }, { type: "no_agent_reply", ruleId: "r1" }, true],
    [{ type: "no_agent_reply", minutes: 5 }, { type: "no_agent_reply", ruleId: "r2" }, false],
  ];
  it.each(cases)("%j answers %j: %s", (trigger, event, answers) => {
    expect(triggerAnswers(trigger, event, "r1")).toBe(answers);
  });
});

describe("conditions", () => {
  const cases: [RuleCondition, boolean][] = [
    [{ field: "channel", in: ["sms", "email"] }, true],
    [{ field: "channel", in: ["webchat"] }, false],
    [{ field: "status", in: ["open"] }, true],
    [{ field: "text", op: "contains_any", words: ["pedido"] }, true],
    [{ field: "text", op: "contains_any", words: ["ESTA"] }, true], // accents and case do not matter
    [{ field: "text", op: "contains_any", words: ["ped"] }, false], // whole words only
    [{ field: "text", op: "contains_none", words: ["reembolso"] }, true],
    [{ field: "tag", op: "has", tag: "shipping" }, true], // a parent tag covers its sub-tags
    [{ field: "tag", op: "has_not", tag: "shipping/delayed" }, false],
    [{ field: "assignee", is: "none" }, true],
    [{ field: "assignee", is: "any" }, false],
    [{ field: "consent", in: ["none"] }, true],
    [{ field: "blocked", is: false }, true],
    [{ field: "returning_customer", is: true }, true],
    [{ field: "order_count", op: "at_least", value: 3 }, true],
    [{ field: "order_count", op: "at_most", value: 2 }, false],
    [{ field: "lifetime_value", op: "at_least", value: 240.5 }, true],
    [{ field: "business_hours", is: true }, false],
    [{ field: "language", in: ["pt", "es"] }, true],
    [{ field: "language", in: ["en"] }, false],
  ];
  it.each(cases)("%j holds: %s", (condition, met) => {
    expect(checkCondition(condition, facts).met).toBe(met);
  });

  it("all / any, and no conditions at all", () => {
    const yes: RuleCondition = { field: "channel", in: ["sms"] };
    const no: RuleCondition = { field: "channel", in: ["email"] };
    expect(conditionsHold("all", [yes, no], facts)).toBe(false);
    expect(conditionsHold("any", [yes, no], facts)).toBe(true);
    expect(conditionsHold("all", [], facts)).toBe(true);
  });

  it("finds words inside Korean text, where particles attach to words", () => {
    expect(containsWord("환불을 원해요", "환불")).toBe(true);
    expect(containsWord("I want a refund!", "refund")).toBe(true);
    expect(containsWord("refunded already", "refund")).toBe(false);
  });
});

describe("waiting clocks", () => {
  const base: ClockFacts = {
    status: "open",
    openSince: 1_000,
    lastAgentReplyAt: 5_000,
    lastCustomerAt: 2_000,
    waitingSince: null,
    slaDue: { response: null, resolution: null },
  };
  it("no customer reply counts from the agent's reply, or from the reopen when later", () => {
    expect(clockOf({ type: "no_customer_reply", hours: 1 }, base)).toEqual({ anchor: 5_000, dueAt: 5_000 + 3_600_000 });
    expect(clockOf({ type: "no_customer_reply", hours: 1 }, { ...base, openSince: 9_000 })).toEqual({ anchor: 9_000, dueAt: 9_000 + 3_600_000 });
    expect(clockOf({ type: "no_customer_reply", hours: 1 }, { ...base, lastCustomerAt: 6_000 })).toBeNull(); // answered
    expect(clockOf({ type: "no_customer_reply", hours: 1 }, { ...base, status: "snoozed" })).toBeNull();
  });
  it("no agent reply counts from when the customer started waiting", () => {
    expect(clockOf({ type: "no_agent_reply", minutes: 15 }, { ...base, waitingSince: 7_000 })).toEqual({ anchor: 7_000, dueAt: 7_000 + 900_000 });
    expect(clockOf({ type: "no_agent_reply", minutes: 15 }, base)).toBeNull();
    expect(clockOf({ type: "customer_message" }, { ...base, waitingSince: 7_000 })).toBeNull();
  });
  it("an SLA clock runs out before the first target due (or at it), also while snoozed, never on a closed ticket", () => {
    const sla = { ...base, slaDue: { response: 90_000, resolution: 50_000 } };
    expect(clockOf({ type: "sla_breach", target: null, minutesBefore: 0 }, sla)).toEqual({ anchor: 50_000, dueAt: 50_000 });
    expect(clockOf({ type: "sla_breach", target: "response", minutesBefore: 1 }, { ...sla, status: "snoozed" })).toEqual({ anchor: 90_000, dueAt: 30_000 });
    expect(clockOf({ type: "sla_breach", target: null, minutesBefore: 0 }, { ...sla, status: "closed" })).toBeNull();
    expect(clockOf({ type: "sla_breach", target: "response", minutesBefore: 0 }, base)).toBeNull();
  });
});

describe("quiet hours end", () => {
  it("is the next 08:00 in the customer's zone, across midnight and daylight saving", () => {
    expect(quietHoursEnd(new Date("2027-01-15T04:00:00Z"), "America/New_York")?.toISOString()).toBe("2027-01-15T13:00:00.000Z");
    expect(quietHoursEnd(new Date("2027-03-14T01:30:00Z"), "America/New_York")?.toISOString()).toBe("2027-03-14T12:00:00.000Z"); // DST starts that night
    expect(quietHoursEnd(new Date("2027-01-15T18:00:00Z"), "America/New_York")).toBeNull(); // 13:00 there
  });
});

describe("the rule body", () => {
  it("refuses a rule with nothing to do, a bad language code and a waiting time out of range", () => {
    const base = { name: "R", trigger: { type: "ticket_created" }, actions: [{ type: "close" }] };
    expect(RuleBody.safeParse(base).success).toBe(true);
    expect(RuleBody.safeParse({ ...base, actions: [] }).success).toBe(false);
    expect(RuleBody.safeParse({ ...base, conditions: [{ field: "language", in: ["english"] }] }).success).toBe(false);
    expect(RuleBody.safeParse({ ...base, trigger: { type: "no_agent_reply", minutes: 0 } }).success).toBe(false);
    expect(RuleBody.safeParse({ ...base, unknown: 1 }).success).toBe(false);
  });
});

describe("the demo workspace's rules", () => {
  it("are valid rules, SLA policies and survey settings", async () => {
    const { EVENT_RULES, WAITING_RULES, SLA, CSAT } = await import("../../scripts/seed-data.mjs");
    for (const rule of [...EVENT_RULES, ...WAITING_RULES]) expect(RuleBody.safeParse(rule).error?.issues ?? []).toEqual([]);
    expect(SlaSettings.safeParse(SLA).error?.issues ?? []).toEqual([]);
    expect(CsatSettings.safeParse(CSAT).error?.issues ?? []).toEqual([]);
  });
});
