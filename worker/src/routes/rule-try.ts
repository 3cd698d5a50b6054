// POST /api/rules/try: "what would happen" — a rule, saved or not, looked at against one ticket as it is now: whether
// its trigger could fire (a waiting rule: when its clock runs out), each condition with what the ticket has, and what
// each action would do. Nothing is changed, sent or shortened.
import { checkCondition, clockOf, conditionsHold } from "../../../shared/rules/automation";
import { RuleTryBody, RuleTryResponse, type RuleBody } from "../../../shared/schemas/rules";
import { agentRoute, type AppRouter } from "../http/agent-route";
import type { AgentContext } from "../http/auth";
import { OWNER_ADMIN, requireRole } from "../http/auth";
import { notFound, parseOr400, readJson } from "../http/errors";
import { respond } from "../http/respond";
import type { Env } from "../env";
import { ticketIdByNumber } from "../db/rules";
import { loadSettings } from "../db/settings";
import { dbFor, directory } from "../db/shards";
import { withState } from "../domain/rule-facts";
import { describeAction } from "../objects/ticket-rule-describe";
import { prepareRules } from "../objects/ticket-rule-prep";
import { clockFacts } from "../objects/ticket-rules";
import type { TicketState } from "../objects/ticket-state";
import { ticketStub, unwrap } from "./ticket-access";
import { validRule } from "./rules";

export function registerRuleTry(router: AppRouter) {
  router.post(
    "/api/rules/try",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "try rules");
      const body = parseOr400(RuleTryBody, await readJson(request));
      const rule = await validRule(env, who, body.rule);
      const ticketId = body.ticketId ?? (await ticketIdByNumber(dbFor(env, who.workspace.id), who.workspace.id, body.ticketNumber!));
      if (!ticketId) throw notFound("ticket");
      const view = unwrap(await (await ticketStub(env, who, ticketId)).view(who.workspace.id, who.agent.id));
      const text = view.messages.filter((m) => m.kind === "inbound").at(-1)?.text ?? "";
      return respond(RuleTryResponse, await explain(env, who, rule, view.state, text));
    }),
  );
}

async function explain(env: Env, who: AgentContext, rule: RuleBody, state: TicketState, text: string): Promise<RuleTryResponse> {
  const { settings } = await loadSettings(directory(env), who.workspace.id);
  const timeZone = who.workspace.timezone;
  const prep = await prepareRules(env, dbFor(env, who.workspace.id), state, [{ id: "try", actions: rule.actions }], { text, settings, timeZone, dryRun: true });
  const facts = withState(prep.facts, state);
  const running = clockOf(rule.trigger, clockFacts(state));
  const timed = rule.trigger.type === "no_customer_reply" || rule.trigger.type === "no_agent_reply";
  return {
    ticket: { id: state.ticketId, number: state.number },
    trigger: {
      applies: !timed || running !== null,
      note: timed ? (running ? "the clock runs" : "the clock does not run now") : "on each such event",
      dueAt: running ? new Date(running.dueAt).toISOString() : null,
    },
    conditions: rule.conditions.map((condition) => ({ condition, ...checkCondition(condition, facts) })),
    matched: conditionsHold(rule.match, rule.conditions, facts),
    actions: rule.actions.map((action, i) => ({ action, ...describeAction(action, `try:${i}`, prep, state, timeZone) })),
  };
}
