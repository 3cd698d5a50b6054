// Taking access away or renewing it: remove an agent (their open tickets go back to Unassigned) and rotate tokens.
import type { Role } from "../../../shared/schemas";
import type { AgentContext } from "../http/auth";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { forbidden, notFound } from "../http/errors";
import { randomToken, sha256Hex } from "../http/crypto";
import { deleteAgent, getAgent, setAgentTokenHash } from "../db/workspaces";
import { forgetAgent, ticketsAssignedTo } from "../db/agent-data";
import { editTicket } from "./ticket-actions";
import { dbFor, directory } from "../db/shards";
import { NewAgentResponse, RemovedAgent } from "../../../shared/schemas";
import { respond } from "../http/respond";
import { forgetTokens } from "../http/auth";

/** Owners manage everyone but themselves; admins manage managers, support and analysts. */
function mayManage(who: AgentContext, target: { id: string; role: Role }): boolean {
  if (target.id === who.agent.id || target.role === "owner") return false;
  if (who.agent.role === "owner") return true;
  return who.agent.role === "admin" && target.role !== "admin";
}

export function registerAgentAccessRoutes(router: AppRouter) {
  router.delete(
    "/api/agents/:id",
    agentRoute(async (request, env, who) => {
      const target = await getAgent(directory(env), who.workspace.id, request.params.id!);
      if (!target) throw notFound("agent");
      if (!mayManage(who, target)) throw forbidden("You cannot remove this agent.");
      // Revoke first, so the token stops working even if unassigning below is interrupted.
      await deleteAgent(directory(env), who.workspace.id, target.id);
      forgetTokens(who.workspace.id);
      const shard = dbFor(env, who.workspace.id);
      await forgetAgent(shard, who.workspace.id, target.id);
      const assigned = await ticketsAssignedTo(shard, who.workspace.id, target.id, 1000);
      for (const id of assigned) await editTicket(env, who, id, { assigneeId: null, removeFollowers: [target.id] });
      await env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).announcePresence(who.workspace.id);
      return respond(RemovedAgent, { removed: target.id, unassigned: assigned.length });
    }),
  );

  /** A new token for an agent (or yourself); the old one stops working at once. Shown once. */
  router.post(
    "/api/agents/:id/token",
    agentRoute(
      async (request, env, who) => {
        const target = await getAgent(directory(env), who.workspace.id, request.params.id!);
        if (!target) throw notFound("agent");
        if (target.id !== who.agent.id && !mayManage(who, target)) throw forbidden("You cannot renew this agent's token.");
        const token = randomToken("sdk");
        await setAgentTokenHash(directory(env), who.workspace.id, target.id, await sha256Hex(token));
        forgetTokens(who.workspace.id);
        return respond(NewAgentResponse, { agent: target, token });
      },
      { anyRole: true },
    ),
  );
}
