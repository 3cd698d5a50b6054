// What one rule action would do to a ticket as it is now: "would_do", "nothing_to_do" (already so) or "cannot" (and
// why). The "what would happen" route shows it; the rules runner skips a rule whose every action has nothing to do.
import * as clock from "../clock";
import ACTIVITY_EN from "../../../shared/i18n/en/activity.json";
import { snoozeUntil } from "../../../shared/rules/snooze";
import type { RuleAction, RuleTryResponse } from "../../../shared/schemas/rules";
import { assigneeFor, messageProblem, recipientsOf, tagChange, type Reason } from "./ticket-rule-actions";
import type { RulePrep } from "./ticket-rule-prep";
import type { TicketState } from "./ticket-state";

type Outcome = RuleTryResponse["actions"][number]["outcome"];

const result = (outcome: Outcome, summary: string) => ({ outcome, summary, reason: null });
const cannot = (reason: Reason) => ({ outcome: "cannot" as const, summary: ACTIVITY_EN[reason], reason });

/** What one action would do to the ticket as it is now (each action on its own, not after the ones before it). */
export function describeAction(action: RuleAction, key: string, prep: RulePrep, state: TicketState, timeZone: string) {
  switch (action.type) {
    case "assign": {
      const pick = assigneeFor(prep, state, action.to);
      if ("reason" in pick) return pick.reason === "reasonUnchanged" ? result("nothing_to_do", "already so") : cannot(pick.reason);
      return result("would_do", pick.agent ? `Assign to ${pick.agent.name}` : "Unassign");
    }
    case "add_tags":
    case "remove_tags": {
      const change = tagChange(state.tags, action.type === "add_tags" ? action.tags : [], action.type === "remove_tags" ? action.tags : []);
      return change === "tooMany" ? cannot("reasonTooManyTags") : change ? result("would_do", change.summary) : result("nothing_to_do", "already so");
    }
    case "set_description":
      return state.description === action.text ? result("nothing_to_do", "already so") : result("would_do", action.text);
    case "snooze":
      return result("would_do", `Snooze until ${snoozeUntil(action.preset, clock.nowDate(), timeZone).toISOString()}`);
    case "close":
      return state.status === "closed" ? result("nothing_to_do", "already closed") : result("would_do", "Close");
    case "send_reply":
    case "add_note": {
      const message = prep.messages.get(key);
      const problem = messageProblem(message);
      if (problem || !message) return cannot(problem ?? "reasonMissingVariable");
      return result("would_do", message.sendAt ? `${message.text} (sent at ${new Date(message.sendAt).toISOString()}, after quiet hours)` : message.text);
    }
    case "apply_macro": {
      const macro = prep.macros.get(action.macroId);
      if (!macro) return cannot("reasonNoMacro");
      return macro.orderAction ? cannot("reasonMacroOrder") : result("would_do", `Apply “${macro.name}”`);
    }
    case "notify_email": {
      const to = recipientsOf(prep, state, action.to);
      return to.length ? result("would_do", `Email ${to.join(", ")}`) : cannot("reasonNoRecipient");
    }
    case "mark_spam":
      return state.blocked ? result("nothing_to_do", "already blocked") : result("would_do", "Tag spam, block the profile and close");
  }
}
