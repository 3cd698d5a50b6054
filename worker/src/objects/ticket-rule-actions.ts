// A matching rule's actions, applied to the ticket inside the rules' storage transaction. Each action writes the line an
// agent's own action would (named after the rule); one that can't be done leaves a line saying why and the rest go on.
import { activityLine } from "../../../shared/rules/activity";
import { snoozeUntil } from "../../../shared/rules/snooze";
import { MAX_TAGS, type Agent } from "../../../shared/schemas";
import type { Macro } from "../../../shared/schemas/macros";
import type { RuleAction } from "../../../shared/schemas/rules";
import type { StoredRule } from "../db/rules";
import { applyEdit, editTicket } from "./ticket-edit";
import { roundRobinPick, type PreparedMessage, type RulePrep } from "./ticket-rule-prep";
import type { TicketState } from "./ticket-state";
import type { TicketWriter } from "./ticket-writer";

export const RULE_MAIL_TIMER = "rule-mail";
export const RULE_BLOCK_TIMER = "rule-block";

export interface RuleRun {
  writer: TicketWriter;
  state: TicketState;
  prep: RulePrep;
  rule: StoredRule;
  /** Names this event, for the timers the actions schedule (an email per rule and event). */
  eventKey: string;
  timeZone: string;
  at: number;
}

type Step = "stepAssign" | "stepTags" | "stepReply" | "stepNote" | "stepMacro" | "stepNotify";
export type Reason =
  | "reasonNoAgent"
  | "reasonNoOperator"
  | "reasonTooManyTags"
  | "reasonMissingVariable"
  | "reasonNoConsent"
  | "reasonBlocked"
  | "reasonNoMacro"
  | "reasonMacroOrder"
  | "reasonNoRecipient";

export function applyRuleActions(run: RuleRun): void {
  run.writer.activity(run.state, activityLine("ruleRan", { rule: run.rule.name }), run.at);
  for (const [i, action] of run.rule.actions.entries()) apply(run, action, `${run.rule.id}:${i}`);
}

const who = (run: RuleRun) => ({ id: `rule:${run.rule.id}`, name: `“${run.rule.name}”` });
const skip = (run: RuleRun, step: Step, reason: Reason) =>
  run.writer.activity(run.state, activityLine("ruleSkipped", { rule: run.rule.name, stepKey: step, reasonKey: reason }), run.at);

function apply(run: RuleRun, action: RuleAction, key: string) {
  const { writer, state, at } = run;
  switch (action.type) {
    case "assign":
      return assign(run, action.to);
    case "add_tags":
    case "remove_tags":
      return retag(run, action.type === "add_tags" ? action.tags : [], action.type === "remove_tags" ? action.tags : []);
    case "set_description":
      if (state.description === action.text) return;
      state.description = action.text;
      return writer.activity(state, activityLine("descriptionSet", { who: who(run).name }), at);
    case "snooze":
      return void writer.transition(state, { type: "agent", to: "snoozed", until: snoozeUntil(action.preset, new Date(at), run.timeZone) }, who(run).name, at);
    case "close":
      return void writer.transition(state, { type: "agent", to: "closed" }, who(run).name, at);
    case "send_reply":
      return send(run, "reply", run.prep.messages.get(key));
    case "add_note":
      return send(run, "note", run.prep.messages.get(key));
    case "apply_macro":
      return applyMacro(run, run.prep.macros.get(action.macroId) ?? null, key);
    case "notify_email":
      return notify(run, action.to, key);
    case "mark_spam":
      retag(run, ["spam"], []);
      state.blocked = true;
      writer.transition(state, { type: "blocked" }, who(run).name, at);
      return writer.schedule(`${RULE_BLOCK_TIMER}:${state.profile.id}`, at, { rule: run.rule.name });
  }
}

function assign(run: RuleRun, to: string) {
  const { state, prep } = run;
  const pick = assigneeFor(prep, state, to);
  if ("reason" in pick) return pick.reason === "reasonUnchanged" ? undefined : skip(run, "stepAssign", pick.reason);
  if (pick.agent) prep.openLoad.set(pick.agent.id, (prep.openLoad.get(pick.agent.id) ?? 0) + 1);
  editTicket(run.writer, state, who(run), { assigneeId: pick.agent?.id ?? null, assigneeName: pick.agent?.name ?? null }, state.tags, run.at);
}

/** Whom an assign action gives the ticket to (null: unassign), or why it does nothing. */
export function assigneeFor(prep: RulePrep, state: TicketState, to: string): { agent: Agent | null } | { reason: Reason | "reasonUnchanged" } {
  if (to === "none") return state.assigneeId ? { agent: null } : { reason: "reasonUnchanged" };
  const agent = to === "round_robin" ? roundRobinPick(prep, state) : (prep.agents.find((a) => a.id === to) ?? null);
  if (!agent) return { reason: to === "round_robin" ? "reasonNoOperator" : "reasonNoAgent" };
  return agent.id === state.assigneeId ? { reason: "reasonUnchanged" } : { agent };
}

function retag(run: RuleRun, add: string[], remove: string[]) {
  const { state } = run;
  const change = tagChange(state.tags, add, remove);
  if (change === "tooMany") return skip(run, "stepTags", "reasonTooManyTags");
  if (!change) return;
  editTicket(run.writer, state, who(run), {}, change.tags, run.at);
  run.writer.activity(state, activityLine("tagsChanged", { who: who(run).name, tags: change.summary }), run.at);
}

/** The tags after adding and removing, with "+a −b"; null when nothing changes. */
export function tagChange(current: string[], add: string[], remove: string[]): { tags: string[]; summary: string } | "tooMany" | null {
  const tags = applyEdit(current, add, remove);
  if (tags.length > MAX_TAGS) return "tooMany";
  const added = tags.filter((t) => !current.includes(t));
  const removed = current.filter((t) => !tags.includes(t));
  if (added.length === 0 && removed.length === 0) return null;
  return { tags, summary: [...added.map((t) => `+${t}`), ...removed.map((t) => `−${t}`)].join(" ") };
}

/** Why a prepared message can't go, or null. */
export function messageProblem(message: PreparedMessage | undefined): Reason | null {
  if (!message || message.missing.length > 0) return "reasonMissingVariable";
  if (message.refusal) return message.refusal.code === "profile_blocked" ? "reasonBlocked" : "reasonNoConsent";
  return null;
}

function send(run: RuleRun, kind: "reply" | "note", message: PreparedMessage | undefined) {
  const problem = messageProblem(message);
  if (problem || !message) return skip(run, kind === "reply" ? "stepReply" : "stepNote", problem ?? "reasonMissingVariable");
  const { writer, state, at } = run;
  const author = { type: "system" as const, id: null, name: run.rule.name };
  if (kind === "note") return void writer.append(state, { kind: "note", text: message.text, author, status: null, source: "rule", at });
  writer.queueOutbound(state, { text: message.text, source: "rule", author, at, sendAt: message.sendAt ?? undefined });
  if (message.sendAt) writer.activity(state, activityLine("ruleHeldQuiet", { rule: run.rule.name, until: new Date(message.sendAt).toISOString() }), at);
}

/** A macro's ticket steps; a macro with an order action is refused (money moves only with an agent). */
function applyMacro(run: RuleRun, macro: Macro | null, key: string) {
  if (!macro) return skip(run, "stepMacro", "reasonNoMacro");
  if (macro.orderAction) return skip(run, "stepMacro", "reasonMacroOrder");
  run.writer.activity(run.state, activityLine("macroApplied", { who: who(run).name, macro: macro.name }), run.at);
  if (macro.message) send(run, macro.message.kind, run.prep.messages.get(key));
  retag(run, macro.addTags, macro.removeTags);
  if (macro.assign && macro.assign !== "me") assign(run, macro.assign);
  if (macro.status?.to === "closed") apply(run, { type: "close" }, key);
  else if (macro.status?.to === "snoozed") apply(run, { type: "snooze", preset: macro.status.preset }, key);
}

/** The addresses of "assignee", "followers" and plain addresses, once each. */
export function recipientsOf(prep: RulePrep, state: TicketState, targets: string[]): string[] {
  const emailOf = (id: string | null) => prep.agents.find((a) => a.id === id)?.email ?? null;
  const to = targets.flatMap((t) => (t === "assignee" ? [emailOf(state.assigneeId)] : t === "followers" ? state.followers.map(emailOf) : [t]));
  return [...new Set(to.filter((x): x is string => Boolean(x)))];
}

/** The addresses now (the assignee and followers as they are after earlier actions); the mail goes from a timer. */
function notify(run: RuleRun, targets: string[], key: string) {
  const unique = recipientsOf(run.prep, run.state, targets);
  if (unique.length === 0) return skip(run, "stepNotify", "reasonNoRecipient");
  run.writer.schedule(`${RULE_MAIL_TIMER}:${run.eventKey}:${key}`, run.at, { rule: run.rule.name, to: unique, done: [], attempts: 0 });
}
