// Order actions waiting for approval: owners and admins see the queue (kept live by `approval.changed` frames);
// the agent who asked hears how their request ended.
import type { OrderAction } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { i18n, t } from "../lib/i18n.svelte";
import { toasts } from "./toasts.svelte";

/** The order and macro routes' client loads with the first use, not with the panel's first screen. */
const client = () => import("../lib/order-api").then((m) => m.orderApi);

export class Approvals {
  items = $state.raw<OrderAction[]>([]);
  error = $state<string | null>(null);

  constructor(private readonly deps: { api: () => Api | null; me: () => string | null; canDecide: () => boolean }) {}

  async load(): Promise<void> {
    const api = this.deps.api();
    if (!api || !this.deps.canDecide()) return;
    try {
      const [items] = await Promise.all([client().then((o) => o.approvals(api)), i18n.need(["customer"])]); // the banner's words are the orders texts
      this.items = items;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** A request was filed or decided (live frame, or the answer to our own decision); the orders texts come first. */
  apply(action: OrderAction): void {
    void i18n.need(["customer"]).then(() => this.show(action));
  }

  private show(action: OrderAction): void {
    const rest = this.items.filter((a) => a.id !== action.id);
    this.items = action.status === "pending_approval" && this.deps.canDecide() ? [action, ...rest] : rest;
    if (action.agent.id !== this.deps.me() || action.decidedBy?.id === this.deps.me()) return;
    if (action.status === "done") toasts.show(t("orders.toast.approved", { action: action.summary }), "success");
    else if (action.status === "declined")
      toasts.error(t("orders.toast.declined", { action: action.declineReason ? `${action.summary} (${action.declineReason})` : action.summary }));
    else if (action.status === "failed")
      toasts.error(t("orders.toast.failed", { action: action.error ? `${action.summary} (${action.error})` : action.summary }));
  }

  async decide(id: string, decision: "approve" | "decline", reason?: string): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    try {
      const res = await (await client()).decide(api, id, decision, reason);
      this.apply(res.action);
    } catch (err) {
      void this.load(); // someone else may have decided it first
      throw err;
    }
  }
}
