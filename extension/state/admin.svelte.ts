// Context following: the Shopify admin order/customer on screen, resolved to that customer's tickets and orders.
import type { TicketSummary } from "../../shared/schemas";
import type { Api } from "../lib/api";
import type { Order } from "../lib/orders";
import type { AdminContext } from "../lib/schemas";
import { AdminContext as AdminContextSchema } from "../lib/schemas";
import { adminContextItem, parseStored } from "../lib/storage";

export class AdminState {
  context = $state.raw<AdminContext | null>(null);
  tickets = $state.raw<TicketSummary[]>([]);
  orders = $state.raw<Order[]>([]);
  customer = $state<string | null>(null);
  loading = $state(false);
  /** The admin's store handle (admin.shopify.com/store/<handle>), from the last admin page seen or the shop domain. */
  storeHandle = $state<string | null>(null);
  private resolving = 0;

  constructor(private readonly api: () => Api | null) {}

  async init(): Promise<void> {
    this.set(parseStored(AdminContextSchema.nullable(), await adminContextItem.getValue(), null));
    adminContextItem.watch((v) => this.set(parseStored(AdminContextSchema.nullable(), v, null)));
  }

  private set(ctx: AdminContext | null): void {
    const same = ctx && this.context && ctx.url === this.context.url && JSON.stringify(ctx.hints) === JSON.stringify(this.context.hints);
    if (same) return;
    this.context = ctx;
    if (ctx) this.storeHandle = ctx.store;
    this.tickets = [];
    this.orders = [];
    this.customer = null;
    if (ctx) void this.resolve(ctx);
  }

  /** Order lookup first (it knows the customer's email/phone); then the page's own hints. */
  async resolve(ctx: AdminContext = this.context as AdminContext): Promise<void> {
    const api = this.api();
    if (!api || !ctx) return;
    const run = ++this.resolving;
    this.loading = true;
    const queries: string[] = [];
    try {
      if (ctx.kind === "order") {
        const found = await api.searchOrders(ctx.hints.orderName ?? ctx.id).catch(() => ({ orders: [] as Order[] }));
        const order = found.orders.find((o) => o.id.endsWith(ctx.id)) ?? found.orders[0];
        if (order) {
          this.orders = [order];
          if (order.email) queries.push(order.email);
          if (order.phone) queries.push(order.phone);
        }
      }
      queries.push(...ctx.hints.emails, ...ctx.hints.phones);
      for (const q of [...new Set(queries)]) {
        const page = await api.tickets({ view: "all", q, limit: 20 });
        if (run !== this.resolving) return;
        if (page.tickets.length) {
          this.tickets = page.tickets;
          const p = page.tickets[0]!.profile;
          this.customer = p.name ?? p.email ?? p.phone;
          const more = await api.profileOrders(p.id).catch(() => null);
          if (more && run === this.resolving && more.orders.length) this.orders = more.orders;
          break;
        }
      }
      if (!this.customer) this.customer = ctx.hints.emails[0] ?? ctx.hints.phones[0] ?? null;
    } catch {
      /* the banner still names the page; tickets stay empty */
    } finally {
      if (run === this.resolving) this.loading = false;
    }
  }
}
