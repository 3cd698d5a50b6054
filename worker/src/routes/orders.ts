// Order lookups for agents: a profile's recent orders, by name or number ("#1001" / "1001"), and one order.
// D1 answers; when the store is connected it is asked first (short timeout) and D1 refreshed from it.
import type { StoreOrder } from "../../../shared/schemas";
import type { Env } from "../env";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { HttpError, notFound } from "../http/errors";
import { getProfile } from "../db/profiles";
import { findOrdersByName, getOrder, listProfileOrders } from "../db/orders";
import { fetchStoreOrder, searchStoreOrders } from "../integrations/shopify-orders";
import { storeOrder } from "../integrations/shopify-ingest";
import { orderIdParam, present, storeFirst, workspaceStore } from "./order-store";
import { registerOrderActions } from "./order-actions";
import { registerOrderCompensation } from "./order-compensation";
import { registerApprovalRoutes } from "./approvals";
import { dbFor } from "../db/shards";
import { OrderList, OrderResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerOrderRoutes(router: AppRouter) {
  router.get(
    "/api/orders",
    agentRoute(async (request, env, who) => {
      const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
      const bare = q.replace(/^#/, "");
      // Order names are short tokens ("#1001", "NW1001-A"); nothing else may reach Shopify's search syntax.
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(bare)) throw new HttpError(400, "invalid_request", "Give an order name or number, e.g. ?q=%231001 or ?q=1001.");
      const ws = who.workspace.id;
      const { conn, shopDomain } = await workspaceStore(env, ws);
      const answer = await storeFirst(
        env,
        conn,
        async (c, timeoutMs) => {
          await saveAll(env, ws, await searchStoreOrders(env, c, `name:${bare}`, { timeoutMs }));
        },
        () => findOrdersByName(dbFor(env, ws), ws, q),
      );
      return respond(OrderList, { orders: answer.value.map(present(shopDomain)), source: answer.source, ...errorOf(answer) });
    }),
  );

  router.get(
    "/api/orders/:id",
    agentRoute(async (request, env, who) => {
      const id = orderIdParam(request.params.id!);
      const ws = who.workspace.id;
      const { conn, shopDomain } = await workspaceStore(env, ws);
      let inStore = true;
      const answer = await storeFirst(
        env,
        conn,
        async (c, timeoutMs) => {
          // Keeps D1's profile link; an order D1 lacks (a missed webhook) is linked by email / phone like a webhook order.
          const fresh = await fetchStoreOrder(env, c, id, { timeoutMs });
          if (fresh) await storeOrder(env, ws, { ...fresh, profileId: (await getOrder(dbFor(env, ws), ws, id))?.profileId ?? null }, null);
          else inStore = false;
        },
        () => getOrder(dbFor(env, ws), ws, id),
      );
      if (!answer.value) throw notFound("order");
      const source = answer.source === "store" && !inStore ? "cache" : answer.source;
      return respond(OrderResponse, { order: present(shopDomain)(answer.value), source, ...errorOf(answer) });
    }),
  );

  router.get(
    "/api/profiles/:id/orders",
    agentRoute(async (request, env, who) => {
      const ws = who.workspace.id;
      const profile = await getProfile(dbFor(env, ws), ws, request.params.id!);
      if (!profile) throw notFound("profile");
      const { conn, shopDomain } = await workspaceStore(env, ws);
      const storeQuery = profile.storeCustomerId ? `customer_id:${profile.storeCustomerId}` : profile.email ? `email:${profile.email}` : null;
      const answer = await storeFirst(
        env,
        storeQuery ? conn : null,
        async (c, timeoutMs) => {
          const fresh = await searchStoreOrders(env, c, storeQuery!, { timeoutMs }, 20);
          await saveAll(
            env,
            ws,
            fresh.map((o) => ({ ...o, profileId: profile.id })),
          );
        },
        () => listProfileOrders(dbFor(env, ws), ws, profile.id, 20),
      );
      return respond(OrderList, { orders: answer.value.map(present(shopDomain)), source: answer.source, ...errorOf(answer) });
    }),
  );

  registerOrderActions(router);
  registerOrderCompensation(router);
  registerApprovalRoutes(router);
}

async function saveAll(env: Env, workspaceId: string, orders: StoreOrder[]) {
  for (const o of orders) await storeOrder(env, workspaceId, o, null);
}

const errorOf = (a: { storeError?: string }) => (a.storeError ? { storeError: a.storeError } : {});
