// Provider webhook deliveries already processed (Shopify X-Shopify-Webhook-Id), for de-duplication.
import * as clock from "../clock";
export async function deliverySeen(db: D1Database, workspaceId: string, provider: string, deliveryId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS seen FROM webhook_deliveries WHERE workspace_id = ?1 AND provider = ?2 AND delivery_id = ?3")
    .bind(workspaceId, provider, deliveryId)
    .first<{ seen: number }>();
  return row !== null;
}

/** Recorded after the delivery was applied; applying is idempotent, so a crash in between only means applying twice. */
export async function recordDelivery(db: D1Database, workspaceId: string, provider: string, deliveryId: string) {
  await db
    .prepare("INSERT OR IGNORE INTO webhook_deliveries (workspace_id, provider, delivery_id, received_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(workspaceId, provider, deliveryId, clock.now())
    .run();
}
