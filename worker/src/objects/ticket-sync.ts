// Projects a ticket's state into D1 and publishes its pending events to the workspace's InboxObject.
import { deleteTicketFiles } from "../files/file-store";
import type { Env } from "../env";
import type { TicketSummary } from "../../../shared/schemas";
import { deleteTicketStatements, projectedNumber, projectionStatements, type TicketProjection } from "../db/projection";
import type { TicketStore } from "./ticket-store";
import type { TicketState } from "./ticket-state";
import { nextDue } from "../../../shared/rules/sla";

export async function syncTicket(db: D1Database, env: Env, store: TicketStore): Promise<void> {
  const state = store.state();
  if (!state) return;
  if (state.projectedVersion < state.version || state.number === null) {
    const projection = projectionOf(store, state);
    const results = await db.batch(projectionStatements(db, projection));
    // Re-read: the state may have moved on while D1 answered; only record what we actually wrote.
    const latest = store.current();
    if (latest.number === null) {
      latest.number = projectedNumber(results);
      store.queueEvent({ type: "ticket.updated", ticket: summaryOf(store, latest), change: "created" });
    }
    latest.projectedVersion = Math.max(latest.projectedVersion, projection.version);
    latest.indexedSeq = Math.max(latest.indexedSeq, projection.indexedSeq);
    store.saveState(latest);
    if (latest.projectedVersion === latest.version) store.queueEvent({ type: "ticket.updated", ticket: summaryOf(store, latest), change: "updated" });
  }
  const pending = store.pendingEvents();
  if (pending.length === 0) return;
  await env.INBOX.get(env.INBOX.idFromName(state.workspaceId)).publish(state.workspaceId, collapse(pending.map((p) => p.event)));
  store.dropEvents(pending[pending.length - 1]!.id);
}

/** Publishes only the last ticket.updated and one counts.changed per batch: agents need the latest, not every step. */
function collapse<T extends { type: string }>(events: T[]): T[] {
  const lastIndex = (type: string) => events.map((e) => e.type).lastIndexOf(type);
  const keepUpdate = lastIndex("ticket.updated");
  const keepCounts = lastIndex("counts.changed");
  return events.filter((e, i) => (e.type === "ticket.updated" ? i === keepUpdate : e.type === "counts.changed" ? i === keepCounts : true));
}

function projectionOf(store: TicketStore, s: TicketState): TicketProjection {
  const agents = store.agentStates();
  const last = store.lastVisible();
  const customer = store.lastCustomerMessage(s.lastInboundSeq);
  return {
    id: s.ticketId,
    workspaceId: s.workspaceId,
    number: s.number,
    channel: s.channel,
    status: s.status,
    snoozedUntil: s.snoozedUntil,
    assigneeId: s.assigneeId,
    profileId: s.profile.id,
    tags: s.tags,
    description: s.description,
    followers: s.followers,
    favoriteOf: agents.filter((a) => a.favorite).map((a) => a.agentId),
    readBy: agents.filter((a) => !a.markedUnread && a.readSeq >= s.lastInboundSeq).map((a) => a.agentId),
    markedUnreadBy: agents.filter((a) => a.markedUnread).map((a) => a.agentId),
    last: last ? { text: last.text.slice(0, 280), at: Date.parse(last.createdAt), direction: last.kind } : null,
    customer: customer ? { text: customer.text.slice(0, 280), at: Date.parse(customer.createdAt) } : null,
    waitingSince: s.waitingSince,
    attribution: s.attribution,
    newMessages: store.searchableSince(s.indexedSeq),
    indexedSeq: store.maxSeq(),
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    firstResponseAt: s.firstResponseAt,
    firstResponderId: s.firstResponderId,
    periodStartedAt: s.periodStartedAt,
    closedAt: s.status === "closed" ? s.closedAt : null,
    sla: slaOf(s),
  };
}

export function summaryOf(store: TicketStore, s: TicketState): Omit<TicketSummary, "unread" | "favorite"> {
  const last = store.lastVisible();
  const customer = store.lastCustomerMessage(s.lastInboundSeq);
  return {
    id: s.ticketId,
    number: s.number,
    channel: s.channel,
    status: s.status,
    snoozedUntil: s.snoozedUntil === null ? null : new Date(s.snoozedUntil).toISOString(),
    assigneeId: s.assigneeId,
    tags: s.tags,
    profile: s.profile,
    lastMessage: last ? { text: last.text.slice(0, 280), at: last.createdAt, direction: last.kind } : null,
    attribution: s.attribution,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
    customerOnline: s.channel === "webchat" ? s.customerOnline : null,
    lastCustomerMessage: customer ? { text: customer.text.slice(0, 280), at: customer.createdAt } : null,
    waitingSince: s.waitingSince === null ? null : new Date(s.waitingSince).toISOString(),
    sla: summarySla(s),
  };
}

/** The target due first, with its policy; none on a closed ticket. */
function slaOf(s: TicketState) {
  const next = s.status === "closed" ? null : nextDue(s.sla);
  return next && s.sla ? { policy: s.sla.policy, ...next } : null;
}

export function summarySla(s: TicketState): TicketSummary["sla"] {
  const sla = slaOf(s);
  return sla ? { ...sla, dueAt: new Date(sla.dueAt).toISOString() } : null;
}

export async function deleteTicketEverywhere(db: D1Database, env: Env, s: TicketState): Promise<void> {
  await db.batch(deleteTicketStatements(db, s.workspaceId, s.ticketId));
  await deleteTicketFiles(env, s.workspaceId, s.ticketId);
  try {
    await env.INBOX.get(env.INBOX.idFromName(s.workspaceId)).publish(s.workspaceId, [
      { type: "ticket.deleted", ticketId: s.ticketId },
      { type: "counts.changed" },
    ]);
  } catch (err) {
    console.warn("could not announce a deleted ticket", err); // the listing is already gone; panels catch up on reconnect
  }
}
