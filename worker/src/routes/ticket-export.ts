// POST /api/tickets/export: the owner's data download — tickets with their whole threads, as a JSON file.
import * as clock from "../clock";
import { ExportBody } from "../../../shared/schemas";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER, requireRole } from "../http/auth";
import { parseOr400, readJson } from "../http/errors";
import { matchingIds } from "../db/ticket-listing";
import { slaWindow } from "./tickets";
import { ticketDetail } from "./ticket-detail";
import { ticketStub, unwrap } from "./ticket-access";
import { dbFor } from "../db/shards";

const EXPORT_CAP = 500;

export function registerExportRoutes(router: AppRouter) {
  router.post(
    "/api/tickets/export",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER, "export data");
      const body = parseOr400(ExportBody, await readJson(request));
      const viewer = { workspaceId: who.workspace.id, agentId: who.agent.id, operator: who.agent.operator, sla: await slaWindow(env, who, body.filter?.sla) };
      const ids = body.ids ?? (await matchingIds(dbFor(env, who.workspace.id), body.filter!, viewer, EXPORT_CAP));
      const tickets = [];
      for (const id of ids) {
        const { ticket } = await ticketDetail(env, who, id); // 404s a ticket of another workspace, like every ticket route
        const all = unwrap(await (await ticketStub(env, who, id)).olderMessages(who.workspace.id, Number.MAX_SAFE_INTEGER, 100_000));
        tickets.push({ ticket, messages: all.messages });
      }
      const stamp = clock.nowDate().toISOString();
      return new Response(JSON.stringify({ exportedAt: stamp, workspace: who.workspace, tickets }, null, 2), {
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="sidedesk-export-${stamp.slice(0, 10)}.json"`,
          "cache-control": "no-store",
        },
      });
    }),
  );
}
