// An agent's rows on the workspace's shard: read state, favorites, saved views and assignments.

/** Drops a removed agent's per-ticket state and saved views. */
export async function forgetAgent(db: D1Database, workspaceId: string, agentId: string) {
  await db.batch([
    db.prepare("DELETE FROM ticket_unread WHERE workspace_id = ?1 AND agent_id = ?2").bind(workspaceId, agentId),
    db.prepare("DELETE FROM ticket_favorites WHERE workspace_id = ?1 AND agent_id = ?2").bind(workspaceId, agentId),
    db.prepare("DELETE FROM saved_views WHERE workspace_id = ?1 AND agent_id = ?2").bind(workspaceId, agentId),
  ]);
}

export async function ticketsAssignedTo(db: D1Database, workspaceId: string, agentId: string, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM tickets WHERE workspace_id = ?1 AND assignee_id = ?2 LIMIT ?3")
    .bind(workspaceId, agentId, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
