// SLA targets in the ticket object (docs/api.md §18): after every event the rules look at, the ticket's targets are
// reconciled with the workspace's policies (inside the rules' transaction); each running target has a `sla:<kind>`
// timer at its due time that marks the breach with a line, and each target that ends is recorded for the reports.
import * as clock from "../clock";
import { z } from "zod";
import { activityLine } from "../../../shared/rules/activity";
import { addWorkingMinutes, reconcileSla } from "../../../shared/rules/sla";
import type { Settings } from "../../../shared/schemas/settings";
import { SlaTargetKind } from "../../../shared/schemas/sla";
import { recordSlaResults } from "../db/sla-results";
import type { TicketState } from "./ticket-state";
import type { TicketStore } from "./ticket-store";
import type { TicketWriter } from "./ticket-writer";

export const SLA_TIMER = "sla";
export const SLA_LOG_TIMER = "sla-log";
export const SlaLogPayload = z.object({
  kind: SlaTargetKind,
  policy: z.string(),
  startedAt: z.number(),
  dueAt: z.number(),
  doneAt: z.number(),
  breached: z.boolean(),
  channel: z.string(),
  agentId: z.string().nullable(),
});

/** Reconciles the ticket's targets with the policies (inside a transaction); true when they changed. */
export function applySla(store: TicketStore, writer: TicketWriter, state: TicketState, settings: Settings, timeZone: string): boolean {
  const now = clock.now();
  const schedule = settings.webchat.businessHours;
  const due = (start: number, minutes: number, businessHours: boolean) => addWorkingMinutes(start, minutes, businessHours ? schedule : null, timeZone);
  const facts = { ...state, closedAt: state.status === "closed" ? state.closedAt : null };
  const { sla, finished } = reconcileSla(state.sla, facts, settings.sla.policies, due, now);
  for (const f of finished) {
    // The agent who answered (response) or held the ticket when it closed (resolution).
    const agentId = f.kind === "response" ? state.lastReplierId : state.assigneeId;
    writer.schedule(`${SLA_LOG_TIMER}:${f.kind}:${f.startedAt}`, now, { ...f, channel: state.channel, agentId });
  }
  const changed = JSON.stringify(sla) !== JSON.stringify(state.sla);
  state.sla = sla;
  for (const kind of SlaTargetKind.options) {
    const target = sla?.[kind];
    if (target && target.breachedAt === null) store.setTimer(`${SLA_TIMER}:${kind}`, target.dueAt, null);
    else store.clearTimer(`${SLA_TIMER}:${kind}`);
  }
  return changed || finished.length > 0;
}

/** A target's due time came: unless it ended meanwhile, it is breached, with a line on the ticket. */
export function markBreach(ctx: DurableObjectState, store: TicketStore, writer: TicketWriter, key: string): void {
  const kind = SlaTargetKind.parse(key.slice(SLA_TIMER.length + 1));
  ctx.storage.transactionSync(() => {
    store.clearTimer(key);
    const state = store.state();
    const target = state?.sla?.[kind];
    if (!state?.sla || !target || target.breachedAt !== null) return;
    if (target.dueAt > clock.now()) return store.setTimer(key, target.dueAt, null); // moved later meanwhile
    target.breachedAt = target.dueAt;
    writer.activity(
      state,
      activityLine("slaBreached", { policy: state.sla.policy, targetKey: kind === "response" ? "targetResponse" : "targetResolution" }),
      clock.now(),
    );
    writer.commit(state, "sla");
  });
}

export async function logSlaResult(store: TicketStore, db: (workspaceId: string) => D1Database, key: string, p: z.infer<typeof SlaLogPayload>) {
  const state = store.state();
  if (state) await recordSlaResults(db(state.workspaceId), state.workspaceId, state.ticketId, p);
  store.clearTimer(key);
}
