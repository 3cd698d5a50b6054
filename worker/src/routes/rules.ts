// Automation rules (docs/api.md §17): owners and admins list, create, change, reorder and delete them, each change in
// the audit log. A saved waiting rule ("no reply for 48 h") is set on every open ticket by the inbox's sweep.
import { RuleBody, RuleList, RuleOrderBody, RuleResponse, type Rule } from "../../../shared/schemas/rules";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER_ADMIN, requireRole, type AgentContext } from "../http/auth";
import { randomId } from "../http/crypto";
import { HttpError, notFound, parseOr400, readJson } from "../http/errors";
import { respond } from "../http/respond";
import type { Env } from "../env";
import { audit } from "../db/audit-log";
import { getMacro } from "../db/macros";
import { deleteRule, getRule, listRules, reorderRules, ruleRunCounts, saveRule, type StoredRule } from "../db/rules";
import { dbFor, directory } from "../db/shards";
import { listAgents } from "../db/workspaces";
import { INBOX_ROLES } from "../../../shared/schemas";
import { registerRuleTry } from "./rule-try";

export function registerRuleRoutes(router: AppRouter) {
  router.get(
    "/api/rules",
    agentRoute(async (_request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage rules");
      const db = dbFor(env, who.workspace.id);
      const [rules, counts] = await Promise.all([listRules(db, who.workspace.id), ruleRunCounts(db, who.workspace.id)]);
      return respond(RuleList, { rules: rules.map((r) => withCount(r, counts)) });
    }),
  );

  router.post(
    "/api/rules",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage rules");
      const body = await validRule(env, who, await readJson(request));
      const rule = await save(env, who, randomId("rl"), body, true);
      await afterChange(env, who, "rule.created", rule);
      return respond(RuleResponse, { rule: withCount(rule, new Map()) }, { status: 201 });
    }),
  );

  router.put(
    "/api/rules/order",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage rules");
      const { ids } = parseOr400(RuleOrderBody, await readJson(request));
      const db = dbFor(env, who.workspace.id);
      await reorderRules(db, who.workspace.id, ids);
      const [rules, counts] = await Promise.all([listRules(db, who.workspace.id), ruleRunCounts(db, who.workspace.id)]);
      return respond(RuleList, { rules: rules.map((r) => withCount(r, counts)) });
    }),
  );

  router.put(
    "/api/rules/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage rules");
      const body = await validRule(env, who, await readJson(request));
      const rule = await save(env, who, request.params.id!, body, false);
      await afterChange(env, who, "rule.updated", rule);
      const counts = await ruleRunCounts(dbFor(env, who.workspace.id), who.workspace.id);
      return respond(RuleResponse, { rule: withCount(rule, counts) });
    }),
  );

  router.delete(
    "/api/rules/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage rules");
      const db = dbFor(env, who.workspace.id);
      const rule = await getRule(db, who.workspace.id, request.params.id!);
      if (!rule || !(await deleteRule(db, who.workspace.id, rule.id))) throw notFound("rule");
      await afterChange(env, who, "rule.deleted", rule);
      return new Response(null, { status: 204 });
    }),
  );

  registerRuleTry(router);
}

const withCount = (r: StoredRule, counts: Map<string, number>): Rule => ({ ...r, firedLast7Days: counts.get(r.id) ?? 0 });

/** The body, and the agents and macros it names: they must exist (a macro with an order action is for agents only). */
export async function validRule(env: Env, who: AgentContext, json: unknown): Promise<RuleBody> {
  const body = parseOr400(RuleBody, json);
  const ws = who.workspace.id;
  const agentIds = [
    ...body.actions.flatMap((a) => (a.type === "assign" && a.to !== "none" && a.to !== "round_robin" ? [a.to] : [])),
    ...body.conditions.flatMap((c) => (c.field === "assignee" && c.is !== "none" && c.is !== "any" ? [c.is] : [])),
  ];
  if (agentIds.length) {
    const agents = (await listAgents(directory(env), ws)).filter((a) => INBOX_ROLES.includes(a.role));
    const unknown = agentIds.find((id) => !agents.some((a) => a.id === id));
    if (unknown) throw new HttpError(422, "unknown_agent", `No inbox agent ${unknown} in this workspace.`);
  }
  for (const a of body.actions) {
    if (a.type !== "apply_macro") continue;
    const macro = await getMacro(dbFor(env, ws), ws, a.macroId);
    if (!macro) throw new HttpError(422, "unknown_macro", `No macro ${a.macroId} in this workspace.`);
    if (macro.orderAction)
      throw new HttpError(422, "macro_has_order_action", `The macro “${macro.name}” takes an order action, which only an agent can apply.`);
  }
  return body;
}

async function save(env: Env, who: AgentContext, id: string, body: RuleBody, create: boolean) {
  try {
    const rule = await saveRule(dbFor(env, who.workspace.id), who.workspace.id, id, body, create);
    if (!rule) throw notFound("rule");
    return rule;
  } catch (err) {
    if (err instanceof Error && err.message === "name_taken") throw new HttpError(409, "name_taken", `A rule named “${body.name}” already exists.`);
    throw err;
  }
}

const VERB = { "rule.created": "Created", "rule.updated": "Changed", "rule.deleted": "Deleted" } as const;

/** The audit entry, and for a waiting rule, its clock set on every open ticket (the inbox object sweeps them). */
async function afterChange(env: Env, who: AgentContext, action: keyof typeof VERB, rule: StoredRule) {
  await audit(dbFor(env, who.workspace.id), who.workspace.id, {
    actor: { id: who.agent.id, name: who.agent.name },
    action,
    target: rule.name,
    summary: `${VERB[action]} the rule “${rule.name}”`,
    detail: { ruleId: rule.id },
  });
  if (rule.trigger.type === "no_customer_reply" || rule.trigger.type === "no_agent_reply") {
    await env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).sweepRuleClocks(who.workspace.id);
  }
}
