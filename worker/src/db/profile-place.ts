// Writes a customer's place (location + country, and time zone) with its source, unless what is stored came from a
// more precise source (ranks in domain/customer-place.ts). Each half is kept or replaced on its own.
import { PLACE_RANK, type Place } from "../domain/customer-place";

const rankOf = (column: string) =>
  `CASE ${column} ${Object.entries(PLACE_RANK)
    .map(([source, rank]) => `WHEN '${source}' THEN ${rank}`)
    .join(" ")} ELSE 0 END`;

export async function recordPlace(db: D1Database, workspaceId: string, profileId: string, place: Place | null): Promise<void> {
  if (!place) return;
  const rank = PLACE_RANK[place.source];
  const statements: D1PreparedStatement[] = [];
  if (place.location || place.country)
    statements.push(
      db
        .prepare(
          `UPDATE profiles SET location = ?3, country = ?4, location_source = ?5 WHERE workspace_id = ?1 AND id = ?2 AND ${rankOf("location_source")} <= ?6`,
        )
        .bind(workspaceId, profileId, place.location, place.country, place.source, rank),
    );
  if (place.timezone)
    statements.push(
      db
        .prepare(`UPDATE profiles SET timezone = ?3, timezone_source = ?4 WHERE workspace_id = ?1 AND id = ?2 AND ${rankOf("timezone_source")} <= ?5`)
        .bind(workspaceId, profileId, place.timezone, place.source, rank),
    );
  if (statements.length) await db.batch(statements);
}
