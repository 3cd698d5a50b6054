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

/** Counts the click and returns where to go, or null for an unknown code. */
export async function followShortLink(db: D1Database, code: string): Promise<string | null> {
  const row = await db.prepare("UPDATE short_links SET clicks = clicks + 1 WHERE code = ?1 RETURNING url").bind(code).first<{ url: string }>();
  return row?.url ?? null;
}
