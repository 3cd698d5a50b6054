// Ticket routes (docs/api.md §2 Tickets): listings and counts from D1, detail and actions through the ticket's object.
import { MessagesQuery, NewAgentMessage, StatusChange, TicketListQuery, TicketPatch } from "../../../shared/schemas";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER, requireRole, type AgentContext } from "../http/auth";
import type { Env } from "../env";
import * as clock from "../clock";
import { parseOr400, readJson } from "../http/errors";
import { listTickets } from "../db/ticket-listing";
import { looksLikePhone } from "../db/ticket-search";
import { loadSettings } from "../db/settings";
import { ticketCounts } from "../db/ticket-counts";
import { listAgents } from "../db/workspaces";
import { ticketDetail } from "./ticket-detail";
import { changeStatus, editTicket, leaveTicket, markRead, postMessage } from "./ticket-actions";
import { originOf, ticketStub, unwrap } from "./ticket-access";
import { dbFor, directory } from "../db/shards";
import { OkResponse, OlderMessages, PostedMessage, TicketCounts, TicketDetailResponse, TicketPage } from "../../../shared/schemas";
import { respond } from "../http/respond";

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** For the SLA filter: now, and the end of the workspace's "breaching soon" window. */
export async function slaWindow(env: Env, who: AgentContext, sla: string | undefined) {
  if (!sla) return undefined;
  const soon = (await loadSettings(directory(env), who.workspace.id)).settings.sla.soonMinutes;
  return { now: clock.now(), soonUntil: clock.now() + soon * 60_000 };
}

export function registerTicketRoutes(router: AppRouter) {
  router.get(
    "/api/tickets",
    agentRoute(async (request, env, who) => {
      const { cursor, limit, ...filter } = parseOr400(TicketListQuery, query(request), "query");
      // Only a phone-like search needs the workspace's country (to read a national number).
      const country = filter.q && looksLikePhone(filter.q) ? (await loadSettings(directory(env), who.workspace.id)).settings.shopify.countryCode : undefined;
      const viewer = {
        workspaceId: who.workspace.id,
        agentId: who.agent.id,
        operator: who.agent.operator,
        country,
        sla: await slaWindow(env, who, filter.sla),
      };
      return respond(TicketPage, await listTickets(dbFor(env, who.workspace.id), filter, viewer, cursor, limit));
    }),
  );

  router.get(
    "/api/tickets/counts",
    agentRoute(async (_request, env, who) => {
      const [agents, presence] = await Promise.all([
        listAgents(directory(env), who.workspace.id),
        env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).presence(),
      ]);
      return respond(
        TicketCounts,
        await ticketCounts(
          dbFor(env, who.workspace.id),
          { workspaceId: who.workspace.id, agentId: who.agent.id, operator: who.agent.operator },
          agents,
          presence.online,
          (await slaWindow(env, who, "breaching"))!,
        ),
      );
    }),
  );

  router.get(
    "/api/tickets/:id",
    agentRoute(async (request, env, who) => respond(TicketDetailResponse, await ticketDetail(env, who, request.params.id!))),
  );

  router.get(
    "/api/tickets/:id/messages",
    agentRoute(async (request, env, who) => {
      const q = parseOr400(MessagesQuery, query(request), "query");
      const stub = await ticketStub(env, who, request.params.id!);
      return respond(OlderMessages, unwrap(await stub.olderMessages(who.workspace.id, q.before, q.limit)));
    }),
  );

  router.post(
    "/api/tickets/:id/messages",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(NewAgentMessage, await readJson(request));
      const { message } = await postMessage(env, who, request.params.id!, body, originOf(env, request));
      return respond(PostedMessage, { message }, { status: 201 });
    }),
  );

  router.post(
    "/api/tickets/:id/status",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(StatusChange, await readJson(request));
      await changeStatus(env, who, request.params.id!, body);
      return respond(TicketDetailResponse, await ticketDetail(env, who, request.params.id!));
    }),
  );

  router.patch(
    "/api/tickets/:id",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(TicketPatch, await readJson(request));
      await editTicket(env, who, request.params.id!, body);
      return respond(TicketDetailResponse, await ticketDetail(env, who, request.params.id!));
    }),
  );

  router.post(
    "/api/tickets/:id/read",
    agentRoute(async (request, env, who) => {
      await markRead(env, who, request.params.id!, true);
      return respond(OkResponse, { ok: true });
    }),
  );

  router.post(
    "/api/tickets/:id/unread",
    agentRoute(async (request, env, who) => {
      await markRead(env, who, request.params.id!, false);
      return respond(OkResponse, { ok: true });
    }),
  );

  router.post(
    "/api/tickets/:id/leave",
    agentRoute(async (request, env, who) => {
      await leaveTicket(env, who, request.params.id!);
      return respond(TicketDetailResponse, await ticketDetail(env, who, request.params.id!));
    }),
  );

  router.delete(
    "/api/tickets/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER, "permanently delete tickets");
      const stub = await ticketStub(env, who, request.params.id!);
      unwrap(await stub.destroy(who.workspace.id));
      return new Response(null, { status: 204 });
    }),
  );
}
