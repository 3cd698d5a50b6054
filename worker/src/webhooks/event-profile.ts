// Which profile a generic event is about, from its phone and/or email: one customer stays one profile
// even when systems know them by different keys (an email-only profile gains the phone when it is first given).
import type { Env } from "../env";
import { attachPhone, getProfileByEmail, upsertProfileByEmail, upsertProfileByPhone, type StoredProfile } from "../db/profiles";

export async function eventProfile(env: Env, workspaceId: string, key: { phone?: string; email?: string; name?: string }): Promise<StoredProfile> {
  const email = key.email?.toLowerCase();
  const name = key.name ? { name: key.name } : {};
  if (!key.phone) return upsertProfileByEmail(env.DB, workspaceId, email!, name);
  const byEmail = email ? await getProfileByEmail(env.DB, workspaceId, email) : null;
  if (!byEmail || byEmail.phone === key.phone) return upsertProfileByPhone(env.DB, workspaceId, key.phone, { ...name, ...(email ? { email } : {}) });
  if (byEmail.phone === null) {
    const attached = await attachPhone(env.DB, workspaceId, byEmail.id, key.phone, key.name ?? null);
    if (attached) return attached;
  }
  // The email belongs to another customer's profile: the phone keeps (or gets) its own.
  return upsertProfileByPhone(env.DB, workspaceId, key.phone, name);
}
