// D1 access for profiles (customers). Phone and email are unique per workspace, so upserts are race-free.
import * as clock from "../clock";
import { PlaceSource, type Channel, type Profile, type SmsConsent, type TicketStatus } from "../../../shared/schemas";
import { randomId } from "../http/crypto";

interface ProfileRow {
  id: string;
  workspace_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  timezone: string | null;
  location: string | null;
  country: string | null;
  location_source: string | null;
  timezone_source: string | null;
  sms_consent: string | null;
  blocked: number;
  store_customer_id: string | null;
  created_at: number;
}

const COLUMNS =
  "id, workspace_id, name, email, phone, timezone, location, country, location_source, timezone_source, sms_consent, blocked, store_customer_id, created_at";

export const toProfile = (r: ProfileRow): Profile & { workspaceId: string } => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  timezone: r.timezone,
  location: r.location,
  country: r.country,
  placeSources: { location: placeSource(r.location_source), timezone: placeSource(r.timezone_source) },
  smsConsent: r.sms_consent === "marketing" || r.sms_consent === "transactional" ? r.sms_consent : null,
  blocked: r.blocked === 1,
  storeCustomerId: r.store_customer_id,
  createdAt: new Date(r.created_at).toISOString(),
});
export type StoredProfile = ReturnType<typeof toProfile>;

const placeSource = (s: string | null) => PlaceSource.safeParse(s).data ?? null;

export async function getProfile(db: D1Database, workspaceId: string, id: string): Promise<StoredProfile | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE workspace_id = ?1 AND id = ?2`).bind(workspaceId, id).first<ProfileRow>();
  return row ? toProfile(row) : null;
}

/**
 * The profile for a phone number, created if there is none, in one round trip whether or not it existed and without
 * rewriting an existing row: an insert that yields to the unique index, then the read, in one batch.
 */
export async function profileForPhone(db: D1Database, workspaceId: string, phone: string): Promise<StoredProfile> {
  const now = clock.now();
  const [, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO profiles (id, workspace_id, phone, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
       ON CONFLICT(workspace_id, phone) WHERE phone IS NOT NULL DO NOTHING`,
      )
      .bind(randomId("pr"), workspaceId, phone, now),
    db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE workspace_id = ?1 AND phone = ?2`).bind(workspaceId, phone),
  ]);
  const row = (read?.results as ProfileRow[] | undefined)?.[0];
  if (!row) throw new Error("profile vanished between its insert and its read");
  return toProfile(row);
}

/** Finds or creates the profile for a phone number; fills in the name when given and still empty. (Email: see fillProfile.) */
export async function upsertProfileByPhone(db: D1Database, workspaceId: string, phone: string, extra: { name?: string } = {}): Promise<StoredProfile> {
  const row = await db
    .prepare(
      `INSERT INTO profiles (id, workspace_id, phone, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
     ON CONFLICT(workspace_id, phone) WHERE phone IS NOT NULL DO UPDATE SET
       name = COALESCE(profiles.name, excluded.name), updated_at = excluded.updated_at
     RETURNING ${COLUMNS}`,
    )
    .bind(randomId("pr"), workspaceId, phone, extra.name ?? null, clock.now())
    .first<ProfileRow>();
  if (!row) throw new Error("profile upsert returned nothing");
  return toProfile(row);
}

export async function upsertProfileByEmail(db: D1Database, workspaceId: string, email: string, extra: { name?: string } = {}): Promise<StoredProfile> {
  const now = clock.now();
  const row = await db
    .prepare(
      `INSERT INTO profiles (id, workspace_id, email, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
     ON CONFLICT(workspace_id, email) WHERE email IS NOT NULL DO UPDATE SET
       name = COALESCE(profiles.name, excluded.name), updated_at = excluded.updated_at
     RETURNING ${COLUMNS}`,
    )
    .bind(randomId("pr"), workspaceId, email.toLowerCase(), extra.name ?? null, now)
    .first<ProfileRow>();
  if (!row) throw new Error("profile upsert returned nothing");
  return toProfile(row);
}

export async function setConsent(db: D1Database, workspaceId: string, profileId: string, consent: SmsConsent) {
  await db
    .prepare("UPDATE profiles SET sms_consent = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, profileId, consent, clock.now())
    .run();
}

export async function setBlocked(db: D1Database, workspaceId: string, profileId: string, blocked: boolean) {
  await db
    .prepare("UPDATE profiles SET blocked = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, profileId, blocked ? 1 : 0, clock.now())
    .run();
}

/** Stores an event once per id; false when that id was already there (a redelivery). */
export async function insertProfileEvent(
  db: D1Database,
  e: { id: string; workspaceId: string; profileId: string; metric: string; properties: unknown; at: number },
): Promise<boolean> {
  const { meta } = await db
    .prepare("INSERT OR IGNORE INTO profile_events (id, workspace_id, profile_id, metric, properties_json, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(e.id, e.workspaceId, e.profileId, e.metric, JSON.stringify(e.properties), e.at)
    .run();
  return meta.changes > 0;
}

export async function listProfileEvents(db: D1Database, workspaceId: string, profileId: string, metric: string | undefined, limit = 50) {
  const { results } = await db
    .prepare(
      `SELECT id, metric, properties_json, at FROM profile_events WHERE workspace_id = ?1 AND profile_id = ?2 AND (?3 IS NULL OR metric = ?3) ORDER BY at DESC LIMIT ?4`,
    )
    .bind(workspaceId, profileId, metric ?? null, limit)
    .all<{ id: string; metric: string; properties_json: string; at: number }>();
  return results.map((r) => ({
    id: r.id,
    metric: r.metric,
    properties: JSON.parse(r.properties_json) as Record<string, unknown>,
    at: new Date(r.at).toISOString(),
  }));
}

export async function getProfileByEmail(db: D1Database, workspaceId: string, email: string): Promise<StoredProfile | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM profiles WHERE workspace_id = ?1 AND email = ?2`)
    .bind(workspaceId, email.toLowerCase())
    .first<ProfileRow>();
  return row ? toProfile(row) : null;
}

export async function getProfileByPhone(db: D1Database, workspaceId: string, phone: string): Promise<StoredProfile | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE workspace_id = ?1 AND phone = ?2`).bind(workspaceId, phone).first<ProfileRow>();
  return row ? toProfile(row) : null;
}

/** A new profile with both keys, or null when either is already taken (a racing delivery won): never a constraint error. */
export async function insertProfileIfNew(
  db: D1Database,
  workspaceId: string,
  keys: { phone: string; email: string; name: string | null },
): Promise<StoredProfile | null> {
  const row = await db
    .prepare(
      `INSERT INTO profiles (id, workspace_id, phone, email, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    )
    .bind(randomId("pr"), workspaceId, keys.phone, keys.email, keys.name, clock.now())
    .first<ProfileRow>();
  return row ? toProfile(row) : null;
}

/** Fills in a profile's missing email (unless another profile has it) and name; one statement, so race-free. */
export async function fillProfile(
  db: D1Database,
  workspaceId: string,
  profile: StoredProfile,
  fill: { email?: string; name?: string },
): Promise<StoredProfile> {
  const email = profile.email === null ? (fill.email ?? null) : null;
  const name = profile.name === null ? (fill.name ?? null) : null;
  if (email === null && name === null) return profile;
  const row = await db
    .prepare(
      `UPDATE profiles SET name = COALESCE(name, ?4), updated_at = ?5,
       email = COALESCE(email, CASE WHEN NOT EXISTS (SELECT 1 FROM profiles WHERE workspace_id = ?1 AND email = ?3) THEN ?3 END)
     WHERE workspace_id = ?1 AND id = ?2 RETURNING ${COLUMNS}`,
    )
    .bind(workspaceId, profile.id, email, name, clock.now())
    .first<ProfileRow>();
  return row ? toProfile(row) : profile;
}

/** Gives a phone-less profile this phone, unless another profile already has it (then null). One statement, so race-free. */
export async function attachPhone(db: D1Database, workspaceId: string, profileId: string, phone: string, name: string | null): Promise<StoredProfile | null> {
  const row = await db
    .prepare(
      `UPDATE profiles SET phone = ?3, name = COALESCE(name, ?4), updated_at = ?5
     WHERE workspace_id = ?1 AND id = ?2 AND phone IS NULL AND NOT EXISTS (SELECT 1 FROM profiles WHERE workspace_id = ?1 AND phone = ?3)
     RETURNING ${COLUMNS}`,
    )
    .bind(workspaceId, profileId, phone, name, clock.now())
    .first<ProfileRow>();
  return row ? toProfile(row) : null;
}

/** The profile's tickets, latest activity first (the customer panel). */
export async function profileTickets(db: D1Database, workspaceId: string, profileId: string) {
  const { results } = await db
    .prepare("SELECT id, number, channel, status, last_at FROM tickets WHERE workspace_id = ?1 AND profile_id = ?2 ORDER BY last_at DESC LIMIT 50")
    .bind(workspaceId, profileId)
    .all<{ id: string; number: number | null; channel: Channel; status: TicketStatus; last_at: number }>();
  return results.map((r) => ({ id: r.id, number: r.number, channel: r.channel, status: r.status, lastActivityAt: new Date(r.last_at).toISOString() }));
}
