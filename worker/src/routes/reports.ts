// GET /api/reports (docs/api.md §12 Reports): owner, admin, manager and analyst (the reporting role); support agents are refused.
import * as clock from "../clock";
import { INBOX_ROLES, type Role } from "../../../shared/schemas";
import { MAX_REPORT_DAYS, ReportQuery } from "../../../shared/schemas/report";
import { resolveRange } from "../../../shared/rules/report-range";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { requireRole } from "../http/auth";
import { HttpError, parseOr400 } from "../http/errors";
import { reportRows } from "../db/reports";
import { listAgents } from "../db/workspaces";
import { buildReport } from "../domain/report";
import { buildCompensation } from "../domain/compensation-report";
import { compensationTotals } from "../db/order-actions";
import { slaCounts } from "../db/sla-results";
import { csatCounts, ticketNumbers } from "../db/csat";
import { buildCsatReport } from "../domain/csat-report";
import { buildSlaReport } from "../domain/sla-report";
import { dbFor, directory } from "../db/shards";
import { Report } from "../../../shared/schemas/report";
import { respond } from "../http/respond";

export const REPORT_ROLES: readonly Role[] = ["owner", "admin", "manager", "analyst"];

export function registerReportRoutes(router: AppRouter) {
  router.get(
    "/api/reports",
    agentRoute(
      async (request, env, who) => {
        requireRole(who, REPORT_ROLES, "see reports");
        const q = parseOr400(ReportQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
        const tz = who.workspace.timezone;
        const range = resolveRange(q, tz, clock.nowDate(), MAX_REPORT_DAYS);
        if ("error" in range) throw new HttpError(400, "invalid_range", range.error);
        const channel = q.channel ?? null;
        const [from, to] = [range.bounds[0]!, range.bounds[range.bounds.length - 1]!];
        const [rows, agents, given, sla, csat] = await Promise.all([
          reportRows(dbFor(env, who.workspace.id), who.workspace.id, from, to, channel),
          listAgents(directory(env), who.workspace.id),
          compensationTotals(dbFor(env, who.workspace.id), who.workspace.id, from, to),
          slaCounts(dbFor(env, who.workspace.id), who.workspace.id, from, to, channel),
          csatCounts(directory(env), who.workspace.id, from, to, channel),
        ]);
        const numbers = await ticketNumbers(
          dbFor(env, who.workspace.id),
          who.workspace.id,
          csat.comments.map((c) => c.ticket_id),
        );
        const info = agents.map((a) => ({ id: a.id, name: a.name, inbox: INBOX_ROLES.includes(a.role) }));
        return respond(Report, {
          ...buildReport(rows, range, tz, channel, info),
          compensation: buildCompensation(given),
          sla: buildSlaReport(sla, info, channel),
          csat: buildCsatReport(csat, csat.comments, numbers, info),
        });
      },
      { anyRole: true },
    ),
  );
}
