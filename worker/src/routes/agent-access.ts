// Taking access away or renewing it: remove an agent (their open tickets go back to Unassigned) and rotate tokens.
import type { Role } from "../../../shared/schemas";
import type { AgentContext } from "../http/auth";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { forbidden, notFound } from "../http/errors";
import { randomToken, sha256Hex } from "../http/crypto";
import { getAgent } from "../db/workspaces";
import { editTicket } from "./ticket-actions";

/** Owners manage everyone but themselves; admins manage managers, support and analysts. */
function mayManage(who: AgentContext, target: { id: string; role: Role }): boolean {
  if (target.id === who.agent.id || target.role === "owner") return false;
  if (who.agent.role === "owner") return true;
  return who.agent.role === "admin" && target.role !== "admin";
}

export function registerAgentAccessRoutes(router: AppRouter) {
  router.delete("/api/agents/:id", agentRoute(async (request, env, who) => {
    const target = await getAgent(env.DB, who.workspace.id, request.params.id!);
    if (!target) throw notFound("agent");
    if (!mayManage(who, target)) throw forbidden("You cannot remove this agent.");
    // Revoke first, so the token stops working even if unassigning below is interrupted.
    await env.DB.batch([
      env.DB.prepare("DELETE FROM agents WHERE workspace_id = ?1 AND id = ?2").bind(who.workspace.id, target.id),
      env.DB.prepare("DELETE FROM ticket_unread WHERE workspace_id = ?1 AND agent_id = ?2").bind(who.workspace.id, target.id),
      env.DB.prepare("DELETE FROM ticket_favorites WHERE workspace_id = ?1 AND agent_id = ?2").bind(who.workspace.id, target.id),
      env.DB.prepare("DELETE FROM saved_views WHERE workspace_id = ?1 AND agent_id = ?2").bind(who.workspace.id, target.id),
    ]);
    const { results } = await env.DB.prepare("SELECT id FROM tickets WHERE workspace_id = ?1 AND assignee_id = ?2 LIMIT 1000")
      .bind(who.workspace.id, target.id).all<{ id: string }>();
    for (const t of results) await editTicket(env, who, t.id, { assigneeId: null, removeFollowers: [target.id] });
    await env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).announcePresence(who.workspace.id);
    return Response.json({ removed: target.id, unassigned: results.length });
  }));

  /** A new token for an agent (or yourself); the old one stops working at once. Shown once. */
  router.post("/api/agents/:id/token", agentRoute(async (request, env, who) => {
    const target = await getAgent(env.DB, who.workspace.id, request.params.id!);
    if (!target) throw notFound("agent");
    if (target.id !== who.agent.id && !mayManage(who, target)) throw forbidden("You cannot renew this agent's token.");
    const token = randomToken("sdk");
    await env.DB.prepare("UPDATE agents SET token_hash = ?3 WHERE workspace_id = ?1 AND id = ?2").bind(who.workspace.id, target.id, await sha256Hex(token)).run();
    return Response.json({ agent: target, token });
  }, { anyRole: true }));
}
