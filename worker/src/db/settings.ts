// D1 access for workspace settings: plain JSON for settings, one AES-GCM blob for secrets.
import { Secrets, Settings } from "../../../shared/schemas/settings";
import { decryptSecret, encryptSecret } from "../http/crypto";
import { cached } from "./settings-cache";

interface SettingsRow {
  settings_json: string;
  secrets_ciphertext: string | null;
}

/** The workspace's settings as this isolate last read them (at most a few seconds old). */
export function loadSettings(db: D1Database, workspaceId: string): Promise<{ settings: Settings; sealed: string | null }> {
  return cached(`settings:${workspaceId}`, () => readSettings(db, workspaceId));
}

/** Straight from D1: for the settings routes, where an owner reads what they just saved. */
export async function readSettings(db: D1Database, workspaceId: string): Promise<{ settings: Settings; sealed: string | null }> {
  const row = await db.prepare("SELECT settings_json, secrets_ciphertext FROM settings WHERE workspace_id = ?1").bind(workspaceId).first<SettingsRow>();
  const settings = Settings.parse(row ? JSON.parse(row.settings_json) : {});
  return { settings, sealed: row?.secrets_ciphertext ?? null };
}

/** Workspace and its settings in one round trip (webhooks need both on every delivery), cached like loadSettings. */
export function loadWorkspaceSettings(db: D1Database, workspaceId: string) {
  return cached(`workspace-settings:${workspaceId}`, () => readWorkspaceSettings(db, workspaceId));
}

async function readWorkspaceSettings(db: D1Database, workspaceId: string) {
  const row = await db
    .prepare(
      `SELECT w.id, w.name, w.timezone, w.created_at, s.settings_json, s.secrets_ciphertext
     FROM workspaces w LEFT JOIN settings s ON s.workspace_id = w.id WHERE w.id = ?1`,
    )
    .bind(workspaceId)
    .first<{ id: string; name: string; timezone: string; created_at: number; settings_json: string | null; secrets_ciphertext: string | null }>();
  if (!row) return null;
  return {
    workspace: { id: row.id, name: row.name, timezone: row.timezone, createdAt: new Date(row.created_at).toISOString() },
    settings: Settings.parse(row.settings_json ? JSON.parse(row.settings_json) : {}),
    sealed: row.secrets_ciphertext,
  };
}

/** Decrypted once per isolate and ciphertext. */
export async function openSecrets(keyMaterial: string, workspaceId: string, sealed: string | null): Promise<Secrets> {
  if (!sealed) return {};
  return cached(`secrets:${workspaceId}:${sealed}`, async () => Secrets.parse(JSON.parse(await decryptSecret(keyMaterial, sealed, workspaceId))), Infinity);
}

export async function sealSecrets(keyMaterial: string, workspaceId: string, secrets: Secrets): Promise<string> {
  return encryptSecret(keyMaterial, JSON.stringify(secrets), workspaceId);
}

export function saveSettingsStmt(db: D1Database, workspaceId: string, settings: Settings, sealed: string | null, now: number) {
  return db
    .prepare(
      `INSERT INTO settings (workspace_id, settings_json, secrets_ciphertext, updated_at, inbound_email) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT(workspace_id) DO UPDATE SET settings_json = excluded.settings_json, secrets_ciphertext = excluded.secrets_ciphertext,
       updated_at = excluded.updated_at, inbound_email = excluded.inbound_email`,
    )
    .bind(workspaceId, JSON.stringify(settings), sealed, now, settings.email.inboundAddress?.toLowerCase() ?? null);
}

/** The workspace whose inbound email address this is (indexed, case-insensitive), or null. */
export async function workspaceByInboundEmail(db: D1Database, address: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT workspace_id FROM settings WHERE inbound_email = ?1")
    .bind(address.trim().toLowerCase())
    .first<{ workspace_id: string }>();
  return row?.workspace_id ?? null;
}
