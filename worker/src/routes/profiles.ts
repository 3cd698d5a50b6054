// Profiles: the customer with activity, tickets, recent orders and stats; block / unblock (which closes their tickets).
// The panel reads D1 only (fast); GET /api/profiles/:id/orders refreshes orders from the store.
import * as clock from "../clock";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { notFound } from "../http/errors";
import { getProfile, listProfileEvents, profileTickets, setBlocked } from "../db/profiles";
import { listProfileOrders, profileOrderFacts } from "../db/orders";
import { profileStats } from "../domain/profile-stats";
import { unwrap } from "./ticket-access";
import { present, workspaceStore } from "./order-store";
import { dbFor } from "../db/shards";
import { ProfileResponse, ProfileView } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerProfileRoutes(router: AppRouter) {
  router.get(
    "/api/profiles/:id",
    agentRoute(async (request, env, who) => {
      const profile = await getProfile(dbFor(env, who.workspace.id), who.workspace.id, request.params.id!);
      if (!profile) throw notFound("profile");
      const metric = new URL(request.url).searchParams.get("metric") ?? undefined;
      const ws = who.workspace.id;
      const [activity, tickets, orders, facts, store] = await Promise.all([
        listProfileEvents(dbFor(env, ws), ws, profile.id, metric),
        profileTickets(dbFor(env, ws), ws, profile.id),
        listProfileOrders(dbFor(env, ws), ws, profile.id, 10),
        profileOrderFacts(dbFor(env, ws), ws, profile.id),
        workspaceStore(env, ws),
      ]);
      const { workspaceId: _w, ...shown } = profile;
      const stats = profileStats(facts, tickets.length, clock.now());
      return respond(ProfileView, { profile: shown, activity, tickets, orders: orders.map(present(store.shopDomain)), stats });
    }),
  );

  router.post(
    "/api/profiles/:id/block",
    agentRoute(async (request, env, who) => respond(ProfileResponse, await setProfileBlocked(env, who, request.params.id!, true))),
  );
  router.post(
    "/api/profiles/:id/unblock",
    agentRoute(async (request, env, who) => respond(ProfileResponse, await setProfileBlocked(env, who, request.params.id!, false))),
  );
}

async function setProfileBlocked(env: Env, who: AgentContext, profileId: string, blocked: boolean) {
  const profile = await getProfile(dbFor(env, who.workspace.id), who.workspace.id, profileId);
  if (!profile) throw notFound("profile");
  await setBlocked(dbFor(env, who.workspace.id), who.workspace.id, profileId, blocked);
  const actor = { id: who.agent.id, name: who.agent.name };
  for (const t of await profileTickets(dbFor(env, who.workspace.id), who.workspace.id, profileId)) {
    unwrap(await env.TICKETS.get(env.TICKETS.idFromString(t.id)).block(who.workspace.id, actor, blocked));
  }
  const { workspaceId: _w, ...shown } = profile;
  return { profile: { ...shown, blocked } };
}
