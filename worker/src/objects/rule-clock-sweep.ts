// The inbox object's sweep after a waiting rule ("no reply for 48 h") is saved: each open ticket of the workspace sets
// the rule's clock, in batches of one alarm each, resuming from a cursor kept in storage (so it survives eviction).
// Tickets that change meanwhile set their clocks themselves (every event re-reads the rules).
import type { Env } from "../env";
import { dbFor } from "../db/shards";

const BATCH = 50;
const KEY = "rule_clock_sweep";

interface Sweep {
  workspaceId: string;
  /** The last ticket done, in the open-tickets index order (last_at DESC, id DESC); null before the first. */
  after: { lastAt: number; id: string } | null;
}

export class RuleClockSweep {
  constructor(
    private readonly env: Env,
    private readonly ctx: DurableObjectState,
  ) {}

  /** Starts over (a later save restarts a sweep in progress, which then covers both rules). */
  async start(workspaceId: string): Promise<void> {
    await this.ctx.storage.put<Sweep>(KEY, { workspaceId, after: null });
    await this.ctx.storage.setAlarm(Date.now() + 1);
  }

  /** One batch; re-arms the alarm while tickets remain. */
  async step(): Promise<void> {
    const sweep = await this.ctx.storage.get<Sweep>(KEY);
    if (!sweep) return;
    const db = dbFor(this.env, sweep.workspaceId);
    const after = sweep.after;
    const { results } = await db
      .prepare(
        `SELECT id, last_at FROM tickets WHERE workspace_id = ?1 AND status = 'open'
         ${after ? "AND (last_at < ?2 OR (last_at = ?2 AND id < ?3))" : ""} ORDER BY last_at DESC, id DESC LIMIT ${BATCH}`,
      )
      .bind(sweep.workspaceId, ...(after ? [after.lastAt, after.id] : []))
      .all<{ id: string; last_at: number }>();
    for (const t of results) await this.env.TICKETS.get(this.env.TICKETS.idFromString(t.id)).refreshRuleClocks();
    const last = results.at(-1);
    if (results.length < BATCH || !last) return void (await this.ctx.storage.delete(KEY));
    await this.ctx.storage.put<Sweep>(KEY, { workspaceId: sweep.workspaceId, after: { lastAt: last.last_at, id: last.id } });
    await this.ctx.storage.setAlarm(Date.now() + 1);
  }
}
