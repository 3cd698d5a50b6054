// The rule form's editable rows and their conversion to and from the shared rule schema. A row keeps every input's
// value (so switching a row's field and back loses nothing); only the fields of its kind go into the rule.
import type { RuleAction, RuleActionType, RuleBody, RuleCondition, RuleConditionField, RuleTrigger } from "../../shared/schemas/rules";

export interface ConditionDraft {
  field: RuleConditionField;
  /** Channels, statuses or consents ticked. */
  picked: string[];
  op: string;
  /** Words, a tag, or language codes. */
  text: string;
  /** "yes" / "no", or an assignee ("none", "any", an agent id). */
  is: string;
  value: number;
}

export interface ActionDraft {
  type: RuleActionType;
  /** Assignee: "round_robin", "none" or an agent id. */
  to: string;
  text: string;
  tags: string;
  preset: "later_today" | "tomorrow" | "next_week";
  macroId: string;
  notifyAssignee: boolean;
  notifyFollowers: boolean;
  addresses: string;
}

export interface TriggerDraft {
  type: RuleTrigger["type"];
  to: string;
  tag: string;
  hours: number;
  minutes: number;
  /** SLA: "response", "resolution" or "" (either), and how long before the due time. */
  slaTarget: string;
  minutesBefore: number;
  /** Satisfaction answers with this score or less. */
  maxScore: number;
}

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const lower = (s: string) => list(s).map((x) => x.toLowerCase());
const OP_DEFAULT: Partial<Record<RuleConditionField, string>> = {
  text: "contains_any",
  tag: "has",
  order_count: "at_least",
  lifetime_value: "at_least",
};

export function newCondition(field: RuleConditionField = "channel"): ConditionDraft {
  return { field, picked: [], op: OP_DEFAULT[field] ?? "", text: "", is: field === "assignee" ? "none" : "yes", value: 1 };
}

/** A field changed: the operator and yes/no fit the new field. */
export function refit(d: ConditionDraft): void {
  d.op = OP_DEFAULT[d.field] ?? "";
  if (d.field === "assignee" && d.is !== "none" && d.is !== "any") d.is = "none";
  if (d.field !== "assignee" && d.is !== "yes" && d.is !== "no") d.is = "yes";
}

export function newAction(type: RuleActionType = "add_tags"): ActionDraft {
  return { type, to: "round_robin", text: "", tags: "", preset: "tomorrow", macroId: "", notifyAssignee: true, notifyFollowers: false, addresses: "" };
}

export const newTrigger = (): TriggerDraft => ({
  type: "customer_message",
  to: "",
  tag: "",
  hours: 48,
  minutes: 15,
  slaTarget: "",
  minutesBefore: 15,
  maxScore: 2,
});

export function toTrigger(d: TriggerDraft): unknown {
  switch (d.type) {
    case "status_changed":
      return { type: d.type, to: d.to || null };
    case "tag_added":
      return { type: d.type, tag: d.tag.trim().toLowerCase() || null };
    case "no_customer_reply":
      return { type: d.type, hours: Number(d.hours) };
    case "no_agent_reply":
      return { type: d.type, minutes: Number(d.minutes) };
    case "sla_breach":
      return { type: d.type, target: d.slaTarget || null, minutesBefore: Number(d.minutesBefore) };
    case "csat_received":
      return { type: d.type, maxScore: Number(d.maxScore) };
    default:
      return { type: d.type };
  }
}

export function fromTrigger(t: RuleTrigger): TriggerDraft {
  const d = newTrigger();
  d.type = t.type;
  if (t.type === "status_changed") d.to = t.to ?? "";
  if (t.type === "tag_added") d.tag = t.tag ?? "";
  if (t.type === "no_customer_reply") d.hours = t.hours;
  if (t.type === "no_agent_reply") d.minutes = t.minutes;
  if (t.type === "sla_breach") [d.slaTarget, d.minutesBefore] = [t.target ?? "", t.minutesBefore];
  if (t.type === "csat_received") d.maxScore = t.maxScore;
  return d;
}

export function toCondition(d: ConditionDraft): unknown {
  const yes = d.is === "yes";
  switch (d.field) {
    case "channel":
    case "status":
    case "consent":
      return { field: d.field, in: d.picked };
    case "text":
      return { field: d.field, op: d.op, words: list(d.text) };
    case "tag":
      return { field: d.field, op: d.op, tag: d.text.trim().toLowerCase() };
    case "assignee":
      return { field: d.field, is: d.is };
    case "blocked":
    case "returning_customer":
    case "business_hours":
      return { field: d.field, is: yes };
    case "order_count":
    case "lifetime_value":
      return { field: d.field, op: d.op, value: Number(d.value) };
    case "language":
      return { field: d.field, in: lower(d.text) };
  }
}

export function fromCondition(c: RuleCondition): ConditionDraft {
  const d = newCondition(c.field);
  if ("in" in c) d.picked = [...c.in];
  if (c.field === "language") d.text = c.in.join(", ");
  if ("op" in c) d.op = c.op;
  if (c.field === "text") d.text = c.words.join(", ");
  if (c.field === "tag") d.text = c.tag;
  if (c.field === "assignee") d.is = c.is;
  if (c.field === "blocked" || c.field === "returning_customer" || c.field === "business_hours") d.is = c.is ? "yes" : "no";
  if (c.field === "order_count" || c.field === "lifetime_value") d.value = c.value;
  return d;
}

export function toAction(d: ActionDraft): unknown {
  switch (d.type) {
    case "assign":
      return { type: d.type, to: d.to };
    case "add_tags":
    case "remove_tags":
      return { type: d.type, tags: lower(d.tags) };
    case "set_description":
    case "send_reply":
    case "add_note":
      return { type: d.type, text: d.text };
    case "snooze":
      return { type: d.type, preset: d.preset };
    case "apply_macro":
      return { type: d.type, macroId: d.macroId };
    case "notify_email":
      return { type: d.type, to: [...(d.notifyAssignee ? ["assignee"] : []), ...(d.notifyFollowers ? ["followers"] : []), ...lower(d.addresses)] };
    case "close":
    case "mark_spam":
      return { type: d.type };
  }
}

export function fromAction(a: RuleAction): ActionDraft {
  const d = newAction(a.type);
  if (a.type === "assign") d.to = a.to;
  if (a.type === "add_tags" || a.type === "remove_tags") d.tags = a.tags.join(", ");
  if (a.type === "set_description" || a.type === "send_reply" || a.type === "add_note") d.text = a.text;
  if (a.type === "snooze") d.preset = a.preset;
  if (a.type === "apply_macro") d.macroId = a.macroId;
  if (a.type === "notify_email") {
    d.notifyAssignee = a.to.includes("assignee");
    d.notifyFollowers = a.to.includes("followers");
    d.addresses = a.to.filter((x) => x !== "assignee" && x !== "followers").join(", ");
  }
  return d;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  trigger: TriggerDraft;
  match: "all" | "any";
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

/** The body to validate with the shared schema (RuleBody.safeParse) before it is sent. */
export const toRuleInput = (d: RuleDraft): unknown => ({
  name: d.name,
  enabled: d.enabled,
  trigger: toTrigger(d.trigger),
  match: d.match,
  conditions: d.conditions.map(toCondition),
  actions: d.actions.map(toAction),
});

export const fromRule = (r: RuleBody | null): RuleDraft =>
  r
    ? {
        name: r.name,
        enabled: r.enabled,
        trigger: fromTrigger(r.trigger),
        match: r.match,
        conditions: r.conditions.map(fromCondition),
        actions: r.actions.map(fromAction),
      }
    : { name: "", enabled: true, trigger: newTrigger(), match: "all", conditions: [], actions: [newAction()] };
