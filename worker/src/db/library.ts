// D1 access for quick replies and saved views; every query is scoped to the workspace.
import { SavedView, TicketFilter, type QuickReply } from "../../../shared/schemas";

interface QuickReplyRow {
  id: string;
  title: string;
  text: string;
  created_at: number;
  updated_at: number;
}
interface ViewRow {
  id: string;
  agent_id: string;
  name: string;
  filter_json: string;
  shared: number;
  created_at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const toQuickReply = (r: QuickReplyRow): QuickReply => ({ id: r.id, title: r.title, text: r.text, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) });

export async function listQuickReplies(db: D1Database, workspaceId: string, q: string | null): Promise<QuickReply[]> {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { results } = await db
    .prepare(
      `SELECT id, title, text, created_at, updated_at FROM quick_replies WHERE workspace_id = ?1
       AND (?2 IS NULL OR title LIKE ?2 ESCAPE '\\' OR text LIKE ?2 ESCAPE '\\') ORDER BY title COLLATE NOCASE LIMIT 500`,
    )
    .bind(workspaceId, like)
    .all<QuickReplyRow>();
  return results.map(toQuickReply);
}

export async function saveQuickReply(
  db: D1Database,
  r: { id: string; workspaceId: string; title: string; text: string; agentId: string; now: number },
  create: boolean,
) {
  const stmt = create
    ? db
        .prepare(
          "INSERT INTO quick_replies (id, workspace_id, title, text, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING *",
        )
        .bind(r.id, r.workspaceId, r.title, r.text, r.agentId, r.now)
    : db
        .prepare("UPDATE quick_replies SET title = ?3, text = ?4, updated_at = ?6 WHERE id = ?1 AND workspace_id = ?2 RETURNING *")
        .bind(r.id, r.workspaceId, r.title, r.text, r.agentId, r.now);
  const row = await stmt.first<QuickReplyRow>();
  return row ? toQuickReply(row) : null;
}

export async function deleteQuickReply(db: D1Database, workspaceId: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM quick_replies WHERE id = ?1 AND workspace_id = ?2").bind(id, workspaceId).run();
  return res.meta.changes > 0;
}

/** The agent's own views and the ones others shared. */
export async function listViews(db: D1Database, workspaceId: string, agentId: string): Promise<SavedView[]> {
  const { results } = await db
    .prepare(
      "SELECT id, agent_id, name, filter_json, shared, created_at FROM saved_views WHERE workspace_id = ?1 AND (agent_id = ?2 OR shared = 1) ORDER BY name COLLATE NOCASE",
    )
    .bind(workspaceId, agentId)
    .all<ViewRow>();
  return results.map((r) =>
    SavedView.parse({
      id: r.id,
      name: r.name,
      filter: TicketFilter.parse(JSON.parse(r.filter_json)),
      shared: r.shared === 1,
      mine: r.agent_id === agentId,
      createdAt: iso(r.created_at),
    }),
  );
}

export async function insertView(
  db: D1Database,
  v: { id: string; workspaceId: string; agentId: string; name: string; filter: TicketFilter; shared: boolean; now: number },
) {
  await db
    .prepare("INSERT INTO saved_views (id, workspace_id, agent_id, name, filter_json, shared, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    .bind(v.id, v.workspaceId, v.agentId, v.name, JSON.stringify(v.filter), v.shared ? 1 : 0, v.now)
    .run();
}

/** Only the view's author deletes it. */
export async function deleteView(db: D1Database, workspaceId: string, agentId: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM saved_views WHERE id = ?1 AND workspace_id = ?2 AND agent_id = ?3").bind(id, workspaceId, agentId).run();
  return res.meta.changes > 0;
}
