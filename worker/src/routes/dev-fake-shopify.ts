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
import { dbFor, directory } from "../db/shards";

export function registerDevFakeShopify(router: AppRouter) {
  router.post("/dev/fake-shopify/:shop/admin/api/:version/graphql.json", async (request, env) => {
    if (!isDevelopment(env)) throw notFound("route");
    const workspaceId = await workspaceIdForShop(directory(env), request.params.shop!);
    if (!workspaceId) return Response.json({ errors: "Not Found" }, { status: 404 });
    const { sealed } = await loadSettings(directory(env), workspaceId);
    const { shopifyAdminToken } = await openSecrets(secretsKey(env), workspaceId, sealed);
    return handleFakeAdmin(request, {
      accessToken: shopifyAdminToken ?? "",
      data: {
        all: () => listWorkspaceOrders(dbFor(env, workspaceId), workspaceId),
        get: (id) => getOrder(dbFor(env, workspaceId), workspaceId, id),
        save: async (order) => {
          await upsertOrder(dbFor(env, workspaceId), workspaceId, order);
        },
      },
    });
  });
}
