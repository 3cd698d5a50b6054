// Automation rules in the ticket object. Each event the writer emits is a `rules:<n>` timer; running it reads the
// workspace's rules and what they need (ticket-rule-prep.ts), then in one storage transaction applies every matching
// rule in order and clears the timer — so a redelivered event or a retried alarm acts once. Waiting triggers ("no reply
// for 48 h") are `rule-clock:<rule>` timers set from the ticket's timestamps after every event, to the second.
import * as clock from "../clock";
import { z } from "zod";
import { clockOf, conditionsHold, triggerAnswers, type ClockFacts } from "../../../shared/rules/automation";
import { TIMED_TRIGGERS } from "../../../shared/schemas/rules";
import type { Env } from "../env";
import { loadSettings } from "../db/settings";
import { listRules, recordRuleRuns, type StoredRule } from "../db/rules";
import { directory } from "../db/shards";
import { getWorkspace } from "../db/workspaces";
import { withState } from "../domain/rule-facts";
import { describeAction } from "./ticket-rule-describe";
import { applyRuleActions, RULE_BLOCK_TIMER, RULE_MAIL_TIMER } from "./ticket-rule-actions";
import { RuleBlockPayload, RuleMailPayload, runRuleBlock, runRuleMail } from "./ticket-rule-effects";
import { prepareRules, type RulePrep } from "./ticket-rule-prep";
import type { TicketState } from "./ticket-state";
import type { TicketStore } from "./ticket-store";
import type { TimerRegistry } from "./ticket-timers";
import { RULES_TIMER, RuleEventPayload, type TicketWriter } from "./ticket-writer";

export const RULE_CLOCK_TIMER = "rule-clock";
export const RULE_LOG_TIMER = "rule-log";
const ClockPayload = z.object({ ruleId: z.string(), anchor: z.number() });
const LogPayload = z.object({ eventKey: z.string(), ruleIds: z.array(z.string()), at: z.number() });

const isTimed = (r: StoredRule) => (TIMED_TRIGGERS as readonly string[]).includes(r.trigger.type);
export const clockFacts = (s: TicketState): ClockFacts => ({
  status: s.status,
  openSince: s.openSince ?? s.periodStartedAt,
  lastAgentReplyAt: s.lastAgentReplyAt,
  lastCustomerAt: s.lastCustomerAt,
  waitingSince: s.waitingSince,
});

export class TicketRules {
  constructor(
    readonly env: Env,
    readonly ctx: DurableObjectState,
    readonly store: TicketStore,
    readonly writer: TicketWriter,
    readonly shard: (workspaceId: string) => D1Database,
  ) {}

  define(timers: TimerRegistry) {
    timers.define(RULES_TIMER, { payload: RuleEventPayload, run: (key, p) => this.onEvent(key, p) });
    timers.define(RULE_CLOCK_TIMER, { payload: ClockPayload, run: (key, p) => this.onClock(key, p) });
    timers.define(RULE_LOG_TIMER, { payload: LogPayload, run: (key, p) => this.log(key, p) });
    timers.define(RULE_MAIL_TIMER, { payload: RuleMailPayload, run: (key, p) => runRuleMail(this, key, p) });
    timers.define(RULE_BLOCK_TIMER, { payload: RuleBlockPayload, run: (key, p) => runRuleBlock(this, key, p) });
  }

  /** After rules change: re-reads them and re-arms this ticket's waiting clocks. */
  async refreshClocks(): Promise<void> {
    const state = this.store.state();
    if (!state?.opened) return;
    const rules = await listRules(this.shard(state.workspaceId), state.workspaceId, true);
    this.ctx.storage.transactionSync(() => this.scheduleClocks(this.store.current(), rules));
  }

  private async onEvent(key: string, p: RuleEventPayload) {
    const state = this.store.state();
    if (!state?.opened) return this.store.clearTimer(key);
    const rules = await listRules(this.shard(state.workspaceId), state.workspaceId, true);
    const answering = rules.filter((r) => !p.cause.includes(r.id) && triggerAnswers(r.trigger, p.event, r.id));
    const eventKey = `${state.createdAt}:${key}`;
    await this.act(key, eventKey, p.cause, answering, rules);
  }

  private async onClock(key: string, p: z.infer<typeof ClockPayload>) {
    const state = this.store.state();
    if (!state?.opened) return this.store.clearTimer(key);
    const rules = await listRules(this.shard(state.workspaceId), state.workspaceId, true);
    const rule = rules.find((r) => r.id === p.ruleId && isTimed(r));
    const running = rule ? clockOf(rule.trigger, clockFacts(state)) : null;
    const due = running && running.anchor === p.anchor && state.ruleClocksFired[p.ruleId] !== p.anchor && running.dueAt <= clock.now();
    if (!rule || !due) {
      // The clock was stopped (a reply, a close), restarted or deleted since it was set: set it again from the present.
      this.ctx.storage.transactionSync(() => {
        this.store.clearTimer(key);
        this.scheduleClocks(this.store.current(), rules);
      });
      return;
    }
    await this.act(key, `${state.createdAt}:clock:${rule.id}:${p.anchor}`, [], [rule], rules, (s) => {
      s.ruleClocksFired = { ...s.ruleClocksFired, [rule.id]: p.anchor };
    });
  }

  /** Reads what the rules need, then applies them in one transaction that also clears the event's timer. */
  private async act(key: string, eventKey: string, cause: string[], answering: StoredRule[], rules: StoredRule[], mark?: (state: TicketState) => void) {
    const state = this.store.current();
    const prep = answering.length ? await this.prepare(state, answering) : null;
    const at = clock.now();
    this.ctx.storage.transactionSync(() => {
      if (this.store.timer(key) === null) return; // already run
      this.store.clearTimer(key);
      const current = this.store.current();
      mark?.(current);
      const fired = prep ? this.runMatching(current, answering, prep.prep, { eventKey, cause, at, timeZone: prep.timeZone }) : [];
      this.scheduleClocks(current, rules);
      if (fired.length === 0 && !mark) return;
      if (fired.length) this.writer.schedule(`${RULE_LOG_TIMER}:${eventKey}`, at, { eventKey, ruleIds: fired, at });
      this.writer.commit(current, "rules");
    });
  }

  private async prepare(state: TicketState, rules: StoredRule[]): Promise<{ prep: RulePrep; timeZone: string }> {
    const [{ settings }, workspace] = await Promise.all([
      loadSettings(directory(this.env), state.workspaceId),
      getWorkspace(directory(this.env), state.workspaceId),
    ]);
    const timeZone = workspace?.timezone ?? settings.timezone;
    const text = this.store.lastCustomerMessage(state.lastInboundSeq)?.text ?? "";
    return { prep: await prepareRules(this.env, this.shard(state.workspaceId), state, rules, { text, settings, timeZone }), timeZone };
  }

  /** Each rule in order, on the ticket as the rules before it left it; its actions' events name it as their cause. */
  private runMatching(state: TicketState, rules: StoredRule[], prep: RulePrep, at: { eventKey: string; cause: string[]; at: number; timeZone: string }) {
    const fired: string[] = [];
    for (const rule of rules) {
      if (!conditionsHold(rule.match, rule.conditions, withState(prep.facts, state))) continue;
      // A rule with nothing left to do (an event its neighbour's actions caused) leaves no line and does not count.
      if (rule.actions.every((a, i) => describeAction(a, `${rule.id}:${i}`, prep, state, at.timeZone).outcome === "nothing_to_do")) continue;
      this.writer.cause = [...at.cause, rule.id];
      try {
        applyRuleActions({ writer: this.writer, state, prep, rule, eventKey: at.eventKey, timeZone: at.timeZone, at: at.at });
      } finally {
        this.writer.cause = [];
      }
      fired.push(rule.id);
    }
    return fired;
  }

  /** Sets each waiting rule's clock from the ticket's present state, and clears the clocks that no longer run. */
  private scheduleClocks(state: TicketState, rules: StoredRule[]) {
    const wanted = new Set<string>();
    for (const rule of rules.filter(isTimed)) {
      const running = clockOf(rule.trigger, clockFacts(state));
      if (!running || state.ruleClocksFired[rule.id] === running.anchor) continue;
      const key = `${RULE_CLOCK_TIMER}:${rule.id}`;
      wanted.add(key);
      this.store.setTimer(key, running.dueAt, { ruleId: rule.id, anchor: running.anchor });
    }
    for (const key of this.store.timerKeys(`${RULE_CLOCK_TIMER}:`)) if (!wanted.has(key)) this.store.clearTimer(key);
  }

  private async log(key: string, p: z.infer<typeof LogPayload>) {
    const state = this.store.state();
    if (state) await recordRuleRuns(this.shard(state.workspaceId), state.workspaceId, state.ticketId, p.eventKey, p.ruleIds, p.at);
    this.store.clearTimer(key);
  }
}
