// Which workspace a shop domain belongs to (used by the dev-only fake store; settings are JSON, so this scans).
export async function workspaceIdForShop(db: D1Database, shopDomain: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT workspace_id FROM settings WHERE json_extract(settings_json, '$.shopify.shopDomain') = ?1 LIMIT 1")
    .bind(shopDomain)
    .first<{ workspace_id: string }>();
  return row?.workspace_id ?? null;
}
