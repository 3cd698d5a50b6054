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
import type { FakeRecords } from "../integrations/shopify-fake-ops";

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
        records: d1Records(dbFor(env, workspaceId), workspaceId),
      },
    });
  });
}

function d1Records(db: D1Database, workspaceId: string): FakeRecords {
  return {
    get: async (kind, key) => {
      const row = await db
        .prepare("SELECT value_json FROM dev_fake_store WHERE workspace_id = ?1 AND kind = ?2 AND key = ?3")
        .bind(workspaceId, kind, key)
        .first<{ value_json: string }>();
      return row ? JSON.parse(row.value_json) : null;
    },
    put: async (kind, key, value) => {
      await db
        .prepare(
          "INSERT INTO dev_fake_store (workspace_id, kind, key, value_json) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET value_json = excluded.value_json",
        )
        .bind(workspaceId, kind, key, JSON.stringify(value))
        .run();
    },
    list: async (kind) => {
      const { results } = await db
        .prepare("SELECT value_json FROM dev_fake_store WHERE workspace_id = ?1 AND kind = ?2 ORDER BY rowid")
        .bind(workspaceId, kind)
        .all<{ value_json: string }>();
      return results.map((r) => JSON.parse(r.value_json));
    },
  };
}
