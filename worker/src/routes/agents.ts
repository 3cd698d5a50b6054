// Agents: create (owner/admin), list, and `me` (any role may ask who it is).
import * as clock from "../clock";
import { MeUpdate, NewAgentBody } from "../../../shared/schemas";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER_ADMIN, requireRole, forgetTokens } from "../http/auth";
import { randomId, randomToken, sha256Hex } from "../http/crypto";
import { HttpError, notFound, parseOr400, readJson } from "../http/errors";
import { getAgent, insertAgentStmt, listAgents, setLanguage, setFollowedTags, setNotifyFollowed, setOperator, toAgent } from "../db/workspaces";
import { directory } from "../db/shards";
import { AgentList, Me, NewAgentResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerAgentRoutes(router: AppRouter) {
  router.post(
    "/api/agents",
    agentRoute(
      async (request, env, who) => {
        requireRole(who, OWNER_ADMIN, "add agents");
        const body = parseOr400(NewAgentBody, await readJson(request));
        const token = randomToken("sdk");
        const now = clock.now();
        const agent = {
          id: randomId("ag"),
          workspaceId: who.workspace.id,
          name: body.name,
          email: body.email.toLowerCase(),
          role: body.role,
          tokenHash: await sha256Hex(token),
          createdAt: now,
        };
        try {
          await insertAgentStmt(directory(env), agent).run();
        } catch (err) {
          if (String(err).includes("UNIQUE")) throw new HttpError(409, "agent_exists", "An agent with that email already exists in this workspace.");
          throw err;
        }
        const created = toAgent({
          id: agent.id,
          workspace_id: agent.workspaceId,
          name: agent.name,
          email: agent.email,
          role: agent.role,
          operator: 0,
          language: null,
          created_at: now,
        });
        return respond(NewAgentResponse, { agent: created, token }, { status: 201 });
      },
      { anyRole: true },
    ),
  );

  router.get(
    "/api/agents",
    agentRoute(async (_request, env, who) => respond(AgentList, { agents: await listAgents(directory(env), who.workspace.id) })),
  );

  router.get(
    "/api/me",
    agentRoute((_request, _env, who) => respond(Me, { agent: who.agent, workspace: who.workspace }), { anyRole: true }),
  );

  /** Operator mode (an operator also sees unassigned tickets in My sessions and is preferred by auto-assign) and the
   *  agent's panel language. */
  router.patch(
    "/api/me",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(MeUpdate, await readJson(request));
      if (body.operator !== undefined) await setOperator(directory(env), who.workspace.id, who.agent.id, body.operator);
      if (body.language !== undefined) await setLanguage(directory(env), who.workspace.id, who.agent.id, body.language);
      if (body.followedTags !== undefined) await setFollowedTags(directory(env), who.workspace.id, who.agent.id, body.followedTags);
      if (body.notifyFollowed !== undefined) await setNotifyFollowed(directory(env), who.workspace.id, who.agent.id, body.notifyFollowed);
      forgetTokens(who.workspace.id);
      const agent = await getAgent(directory(env), who.workspace.id, who.agent.id);
      if (!agent) throw notFound("agent"); // removed a moment ago
      await env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).announcePresence(who.workspace.id);
      return respond(Me, { agent, workspace: who.workspace });
    }),
  );
}
