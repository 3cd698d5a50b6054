// Automation rules in D1 (tables rules, rule_runs on the workspace's shard): definitions parsed with the shared schema
// on every read, in run order, and the record of each time a rule acted, for the 7-day counts.
import * as clock from "../clock";
import { RuleBody, type Rule } from "../../../shared/schemas/rules";

interface RuleRow {
  id: string;
  name: string;
  position: number;
  enabled: number;
  definition_json: string;
  created_at: number;
  updated_at: number;
}

const WEEK_MS = 7 * 86_400_000;

/** A stored rule; `definition` is what RuleBody holds besides the name and the enabled flag. */
export type StoredRule = Omit<Rule, "firedLast7Days">;

const toRule = (r: RuleRow): StoredRule => {
  const body = RuleBody.parse({ ...JSON.parse(r.definition_json), name: r.name, enabled: r.enabled === 1 });
  return { id: r.id, position: r.position, ...body, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() };
};

/** Every rule of the workspace in run order (`enabledOnly` for the ticket object). */
export async function listRules(db: D1Database, workspaceId: string, enabledOnly = false): Promise<StoredRule[]> {
  const { results } = await db
    .prepare(`SELECT * FROM rules WHERE workspace_id = ?1 ${enabledOnly ? "AND enabled = 1" : ""} ORDER BY position, created_at LIMIT 200`)
    .bind(workspaceId)
    .all<RuleRow>();
  return results.map(toRule);
}

export async function getRule(db: D1Database, workspaceId: string, id: string): Promise<StoredRule | null> {
  const row = await db.prepare("SELECT * FROM rules WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id).first<RuleRow>();
  return row ? toRule(row) : null;
}

/** Inserts (at the end of the order) or updates; null when an update finds no such rule. Throws "name_taken". */
export async function saveRule(db: D1Database, workspaceId: string, id: string, body: RuleBody, create: boolean): Promise<StoredRule | null> {
  const { name, enabled, ...definition } = body;
  const now = clock.now();
  try {
    if (create) {
      await db
        .prepare(
          `INSERT INTO rules (workspace_id, id, name, position, enabled, definition_json, created_at, updated_at)
           VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM rules WHERE workspace_id = ?1), ?4, ?5, ?6, ?6)`,
        )
        .bind(workspaceId, id, name, enabled ? 1 : 0, JSON.stringify(definition), now)
        .run();
    } else {
      const changed = await db
        .prepare("UPDATE rules SET name = ?3, enabled = ?4, definition_json = ?5, updated_at = ?6 WHERE workspace_id = ?1 AND id = ?2 RETURNING id")
        .bind(workspaceId, id, name, enabled ? 1 : 0, JSON.stringify(definition), now)
        .first();
      if (!changed) return null;
    }
  } catch (err) {
    if (err instanceof Error && /UNIQUE constraint failed/.test(err.message)) throw new Error("name_taken");
    throw err;
  }
  return getRule(db, workspaceId, id);
}

export async function deleteRule(db: D1Database, workspaceId: string, id: string): Promise<boolean> {
  return (await db.prepare("DELETE FROM rules WHERE workspace_id = ?1 AND id = ?2 RETURNING id").bind(workspaceId, id).first()) !== null;
}

/** Puts the rules in the order of `ids` (rules not named keep their place after them). */
export async function reorderRules(db: D1Database, workspaceId: string, ids: string[]): Promise<void> {
  const existing = await listRules(db, workspaceId);
  const named = ids.filter((id) => existing.some((r) => r.id === id));
  const order = [...new Set(named), ...existing.map((r) => r.id).filter((id) => !named.includes(id))];
  await db.batch(order.map((id, i) => db.prepare("UPDATE rules SET position = ?3 WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id, i + 1)));
}

/** Records that rules acted on a ticket for one event; a repeat of the same event adds nothing. */
export async function recordRuleRuns(db: D1Database, workspaceId: string, ticketId: string, eventKey: string, ruleIds: string[], at: number) {
  if (ruleIds.length === 0) return;
  await db.batch(
    ruleIds.map((ruleId) =>
      db
        .prepare("INSERT OR IGNORE INTO rule_runs (workspace_id, rule_id, ticket_id, event_key, at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(workspaceId, ruleId, ticketId, eventKey, at),
    ),
  );
}

/** How many times each rule acted in the last 7 days. */
export async function ruleRunCounts(db: D1Database, workspaceId: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare("SELECT rule_id, COUNT(*) AS n FROM rule_runs WHERE workspace_id = ?1 AND at >= ?2 GROUP BY rule_id")
    .bind(workspaceId, clock.now() - WEEK_MS)
    .all<{ rule_id: string; n: number }>();
  return new Map(results.map((r) => [r.rule_id, r.n]));
}

/** The ticket with this display number ("what would happen" on ticket #N). */
export async function ticketIdByNumber(db: D1Database, workspaceId: string, number: number): Promise<string | null> {
  const row = await db.prepare("SELECT id FROM tickets WHERE workspace_id = ?1 AND number = ?2").bind(workspaceId, number).first<{ id: string }>();
  return row?.id ?? null;
}
