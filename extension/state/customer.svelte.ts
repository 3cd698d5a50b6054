// The customer panel's data: profile, activity (filterable by metric), previous tickets, stats and store orders.
import type { Api } from "../lib/api";
import { ApiError, errorMessage } from "../lib/api";
import type { Order } from "../lib/orders";
import type { ProfileView } from "../lib/schemas";

export type OrdersState = "idle" | "loading" | "ready" | "unavailable" | "error";

export class CustomerStore {
  profileId = $state<string | null>(null);
  view = $state.raw<ProfileView | null>(null);
  metrics = $state.raw<string[]>([]);
  metric = $state("");
  error = $state<string | null>(null);
  orders = $state.raw<Order[]>([]);
  ordersState = $state<OrdersState>("idle");
  ordersError = $state<string | null>(null);

  constructor(private readonly api: () => Api | null) {}

  async load(profileId: string): Promise<void> {
    const api = this.api();
    if (!api) return;
    if (this.profileId !== profileId) {
      this.view = null;
      this.metric = "";
      this.orders = [];
      this.ordersState = "idle";
    }
    this.profileId = profileId;
    this.error = null;
    try {
      const v = await api.profile(profileId);
      if (this.profileId !== profileId) return;
      this.view = v;
      this.metrics = [...new Set(v.activity.map((a) => a.metric))].sort();
      if (v.orders.length) {
        this.orders = v.orders;
        this.ordersState = "ready";
      }
    } catch (err) {
      if (this.profileId === profileId) this.error = errorMessage(err);
    }
    void this.loadOrders(profileId);
  }

  async setMetric(metric: string): Promise<void> {
    const api = this.api();
    const id = this.profileId;
    if (!api || !id) return;
    this.metric = metric;
    try {
      const v = await api.profile(id, metric || undefined);
      if (this.profileId === id && this.metric === metric && this.view) this.view = { ...this.view, activity: v.activity };
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  async loadOrders(profileId: string): Promise<void> {
    const api = this.api();
    if (!api) return;
    if (this.ordersState !== "ready") this.ordersState = "loading";
    try {
      const r = await api.profileOrders(profileId);
      if (this.profileId !== profileId) return;
      this.orders = r.orders;
      this.ordersState = "ready";
    } catch (err) {
      if (this.profileId !== profileId || this.ordersState === "ready") return;
      // The order routes may not be deployed on this worker yet: say so calmly instead of failing.
      this.ordersState = err instanceof ApiError && (err.kind === "not_found" || err.kind === "not_sidedesk") ? "unavailable" : "error";
      this.ordersError = errorMessage(err);
    }
  }

  async editQuantity(order: Order, lineItemId: string, quantity: number, ticketId?: string): Promise<void> {
    const api = this.api();
    if (!api) return;
    await api.editQuantity(order.id, { lineItemId, quantity, ticketId });
    if (this.profileId) await this.load(this.profileId); // totals change lifetime value and activity, not just the order
  }

  /** Cancelled (true), or sent for an admin's approval (false: the refund is above the agent's limit). */
  async cancelOrder(order: Order, opts: { reason: string; refund: boolean; restock: boolean; ticketId?: string }, key: string): Promise<boolean> {
    const api = this.api();
    if (!api) return false;
    const answer = await api.cancelOrder(order.id, opts, key);
    if (this.profileId) await this.load(this.profileId);
    return !("action" in answer);
  }

  /** Any order action (refund, discount, address…): the orders and totals reload after it, whatever its outcome. */
  async orderAction<T>(run: (api: Api) => Promise<T>): Promise<T> {
    const api = this.api();
    if (!api) throw new Error("not signed in");
    try {
      return await run(api);
    } finally {
      if (this.profileId) void this.load(this.profileId);
    }
  }
}
