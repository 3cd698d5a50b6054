// Which profile a generic event (or a store customer) is about, from its phone and/or email: one customer stays one
// profile even when systems know them by different keys, and concurrent first deliveries meet in one profile. Every
// write is a single statement that cannot break a unique index; when a racing delivery wins, we look again.
import type { Env } from "../env";
import {
  attachPhone,
  fillProfile,
  getProfileByEmail,
  getProfileByPhone,
  insertProfileIfNew,
  upsertProfileByEmail,
  upsertProfileByPhone,
  type StoredProfile,
} from "../db/profiles";
import { dbFor } from "../db/shards";

const ATTEMPTS = 4;

export async function eventProfile(env: Env, workspaceId: string, key: { phone?: string; email?: string; name?: string }): Promise<StoredProfile> {
  const email = key.email?.toLowerCase();
  const name = key.name ? { name: key.name } : {};
  if (!key.phone) return upsertProfileByEmail(dbFor(env, workspaceId), workspaceId, email!, name);
  if (!email) return upsertProfileByPhone(dbFor(env, workspaceId), workspaceId, key.phone, name);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await byPhoneThenEmail(dbFor(env, workspaceId), workspaceId, key.phone, email, key.name ?? null);
    if (found) return found;
  }
  // Still racing after several looks (not seen in practice): the phone keeps its own profile.
  return upsertProfileByPhone(dbFor(env, workspaceId), workspaceId, key.phone, name);
}

/** One look: the phone's profile, else the email's profile gaining the phone, else a new profile; null if a race was lost. */
async function byPhoneThenEmail(db: D1Database, workspaceId: string, phone: string, email: string, name: string | null): Promise<StoredProfile | null> {
  const byPhone = await getProfileByPhone(db, workspaceId, phone);
  if (byPhone) return fillProfile(db, workspaceId, byPhone, { email, ...(name ? { name } : {}) });
  const byEmail = await getProfileByEmail(db, workspaceId, email);
  if (byEmail && byEmail.phone === null) return attachPhone(db, workspaceId, byEmail.id, phone, name);
  // The email belongs to another customer's profile: the phone gets its own.
  if (byEmail) return upsertProfileByPhone(db, workspaceId, phone, name ? { name } : {});
  return insertProfileIfNew(db, workspaceId, { phone, email, name });
}
