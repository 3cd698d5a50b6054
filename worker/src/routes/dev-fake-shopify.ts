// Dev-only (ENVIRONMENT=development): the fake Shopify Admin API, serving the workspace's D1 orders as the store,
// so `npm start` can look up, edit and cancel orders offline. wrangler dev points SHOPIFY_ADMIN_BASE here.
import { isDevelopment } from "../env";
import type { AppRouter } from "../http/agent-route";
import { notFound } from "../http/errors";
import { secretsKey } from "../config";
import { loadSettings, openSecrets } from "../db/settings";
import { getOrder, listWorkspaceOrders, upsertOrder } from "../db/orders";
import { workspaceIdForShop } from "../db/store-shops";
import { handleFakeAdmin } from "../integrations/shopify-fake";

export function registerDevFakeShopify(router: AppRouter) {
  router.post("/dev/fake-shopify/:shop/admin/api/:version/graphql.json", async (request, env) => {
    if (!isDevelopment(env)) throw notFound("route");
    const workspaceId = await workspaceIdForShop(env.DB, request.params.shop!);
    if (!workspaceId) return Response.json({ errors: "Not Found" }, { status: 404 });
    const { sealed } = await loadSettings(env.DB, workspaceId);
    const { shopifyAdminToken } = await openSecrets(secretsKey(env), workspaceId, sealed);
    return handleFakeAdmin(request, {
      accessToken: shopifyAdminToken ?? "",
      data: {
        all: () => listWorkspaceOrders(env.DB, workspaceId),
        get: (id) => getOrder(env.DB, workspaceId, id),
        save: async (order) => { await upsertOrder(env.DB, workspaceId, order); },
      },
    });
  });
}
