// D1 access for store (Shopify) customers and their link to profiles; versioned like orders.
import * as clock from "../clock";
export interface StoreCustomerWrite {
  id: string;
  profileId: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  updatedAt: number;
}

/** Inserts or updates the customer unless D1 holds a newer version; returns whether this version was applied. */
export async function upsertStoreCustomer(db: D1Database, workspaceId: string, c: StoreCustomerWrite): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO store_customers (workspace_id, id, profile_id, email, phone, first_name, last_name, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
     ON CONFLICT(workspace_id, id) DO UPDATE SET
       profile_id = COALESCE(excluded.profile_id, store_customers.profile_id), email = excluded.email, phone = excluded.phone,
       first_name = excluded.first_name, last_name = excluded.last_name, updated_at = excluded.updated_at
     WHERE excluded.updated_at >= store_customers.updated_at
     RETURNING id`,
    )
    .bind(workspaceId, c.id, c.profileId, c.email, c.phone, c.firstName, c.lastName, c.updatedAt)
    .first<{ id: string }>();
  return row !== null;
}

/** Records the store customer id on the profile and fills the name when the profile has none. */
export async function linkProfileToCustomer(db: D1Database, workspaceId: string, profileId: string, customerId: string, name: string | null) {
  await db
    .prepare("UPDATE profiles SET store_customer_id = ?3, name = COALESCE(name, ?4), updated_at = ?5 WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, profileId, customerId, name, clock.now())
    .run();
}
