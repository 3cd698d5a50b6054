// Satisfaction surveys in D1 (table csat_surveys, in the directory database: a survey link names no workspace, like a
// short link): one per ticket and closed period, the customer's answer on it, and the counts the reports read.
import * as clock from "../clock";
import { randomToken } from "../http/crypto";

export interface Survey {
  id: string;
  workspaceId: string;
  ticketId: string;
  period: number;
  channel: string;
  score: number | null;
  comment: string | null;
  answeredAt: number | null;
}

interface SurveyRow {
  id: string;
  workspace_id: string;
  ticket_id: string;
  period_started_at: number;
  channel: string;
  score: number | null;
  comment: string | null;
  answered_at: number | null;
}

const toSurvey = (r: SurveyRow): Survey => ({
  id: r.id,
  workspaceId: r.workspace_id,
  ticketId: r.ticket_id,
  period: r.period_started_at,
  channel: r.channel,
  score: r.score,
  comment: r.comment,
  answeredAt: r.answered_at,
});

/** The period's survey, made now unless it exists (a retried send finds the same one). */
export async function surveyFor(
  db: D1Database,
  s: { workspaceId: string; ticketId: string; period: number; channel: string; agentId: string | null; tags: string[] },
): Promise<Survey> {
  await db
    .prepare(
      `INSERT OR IGNORE INTO csat_surveys (id, workspace_id, ticket_id, period_started_at, channel, agent_id, tags_json, sent_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(randomToken("cs", 12), s.workspaceId, s.ticketId, s.period, s.channel, s.agentId, JSON.stringify(s.tags), clock.now())
    .run();
  const row = await db
    .prepare("SELECT * FROM csat_surveys WHERE workspace_id = ?1 AND ticket_id = ?2 AND period_started_at = ?3")
    .bind(s.workspaceId, s.ticketId, s.period)
    .first<SurveyRow>();
  if (!row) throw new Error("survey vanished after insert");
  return toSurvey(row);
}

export async function getSurvey(db: D1Database, id: string): Promise<Survey | null> {
  const row = await db.prepare("SELECT * FROM csat_surveys WHERE id = ?1").bind(id).first<SurveyRow>();
  return row ? toSurvey(row) : null;
}

/** The customer's answer (a later one replaces it: they may add a comment after a first click). */
export async function answerSurvey(db: D1Database, id: string, score: number, comment: string): Promise<void> {
  await db
    .prepare("UPDATE csat_surveys SET score = ?2, comment = ?3, answered_at = ?4 WHERE id = ?1")
    .bind(id, score, comment || null, clock.now())
    .run();
}

export interface CsatCountRow {
  key: string;
  sent: number;
  answered: number;
  satisfied: number;
}

/** Surveys sent in [from, to) by agent, channel and tag, and the latest comments. */
export async function csatCounts(db: D1Database, workspaceId: string, from: number, to: number, channel: string | null) {
  const where = "s.workspace_id = ?1 AND s.sent_at >= ?2 AND s.sent_at < ?3 AND (?4 IS NULL OR s.channel = ?4)";
  const counts = "COUNT(*) AS sent, COUNT(s.score) AS answered, SUM(CASE WHEN s.score >= 4 THEN 1 ELSE 0 END) AS satisfied";
  const bind = (sql: string) => db.prepare(sql).bind(workspaceId, from, to, channel);
  const [agent, byChannel, tag, comments] = await db.batch<
    CsatCountRow & { ticket_id: string; channel: string; score: number; comment: string; answered_at: number }
  >([
    bind(`SELECT COALESCE(s.agent_id, '') AS key, ${counts} FROM csat_surveys s WHERE ${where} GROUP BY key`),
    bind(`SELECT s.channel AS key, ${counts} FROM csat_surveys s WHERE ${where} GROUP BY key`),
    bind(`SELECT j.value AS key, ${counts} FROM csat_surveys s, json_each(s.tags_json) j WHERE ${where} GROUP BY key`),
    bind(
      `SELECT s.ticket_id, s.channel, s.score, s.comment, s.answered_at FROM csat_surveys s
       WHERE ${where} AND s.comment IS NOT NULL ORDER BY s.answered_at DESC LIMIT 20`,
    ),
  ]);
  return { agent: agent?.results ?? [], channel: byChannel?.results ?? [], tag: tag?.results ?? [], comments: comments?.results ?? [] };
}

/** Display numbers of tickets (on the workspace's shard, apart from the surveys). */
export async function ticketNumbers(db: D1Database, workspaceId: string, ids: string[]): Promise<Map<string, number | null>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare(`SELECT id, number FROM tickets WHERE workspace_id = ?1 AND id IN (SELECT value FROM json_each(?2))`)
    .bind(workspaceId, JSON.stringify(ids))
    .all<{ id: string; number: number | null }>();
  return new Map(results.map((r) => [r.id, r.number]));
}
