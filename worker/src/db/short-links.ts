// Short links in the directory: `/s/<code>` is resolved before any workspace is known.

export async function insertShortLinks(db: D1Database, links: { code: string; workspaceId: string; ticketId: string; url: string; createdAt: number }[]) {
  await db.batch(
    links.map((l) =>
      db
        .prepare("INSERT INTO short_links (code, workspace_id, ticket_id, url, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(l.code, l.workspaceId, l.ticketId, l.url, l.createdAt),
    ),
  );
}

/** Counts the click and returns where to go and whose link it is, or null for an unknown code. */
export async function followShortLink(db: D1Database, code: string): Promise<{ url: string; workspaceId: string; ticketId: string | null } | null> {
  const row = await db
    .prepare("UPDATE short_links SET clicks = clicks + 1 WHERE code = ?1 RETURNING url, workspace_id, ticket_id")
    .bind(code)
    .first<{ url: string; workspace_id: string; ticket_id: string | null }>();
  return row ? { url: row.url, workspaceId: row.workspace_id, ticketId: row.ticket_id } : null;
}
