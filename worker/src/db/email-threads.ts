// D1 access for email threading: every Message-ID seen or sent in a workspace, mapped to its thread's root.
import * as clock from "../clock";

/** The root of the first known id among `candidates` (kept in the caller's order of preference), or null. */
export async function findThreadRoot(db: D1Database, workspaceId: string, candidates: string[]): Promise<string | null> {
  if (candidates.length === 0) return null;
  const slots = candidates.map((_, i) => `?${i + 2}`).join(", ");
  const { results } = await db
    .prepare(`SELECT message_id, root_id FROM email_messages WHERE workspace_id = ?1 AND message_id IN (${slots})`)
    .bind(workspaceId, ...candidates)
    .all<{ message_id: string; root_id: string }>();
  const byId = new Map(results.map((r) => [r.message_id, r.root_id]));
  for (const id of candidates) {
    const root = byId.get(id);
    if (root) return root;
  }
  return null;
}

/** Records `messageId` in thread `rootId`; an id seen before keeps its first root, which is returned. */
export async function linkMessageId(db: D1Database, workspaceId: string, messageId: string, rootId: string): Promise<string> {
  const row = await db
    .prepare(
      `INSERT INTO email_messages (workspace_id, message_id, root_id, created_at) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT(workspace_id, message_id) DO UPDATE SET root_id = email_messages.root_id RETURNING root_id`,
    )
    .bind(workspaceId, messageId, rootId, clock.now())
    .first<{ root_id: string }>();
  return row?.root_id ?? rootId;
}
