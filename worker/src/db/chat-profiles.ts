// D1 access for web-chat visitors: a profile without phone or email, and giving it a name or an email later.
import * as clock from "../clock";
import { randomId } from "../http/crypto";
import { getProfile, getProfileByEmail, upsertProfileByEmail, type StoredProfile } from "./profiles";

/** A visitor who has not told us their email yet still needs a profile: the ticket belongs to one. */
export async function createVisitorProfile(db: D1Database, workspaceId: string, name: string | null): Promise<StoredProfile> {
  const id = randomId("pr");
  const now = clock.now();
  await db.prepare("INSERT INTO profiles (id, workspace_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)").bind(id, workspaceId, name, now).run();
  const created = await getProfile(db, workspaceId, id);
  if (!created) throw new Error("visitor profile vanished after insert");
  return created;
}

/**
 * The profile a chat belongs to after the customer gave a name and/or email. An email already known links the chat to
 * that customer; otherwise the visitor's own profile takes the email (one statement, so two racing chats cannot both).
 */
export async function identifyVisitor(
  db: D1Database,
  workspaceId: string,
  current: StoredProfile,
  change: { name?: string; email?: string },
): Promise<StoredProfile> {
  let profile = current;
  if (change.email && change.email !== current.email) {
    const known = await getProfileByEmail(db, workspaceId, change.email);
    const claimed =
      known || current.email
        ? null
        : await db
            .prepare(
              `UPDATE profiles SET email = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND id = ?2 AND email IS NULL
       AND NOT EXISTS (SELECT 1 FROM profiles WHERE workspace_id = ?1 AND email = ?3) RETURNING id`,
            )
            .bind(workspaceId, current.id, change.email, clock.now())
            .first<{ id: string }>();
    profile = claimed ? { ...current, email: change.email } : await upsertProfileByEmail(db, workspaceId, change.email, { name: change.name });
  }
  if (change.name && change.name !== profile.name) {
    // A visitor's own (phone- and email-less) profile takes the new name; a known customer's name is only filled in.
    await db
      .prepare("UPDATE profiles SET name = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND id = ?2 AND (name IS NULL OR (phone IS NULL AND id = ?5))")
      .bind(workspaceId, profile.id, change.name, clock.now(), current.id)
      .run();
    profile = (await getProfile(db, workspaceId, profile.id)) ?? profile;
  }
  return profile;
}
