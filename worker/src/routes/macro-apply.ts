// POST /api/tickets/:id/macros/:macroId/apply: a macro's steps in order — the order action first (a discount code it
// makes can go in the reply), then the reply or note, tags, assignment and status. `dryRun` answers with exactly what
// would happen; applying carries an Idempotency-Key, so a repeat does each step once. Each step is one line on the ticket.
import * as clock from "../clock";
import { activityLine } from "../../../shared/rules/activity";
import { fillMacroText, macroVariablesIn } from "../../../shared/rules/macro-text";
import { needsApproval } from "../../../shared/rules/order-limits";
import { INBOX_ROLES, type OrderActionKind, type StoreOrder } from "../../../shared/schemas";
import { ApplyMacroBody, MacroApplyResponse, type Macro, type MacroStep, type MacroVariable } from "../../../shared/schemas/macros";
import type { Env } from "../env";
import { agentRoute, type AppRouter } from "../http/agent-route";
import type { AgentContext } from "../http/auth";
import { HttpError, notFound, parseOr400, readJson } from "../http/errors";
import { respond } from "../http/respond";
import { getMacro } from "../db/macros";
import { claimMacroRun, finishMacroRun, getMacroRun, releaseMacroRun } from "../db/macro-runs";
import { getOrder, listProfileOrders } from "../db/orders";
import { getProfile, type StoredProfile } from "../db/profiles";
import { loadSettings } from "../db/settings";
import { dbFor, directory } from "../db/shards";
import { listAgents } from "../db/workspaces";
import { PLANNERS } from "./order-action-plans";
import { idempotencyKeyOf, performOrderAction } from "./order-action-runner";
import { changeStatus, editTicket, postMessage } from "./ticket-actions";
import type { TicketState } from "../objects/ticket-state";
import { channels } from "../channels";
import { originOf, ticketStub, unwrap } from "./ticket-access";

export function registerMacroApply(router: AppRouter) {
  router.post(
    "/api/tickets/:id/macros/:macroId/apply",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(ApplyMacroBody, await readJson(request));
      const key = body.dryRun ? null : idempotencyKeyOf(request);
      const ticketId = request.params.id!;
      const stub = await ticketStub(env, who, ticketId);
      const macro = await getMacro(dbFor(env, who.workspace.id), who.workspace.id, request.params.macroId!);
      if (!macro) throw notFound("macro");
      const named = { id: macro.id, name: macro.name };
      const db = dbFor(env, who.workspace.id);
      const run = { ticketId, macroId: macro.id, agentId: who.agent.id };
      if (key && !(await claimMacroRun(db, who.workspace.id, key, run)))
        return respond(MacroApplyResponse, { macro: named, dryRun: false, steps: await repeated(db, who.workspace.id, key, run) });
      try {
        const { state } = unwrap(await stub.view(who.workspace.id, who.agent.id));
        const ctx = await context(env, who, state.profile.id, macro, body);
        const steps = await plan(env, who, macro, ctx, state, body);
        if (!key) return respond(MacroApplyResponse, { macro: named, dryRun: true, steps: steps.map((s) => s.step) });
        const blocked = steps.find((s) => s.step.state === "failed");
        if (blocked) throw new HttpError(422, "macro_not_applicable", `${blocked.step.summary}: ${blocked.step.note}`);
        await stub.recordActivity(who.workspace.id, `macro:${key}`, activityLine("macroApplied", { who: who.agent.name, macro: macro.name }));
        const done = await carryOut(env, who, ticketId, key, steps, originOf(env, request));
        await finishMacroRun(db, who.workspace.id, key, done);
        return respond(MacroApplyResponse, { macro: named, dryRun: false, steps: done });
      } catch (err) {
        if (key) await releaseMacroRun(db, who.workspace.id, key);
        throw err;
      }
    }),
  );
}

interface Context {
  profileId: string;
  profile: StoredProfile | null;
  order: StoreOrder | null;
  values: Partial<Record<MacroVariable, string | null>>;
}

/** The order the macro works on (the one asked for, else the customer's latest) and the variables' values. */
async function context(env: Env, who: AgentContext, profileId: string, macro: Macro, body: ApplyMacroBody): Promise<Context> {
  const db = dbFor(env, who.workspace.id);
  const profile = await getProfile(db, who.workspace.id, profileId);
  let order: StoreOrder | null = null;
  if (body.orderId) {
    order = await getOrder(db, who.workspace.id, body.orderId);
    if (!order || order.profileId !== profileId) throw new HttpError(404, "not_found", "No such order for this customer.");
  } else if (macro.orderAction?.kind !== "discount" && (macro.orderAction || macroVariablesIn(macro.message?.text ?? "").some((v) => v.startsWith("order.")))) {
    order = (await listProfileOrders(db, who.workspace.id, profileId, 1))[0] ?? null;
  }
  const name = profile?.name?.trim() || null;
  const tracking = order?.fulfillments.filter((f) => f.trackingUrl && f.status !== "cancelled").at(-1)?.trackingUrl ?? null;
  return {
    profileId,
    profile,
    order,
    values: {
      "customer.first_name": name?.split(/\s+/)[0] ?? null,
      "customer.name": name,
      "order.number": order?.name ?? null,
      "order.tracking_link": tracking,
      "agent.name": who.agent.name,
    },
  };
}

/** A step as previewed, and how to carry it out (`code`: the discount code the order step made, if any). */
interface Planned {
  step: MacroStep;
  apply(run: RunContext): Promise<MacroStep>;
}
interface RunContext {
  key: string;
  stub: Awaited<ReturnType<typeof ticketStub>>;
  ticketId: string;
  origin: string;
  code: string | null;
  waiting: boolean;
}

async function plan(env: Env, who: AgentContext, macro: Macro, ctx: Context, state: TicketState, body: ApplyMacroBody): Promise<Planned[]> {
  const ws = who.workspace.id;
  const actor = { id: who.agent.id, name: who.agent.name };
  const steps: Planned[] = [];
  const failed = (kind: MacroStep["kind"], summary: string, note: string): Planned => ({
    step: { kind, summary, state: "failed", note },
    apply: async () => ({ kind, summary, state: "failed", note }),
  });

  let discountComing = false;
  if (macro.orderAction) {
    const a = macro.orderAction;
    const raw = orderActionBody(a, ctx, body);
    if (!raw.ok) steps.push(failed("order", ORDER_LABEL[a.kind], raw.why));
    else {
      try {
        const planner = PLANNERS[a.kind];
        const p = await planner.plan({ env, workspaceId: ws, key: "preview" }, raw.orderId, planner.body.parse(raw.body) as never);
        const { settings } = await loadSettings(directory(env), ws);
        const approval = needsApproval(who.agent.role, settings.orders.limits, p);
        discountComing = a.kind === "discount";
        const step: MacroStep = {
          kind: "order",
          summary: p.summary,
          state: approval ? "pending_approval" : "planned",
          ...(approval ? { note: "needs an admin's approval" } : {}),
        };
        steps.push({
          step,
          apply: async (r) => {
            const result = await performOrderAction(env, who, await orderKey(r.key), a.kind, raw.orderId, { ...(raw.body as object), ticketId: r.ticketId });
            r.code = result.body.discount?.code ?? null;
            r.waiting = result.status === 202;
            return { ...step, state: r.waiting ? "pending_approval" : "done", ...(r.waiting ? { note: "waiting for an admin's approval" } : {}) };
          },
        });
      } catch (err) {
        steps.push(failed("order", ORDER_LABEL[a.kind], err instanceof Error ? err.message : String(err)));
      }
    }
  }

  if (macro.message) {
    const m = macro.message;
    const summary = m.kind === "reply" ? "Reply" : "Internal note";
    const preview = fillMacroText(m.text, { ...ctx.values, "discount.code": discountComing ? "GIFT-········" : null });
    const problem = preview.unknown.length
      ? `not a variable: ${preview.unknown.map((v) => `{{${v}}}`).join(", ")}`
      : preview.missing.length
        ? `no value for ${preview.missing.map((v) => `{{${v}}}`).join(", ")}`
        : null;
    const gate = m.kind === "reply" ? channels[state.channel].replyGate(ctx.profile) : null;
    if (problem) steps.push(failed("message", summary, problem));
    else if (gate) steps.push(failed("message", summary, gate.message));
    else
      steps.push({
        step: { kind: "message", summary, text: preview.text, state: "planned", params: { kind: m.kind } },
        apply: async (r) => {
          const text = fillMacroText(m.text, { ...ctx.values, "discount.code": r.code }).text;
          if (r.waiting) return { kind: "message", summary, text, state: "skipped", note: "waiting for the order action's approval", params: { kind: m.kind } };
          await postMessage(env, who, r.ticketId, { kind: m.kind, text, clientId: `macro-${r.key}` }, r.origin);
          return { kind: "message", summary, text, state: "done", params: { kind: m.kind } };
        },
      });
  }

  const add = macro.addTags.filter((t) => !state.tags.includes(t));
  const remove = macro.removeTags.filter((t) => state.tags.includes(t));
  if (add.length || remove.length) {
    const summary = [...add.map((t) => `+${t}`), ...remove.map((t) => `−${t}`)].join(" ");
    steps.push({
      step: { kind: "tags", summary, state: "planned", params: { tags: summary } },
      apply: async (r) => {
        const now = unwrap(await r.stub.view(ws, who.agent.id)).state.tags;
        await editTicket(env, who, r.ticketId, { tags: [...new Set([...now.filter((t) => !remove.includes(t)), ...add])] });
        await r.stub.recordActivity(ws, `macro:${r.key}:tags`, activityLine("tagsChanged", { who: actor.name, tags: summary }));
        return { kind: "tags", summary, state: "done", params: { tags: summary } };
      },
    });
  }

  if (macro.assign) {
    const id = macro.assign === "me" ? who.agent.id : macro.assign === "none" ? null : macro.assign;
    const agent = id ? (await listAgents(directory(env), ws)).find((x) => x.id === id && INBOX_ROLES.includes(x.role)) : null;
    const summary = agent ? `Assign to ${agent.name}` : "Unassign";
    const assignee: Record<string, string> = agent ? { name: agent.name } : {};
    if (id && !agent) steps.push(failed("assign", "Assign", "that agent is no longer in this inbox"));
    else if (id !== state.assigneeId)
      steps.push({
        step: { kind: "assign", summary, state: "planned", params: assignee },
        apply: async (r) => {
          await editTicket(env, who, r.ticketId, { assigneeId: id });
          return { kind: "assign", summary, state: "done", params: assignee };
        },
      });
  }

  if (macro.status) {
    const to = macro.status;
    const summary = to.to === "closed" ? "Close" : `Snooze (${to.preset.replace("_", " ")})`;
    const params: Record<string, string> = to.to === "closed" ? { to: "closed" } : { to: "snoozed", preset: to.preset };
    steps.push({
      step: { kind: "status", summary, state: "planned", params },
      apply: async (r) => {
        if (r.waiting) return { kind: "status", summary, state: "skipped", note: "waiting for the order action's approval", params };
        const current = unwrap(await r.stub.view(ws, who.agent.id)).state.status;
        if (current !== to.to) await changeStatus(env, who, r.ticketId, to.to === "closed" ? { status: "closed" } : { status: "snoozed", preset: to.preset });
        return { kind: "status", summary, state: "done", params };
      },
    });
  }
  return steps;
}

const ORDER_LABEL: Record<OrderActionKind, string> = {
  refund: "Refund",
  discount: "Discount code",
  cancel: "Cancel the order",
  address: "Change the shipping address",
  replacement: "Replacement order",
  note: "Order note",
};

/** The order action's request body, from the macro's definition and the ticket's order. */
function orderActionBody(
  a: NonNullable<Macro["orderAction"]>,
  ctx: Context,
  b: ApplyMacroBody,
): { ok: true; orderId: string | null; body: unknown } | { ok: false; why: string } {
  if (a.kind === "discount") {
    const expiresAt = a.expiresInDays ? new Date(clock.now() + a.expiresInDays * 86_400_000).toISOString() : undefined;
    return {
      ok: true,
      orderId: null,
      body: { kind: a.discountKind, value: a.value, reason: a.reason, ...(expiresAt ? { expiresAt } : {}), profileId: ctx.profileId },
    };
  }
  const order = ctx.order;
  if (!order) return { ok: false, why: "the customer has no order to act on" };
  switch (a.kind) {
    case "refund":
      return {
        ok: true,
        orderId: order.id,
        body: { plan: { full: a.whole, shipping: a.shipping }, restock: a.restock, notifyCustomer: a.notifyCustomer, reason: a.reason },
      };
    case "cancel":
      return { ok: true, orderId: order.id, body: { reason: a.reason, refund: a.refund, restock: a.restock, notifyCustomer: a.notifyCustomer } };
    case "replacement":
      return {
        ok: true,
        orderId: order.id,
        body: {
          lines: order.lineItems.filter((l) => l.quantity > 0).map((l) => ({ lineItemId: l.id, quantity: l.quantity })),
          discountPercent: a.discountPercent,
          reason: a.reason,
        },
      };
    case "address":
      return b.address ? { ok: true, orderId: order.id, body: { address: b.address } } : { ok: false, why: "give the new address" };
  }
}

/** A repeated key: the steps the first application took (waiting while it runs); another request's key is refused. */
async function repeated(db: D1Database, ws: string, key: string, run: { ticketId: string; macroId: string; agentId: string }): Promise<MacroStep[]> {
  for (let i = 0; i < 140; i++) {
    const found = await getMacroRun(db, ws, key);
    if (!found) throw new HttpError(409, "action_in_progress", "The first attempt of this macro did not finish; try again.");
    if (found.ticketId !== run.ticketId || found.macroId !== run.macroId || found.agentId !== run.agentId)
      throw new HttpError(422, "idempotency_key_reused", `Idempotency-Key ${key} was already used for a different request.`);
    if (found.status === "done" && found.steps) return found.steps;
    await scheduler.wait(150);
  }
  throw new HttpError(409, "action_in_progress", "This macro is still being applied; its steps will show on the ticket.");
}

/** The order action's own key: derived from the macro's, so a repeat of the macro is a repeat of the action. */
async function orderKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${key}:order`)));
  return [...digest.slice(0, 20)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Carries out the steps in order; each leaves its own line (the order action's, the message, tags, assignment, status). */
async function carryOut(env: Env, who: AgentContext, ticketId: string, key: string, steps: Planned[], origin: string): Promise<MacroStep[]> {
  const r: RunContext = { key, stub: await ticketStub(env, who, ticketId), ticketId, origin, code: null, waiting: false };
  const out: MacroStep[] = [];
  for (const s of steps) out.push(await s.apply(r));
  return out;
}
