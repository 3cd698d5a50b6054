// POST /api/tickets/bulk: one action on listed ids or on every ticket matching a filter (capped).
import { BulkBody, BulkResult, type BulkAction } from "../../../shared/schemas";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { HttpError, parseOr400, readJson } from "../http/errors";
import { matchingIds } from "../db/ticket-listing";
import { slaWindow } from "./tickets";
import { changeStatus, editTicket, leaveTicket, markRead, postMessage } from "./ticket-actions";
import { originOf } from "./ticket-access";
import { dbFor } from "../db/shards";
import { respond } from "../http/respond";

const FILTER_CAP = 1000;
const PARALLEL = 8;

export function registerBulkRoutes(router: AppRouter) {
  router.post(
    "/api/tickets/bulk",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(BulkBody, await readJson(request));
      const viewer = { workspaceId: who.workspace.id, agentId: who.agent.id, operator: who.agent.operator, sla: await slaWindow(env, who, body.filter?.sla) };
      const ids = body.ids ?? (await matchingIds(dbFor(env, who.workspace.id), body.filter!, viewer, FILTER_CAP));
      const result: BulkResult = { matched: ids.length, applied: 0, failed: [] };
      const origin = originOf(env, request);
      for (let i = 0; i < ids.length; i += PARALLEL) {
        await Promise.all(
          ids.slice(i, i + PARALLEL).map(async (id) => {
            try {
              await apply(env, who, id, body.action, origin);
              result.applied += 1;
            } catch (err) {
              if (!(err instanceof HttpError)) throw err;
              result.failed.push({ id, code: err.code, message: err.message });
            }
          }),
        );
      }
      // Parallel batches finish in any order; report failures in the order the ids were given.
      const order = new Map(ids.map((id, i) => [id, i]));
      result.failed.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
      return respond(BulkResult, result);
    }),
  );
}

async function apply(env: Env, who: AgentContext, id: string, action: BulkAction, origin: string): Promise<unknown> {
  switch (action.type) {
    case "assign":
      return editTicket(env, who, id, { assigneeId: action.assigneeId });
    case "unassign":
      return editTicket(env, who, id, { assigneeId: null });
    case "followers":
      return editTicket(env, who, id, { addFollowers: action.add, removeFollowers: action.remove });
    case "tags":
      return editTicket(env, who, id, { addTags: action.add, removeTags: action.remove });
    case "message":
      return postMessage(env, who, id, action.message, origin);
    case "status":
      return changeStatus(env, who, id, action.change);
    case "read":
      return markRead(env, who, id, true);
    case "unread":
      return markRead(env, who, id, false);
    case "leave":
      return leaveTicket(env, who, id);
  }
}
