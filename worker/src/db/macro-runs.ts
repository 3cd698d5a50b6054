// Applied macros by Idempotency-Key (table macro_runs): the first request claims the key, a repeat gets its steps.
import * as clock from "../clock";
import { MacroStep } from "../../../shared/schemas/macros";

export interface MacroRun {
  ticketId: string;
  macroId: string;
  agentId: string;
  status: "running" | "done";
  steps: MacroStep[] | null;
  updatedAt: number;
}

export async function claimMacroRun(
  db: D1Database,
  workspaceId: string,
  id: string,
  run: { ticketId: string; macroId: string; agentId: string },
): Promise<boolean> {
  const now = clock.now();
  const row = await db
    .prepare(
      `INSERT INTO macro_runs (workspace_id, id, ticket_id, macro_id, agent_id, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?6) ON CONFLICT DO NOTHING RETURNING id`,
    )
    .bind(workspaceId, id, run.ticketId, run.macroId, run.agentId, now)
    .first();
  return row !== null;
}

export async function getMacroRun(db: D1Database, workspaceId: string, id: string): Promise<MacroRun | null> {
  const r = await db
    .prepare("SELECT ticket_id, macro_id, agent_id, status, steps_json, updated_at FROM macro_runs WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, id)
    .first<{ ticket_id: string; macro_id: string; agent_id: string; status: "running" | "done"; steps_json: string | null; updated_at: number }>();
  if (!r) return null;
  return {
    ticketId: r.ticket_id,
    macroId: r.macro_id,
    agentId: r.agent_id,
    status: r.status,
    steps: r.steps_json ? MacroStep.array().parse(JSON.parse(r.steps_json)) : null,
    updatedAt: r.updated_at,
  };
}

export async function finishMacroRun(db: D1Database, workspaceId: string, id: string, steps: MacroStep[]) {
  await db
    .prepare("UPDATE macro_runs SET status = 'done', steps_json = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND id = ?2")
    .bind(workspaceId, id, JSON.stringify(steps), clock.now())
    .run();
}

/** The application failed part-way: the next attempt with the same key runs it again (each step is safe to repeat). */
export async function releaseMacroRun(db: D1Database, workspaceId: string, id: string) {
  await db.prepare("DELETE FROM macro_runs WHERE workspace_id = ?1 AND id = ?2 AND status = 'running'").bind(workspaceId, id).run();
}
