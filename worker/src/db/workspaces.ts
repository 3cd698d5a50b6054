// D1 access for workspaces and agents (tenancy and auth).
import type { Agent, Role, Workspace } from "../../../shared/schemas";
import { Role as RoleSchema } from "../../../shared/schemas";
import { isLocale, type Locale } from "../../../shared/i18n/locales";

interface WorkspaceRow {
  id: string;
  name: string;
  timezone: string;
  created_at: number;
}
interface AgentRow {
  id: string;
  workspace_id: string;
  name: string;
  email: string;
  role: string;
  operator: number;
  language: string | null;
  followed_tags_json?: string;
  notify_followed?: number;
  created_at: number;
}

export const toWorkspace = (r: WorkspaceRow): Workspace => ({ id: r.id, name: r.name, timezone: r.timezone, createdAt: new Date(r.created_at).toISOString() });
export const toAgent = (r: AgentRow): Agent => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  email: r.email,
  role: RoleSchema.parse(r.role),
  operator: r.operator === 1,
  language: isLocale(r.language) ? r.language : null,
  followedTags: followedTags(r.followed_tags_json),
  notifyFollowed: r.notify_followed === 1,
  createdAt: new Date(r.created_at).toISOString(),
});

function followedTags(json: string | undefined): string[] {
  try {
    const tags: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export async function getWorkspace(db: D1Database, id: string): Promise<Workspace | null> {
  const row = await db.prepare("SELECT id, name, timezone, created_at FROM workspaces WHERE id = ?1").bind(id).first<WorkspaceRow>();
  return row ? toWorkspace(row) : null;
}

export function insertWorkspaceStmt(db: D1Database, w: { id: string; name: string; timezone: string; createdAt: number }) {
  return db.prepare("INSERT INTO workspaces (id, name, timezone, created_at) VALUES (?1, ?2, ?3, ?4)").bind(w.id, w.name, w.timezone, w.createdAt);
}

export function insertAgentStmt(
  db: D1Database,
  a: { id: string; workspaceId: string; name: string; email: string; role: Role; tokenHash: string; createdAt: number },
) {
  return db
    .prepare("INSERT INTO agents (id, workspace_id, name, email, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    .bind(a.id, a.workspaceId, a.name, a.email, a.role, a.tokenHash, a.createdAt);
}

/** The agent with this token hash and its workspace, in one round trip (every API request authenticates). */
export async function agentAndWorkspaceByTokenHash(db: D1Database, tokenHash: string) {
  const row = await db
    .prepare(
      `SELECT a.id, a.workspace_id, a.name, a.email, a.role, a.operator, a.language, a.followed_tags_json, a.notify_followed, a.created_at, a.token_hash,
       w.name AS workspace_name, w.timezone AS workspace_timezone, w.created_at AS workspace_created_at
     FROM agents a JOIN workspaces w ON w.id = a.workspace_id WHERE a.token_hash = ?1`,
    )
    .bind(tokenHash)
    .first<AgentRow & { token_hash: string; workspace_name: string; workspace_timezone: string; workspace_created_at: number }>();
  if (!row) return null;
  const workspace = toWorkspace({ id: row.workspace_id, name: row.workspace_name, timezone: row.workspace_timezone, created_at: row.workspace_created_at });
  return { agent: toAgent(row), workspace, tokenHash: row.token_hash };
}

export async function listAgents(db: D1Database, workspaceId: string) {
  const { results } = await db
    .prepare(
      "SELECT id, workspace_id, name, email, role, operator, language, followed_tags_json, notify_followed, created_at FROM agents WHERE workspace_id = ?1 ORDER BY created_at",
    )
    .bind(workspaceId)
    .all<AgentRow>();
  return results.map(toAgent);
}

export async function getAgent(db: D1Database, workspaceId: string, agentId: string) {
  const row = await db
    .prepare(
      "SELECT id, workspace_id, name, email, role, operator, language, followed_tags_json, notify_followed, created_at FROM agents WHERE workspace_id = ?1 AND id = ?2",
    )
    .bind(workspaceId, agentId)
    .first<AgentRow>();
  return row ? toAgent(row) : null;
}

export async function setOperator(db: D1Database, workspaceId: string, agentId: string, operator: boolean) {
  await db
    .prepare("UPDATE agents SET operator = ?3 WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, agentId, operator ? 1 : 0)
    .run();
}

/** The agent's panel language; null follows their browser's. */
export async function setLanguage(db: D1Database, workspaceId: string, agentId: string, language: Locale | null) {
  await db.prepare("UPDATE agents SET language = ?3 WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, agentId, language).run();
}

export async function setFollowedTags(db: D1Database, workspaceId: string, agentId: string, tags: string[]) {
  await db.prepare("UPDATE agents SET followed_tags_json = ?3 WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, agentId, JSON.stringify(tags)).run();
}

export async function setNotifyFollowed(db: D1Database, workspaceId: string, agentId: string, on: boolean) {
  await db
    .prepare("UPDATE agents SET notify_followed = ?3 WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, agentId, on ? 1 : 0)
    .run();
}

/** Removing an agent from the directory revokes their token at once. */
export async function deleteAgent(db: D1Database, workspaceId: string, agentId: string) {
  await db.prepare("DELETE FROM agents WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, agentId).run();
}

export async function setAgentTokenHash(db: D1Database, workspaceId: string, agentId: string, tokenHash: string) {
  await db.prepare("UPDATE agents SET token_hash = ?3 WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, agentId, tokenHash).run();
}

export function setTimezoneStmt(db: D1Database, workspaceId: string, timezone: string) {
  return db.prepare("UPDATE workspaces SET timezone = ?2 WHERE id = ?1").bind(workspaceId, timezone);
}

export async function operatorIds(db: D1Database, workspaceId: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT id FROM agents WHERE workspace_id = ?1 AND operator = 1").bind(workspaceId).all<{ id: string }>();
  return results.map((r) => r.id);
}

/** The demo store page's workspace: the one asked for, else the first created. */
export async function demoWorkspace(db: D1Database, asked: string | null): Promise<{ id: string; name: string } | null> {
  return asked
    ? db.prepare("SELECT id, name FROM workspaces WHERE id = ?1").bind(asked).first<{ id: string; name: string }>()
    : db.prepare("SELECT id, name FROM workspaces ORDER BY created_at LIMIT 1").first<{ id: string; name: string }>();
}
