// Automation rules in the ticket object. Each event the writer emits is a `rules:<n>` timer; running it reads the
// workspace's rules and what they need (ticket-rule-prep.ts), then in one storage transaction applies every matching
// rule in order and clears the timer — so a redelivered event or a retried alarm acts once. Waiting triggers ("no reply
// for 48 h") are `rule-clock:<rule>` timers set from the ticket's timestamps after every event, to the second.
import * as clock from "../clock";
import { z } from "zod";
import { clockOf, conditionsHold, triggerAnswers, type ClockFacts } from "../../../shared/rules/automation";
import { TIMED_TRIGGERS } from "../../../shared/schemas/rules";
import type { Env } from "../env";
import { loadSettings, readSettings } from "../db/settings";
import { listRules, recordRuleRuns, type StoredRule } from "../db/rules";
import { directory } from "../db/shards";
import { getWorkspace } from "../db/workspaces";
import { withState } from "../domain/rule-facts";
import { describeAction } from "./ticket-rule-describe";
import { applyRuleActions, RULE_BLOCK_TIMER, RULE_MAIL_TIMER } from "./ticket-rule-actions";
import { RuleBlockPayload, RuleMailPayload, runRuleBlock, runRuleMail } from "./ticket-rule-effects";
import { prepareRules, type RulePrep } from "./ticket-rule-prep";
import { CSAT_TIMER, CsatPayload, scheduleCsat, sendSurvey } from "./ticket-csat";
import { applySla, logSlaResult, markBreach, SLA_LOG_TIMER, SLA_TIMER, SlaLogPayload } from "./ticket-sla";
import type { Settings } from "../../../shared/schemas/settings";
import type { TicketState } from "./ticket-state";
import type { TicketStore } from "./ticket-store";
import type { TimerRegistry } from "./ticket-timers";
import { RULES_TIMER, RuleEventPayload, type TicketWriter } from "./ticket-writer";

export const RULE_CLOCK_TIMER = "rule-clock";
export const RULE_LOG_TIMER = "rule-log";
const ClockPayload = z.object({ ruleId: z.string(), anchor: z.number() });
const LogPayload = z.object({ eventKey: z.string(), ruleIds: z.array(z.string()), at: z.number() });

interface Loaded {
  rules: StoredRule[];
  settings: Settings;
  timeZone: string;
}

const isTimed = (r: StoredRule) => (TIMED_TRIGGERS as readonly string[]).includes(r.trigger.type);
export const clockFacts = (s: TicketState): ClockFacts => ({
  status: s.status,
  openSince: s.openSince ?? s.periodStartedAt,
  lastAgentReplyAt: s.lastAgentReplyAt,
  lastCustomerAt: s.lastCustomerAt,
  waitingSince: s.waitingSince,
  slaDue: { response: s.sla?.response?.dueAt ?? null, resolution: s.sla?.resolution?.dueAt ?? null },
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
    timers.define(SLA_TIMER, { payload: z.null(), run: (key) => markBreach(this.ctx, this.store, this.writer, key) });
    timers.define(CSAT_TIMER, { payload: CsatPayload, run: (key, p) => sendSurvey(this, key, p) });
    timers.define(SLA_LOG_TIMER, { payload: SlaLogPayload, run: (key, p) => logSlaResult(this.store, this.shard, key, p) });
  }

  /** After rules or SLA policies change: re-reads them, reconciles the ticket's SLA and re-arms its waiting clocks. */
  async refreshClocks(): Promise<void> {
    const state = this.store.state();
    if (!state?.opened) return;
    const loaded = await this.load(state, true);
    this.ctx.storage.transactionSync(() => {
      const current = this.store.current();
      const slaChanged = applySla(this.store, this.writer, current, loaded.settings, loaded.timeZone);
      scheduleCsat(this.store, current, loaded.settings);
      this.scheduleClocks(current, loaded.rules);
      if (slaChanged) this.writer.commit(current, "sla");
    });
  }

  private async onEvent(key: string, p: RuleEventPayload) {
    const state = this.store.state();
    if (!state?.opened) return this.store.clearTimer(key);
    const loaded = await this.load(state);
    const answering = loaded.rules.filter((r) => !p.cause.includes(r.id) && triggerAnswers(r.trigger, p.event, r.id));
    await this.act(key, `${state.createdAt}:${key}`, p.cause, answering, loaded);
  }

  private async onClock(key: string, p: z.infer<typeof ClockPayload>) {
    const state = this.store.state();
    if (!state?.opened) return this.store.clearTimer(key);
    const loaded = await this.load(state);
    const rule = loaded.rules.find((r) => r.id === p.ruleId && isTimed(r));
    const running = rule ? clockOf(rule.trigger, clockFacts(state)) : null;
    const due = running && running.anchor === p.anchor && state.ruleClocksFired[p.ruleId] !== p.anchor && running.dueAt <= clock.now();
    if (!rule || !due) {
      // The clock was stopped (a reply, a close), restarted or deleted since it was set: set it again from the present.
      this.ctx.storage.transactionSync(() => {
        this.store.clearTimer(key);
        this.scheduleClocks(this.store.current(), loaded.rules);
      });
      return;
    }
    await this.act(key, `${state.createdAt}:clock:${rule.id}:${p.anchor}`, [], [rule], loaded, (s) => {
      s.ruleClocksFired = { ...s.ruleClocksFired, [rule.id]: p.anchor };
    });
  }

  /** The workspace's enabled rules, settings (SLA policies, hours) and time zone. */
  private async load(state: TicketState, fresh = false): Promise<Loaded> {
    const [rules, { settings }, workspace] = await Promise.all([
      listRules(this.shard(state.workspaceId), state.workspaceId, true),
      (fresh ? readSettings : loadSettings)(directory(this.env), state.workspaceId), // a sweep follows a change just saved
      getWorkspace(directory(this.env), state.workspaceId),
    ]);
    return { rules, settings, timeZone: workspace?.timezone ?? settings.timezone };
  }

  /**
   * Reads what the answering rules need, then in one transaction (which also clears the event's timer): the SLA
   * targets follow the change, the rules act, and the waiting clocks are set again.
   */
  private async act(key: string, eventKey: string, cause: string[], answering: StoredRule[], loaded: Loaded, mark?: (state: TicketState) => void) {
    const state = this.store.current();
    const text = this.store.lastCustomerMessage(state.lastInboundSeq)?.text ?? "";
    const { settings, timeZone } = loaded;
    const prep = answering.length ? await prepareRules(this.env, this.shard(state.workspaceId), state, answering, { text, settings, timeZone }) : null;
    const at = clock.now();
    this.ctx.storage.transactionSync(() => {
      if (this.store.timer(key) === null) return; // already run
      this.store.clearTimer(key);
      const current = this.store.current();
      mark?.(current);
      const slaChanged = applySla(this.store, this.writer, current, settings, timeZone);
      const fired = prep ? this.runMatching(current, answering, prep, { eventKey, cause, at, timeZone }) : [];
      scheduleCsat(this.store, current, settings);
      this.scheduleClocks(current, loaded.rules);
      if (fired.length === 0 && !mark && !slaChanged) return;
      if (fired.length) this.writer.schedule(`${RULE_LOG_TIMER}:${eventKey}`, at, { eventKey, ruleIds: fired, at });
      this.writer.commit(current, "rules");
    });
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
