// Profiles: the customer with activity, tickets, recent orders and stats; block / unblock (which closes their tickets).
// The panel reads D1 only (fast); GET /api/profiles/:id/orders refreshes orders from the store.
import * as clock from "../clock";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { notFound } from "../http/errors";
import { getProfile, listProfileEvents, setBlocked } from "../db/profiles";
import { listProfileOrders, profileOrderFacts } from "../db/orders";
import { profileStats } from "../domain/profile-stats";
import { unwrap } from "./ticket-access";
import { present, workspaceStore } from "./order-store";

export function registerProfileRoutes(router: AppRouter) {
  router.get("/api/profiles/:id", agentRoute(async (request, env, who) => {
    const profile = await getProfile(env.DB, who.workspace.id, request.params.id!);
    if (!profile) throw notFound("profile");
    const metric = new URL(request.url).searchParams.get("metric") ?? undefined;
    const ws = who.workspace.id;
    const [activity, tickets, orders, facts, store] = await Promise.all([
      listProfileEvents(env.DB, ws, profile.id, metric),
      profileTickets(env.DB, ws, profile.id),
      listProfileOrders(env.DB, ws, profile.id, 10),
      profileOrderFacts(env.DB, ws, profile.id),
      workspaceStore(env, ws),
    ]);
    const { workspaceId: _w, ...shown } = profile;
    const stats = profileStats(facts, tickets.length, clock.now());
    return Response.json({ profile: shown, activity, tickets, orders: orders.map(present(store.shopDomain)), stats });
  }));

  router.post("/api/profiles/:id/block", agentRoute(async (request, env, who) => Response.json(await setProfileBlocked(env, who, request.params.id!, true))));
  router.post("/api/profiles/:id/unblock", agentRoute(async (request, env, who) => Response.json(await setProfileBlocked(env, who, request.params.id!, false))));
}

async function profileTickets(db: D1Database, workspaceId: string, profileId: string) {
  const { results } = await db.prepare(
    "SELECT id, number, channel, status, last_at FROM tickets WHERE workspace_id = ?1 AND profile_id = ?2 ORDER BY last_at DESC LIMIT 50",
  ).bind(workspaceId, profileId).all<{ id: string; number: number; channel: string; status: string; last_at: number }>();
  return results.map((r) => ({ id: r.id, number: r.number, channel: r.channel, status: r.status, lastActivityAt: new Date(r.last_at).toISOString() }));
}

async function setProfileBlocked(env: Env, who: AgentContext, profileId: string, blocked: boolean) {
  const profile = await getProfile(env.DB, who.workspace.id, profileId);
  if (!profile) throw notFound("profile");
  await setBlocked(env.DB, who.workspace.id, profileId, blocked);
  const actor = { id: who.agent.id, name: who.agent.name };
  for (const t of await profileTickets(env.DB, who.workspace.id, profileId)) {
    unwrap(await env.TICKETS.get(env.TICKETS.idFromString(t.id)).block(who.workspace.id, actor, blocked));
  }
  return { profile: { ...profile, workspaceId: undefined, blocked } };
}
