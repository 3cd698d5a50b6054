// The ticket list being shown: filter, keyset-paged tickets, counts, selection; patched live from realtime frames.
import { SvelteSet } from "svelte/reactivity";
import type { BulkAction, RealtimeEvent, SavedView, TicketFilter, TicketSummary } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { t } from "../lib/i18n.svelte";
import type { Counts } from "../lib/schemas";
import { matchesFilter } from "../lib/view-match";
import { coalesce } from "../lib/coalesce";

type LiveTicket = Extract<RealtimeEvent, { type: "ticket.updated" }>["ticket"];
export type ReadFilter = "any" | "unread" | "read";
const PAGE = 50;

export class InboxStore {
  filter = $state<TicketFilter>({ view: "mine" });
  readFilter = $state<ReadFilter>("any");
  /** The saved view being shown, until the filters are changed by hand. */
  savedView = $state.raw<SavedView | null>(null);
  tickets = $state.raw<TicketSummary[]>([]);
  nextCursor = $state<string | null>(null);
  /** True until the first page arrives too, so an empty state never flashes before the first load. */
  loading = $state(true);
  loadingMore = $state(false);
  error = $state<string | null>(null);
  counts = $state.raw<Counts | null>(null);
  selected = new SvelteSet<string>();
  allMatching = $state(false);
  active = $state(0);
  private generation = 0;
  private headTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts re-fetches from bursts of frames and actions: one at a time, at most one each 250 ms. */
  private readonly countsSoon = coalesce(() => this.refreshCounts(), 250);

  constructor(private readonly deps: { api: () => Api | null; me: () => string; onCounts?: (c: Counts) => void }) {}

  get visible(): TicketSummary[] {
    if (this.readFilter === "any") return this.tickets;
    const want = this.readFilter === "unread";
    return this.tickets.filter((t) => t.unread === want);
  }

  setFilter(patch: Partial<TicketFilter>, replace = false): void {
    const next: Record<string, unknown> = replace ? { view: this.filter.view, ...patch } : { ...this.filter, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === "") delete next[k];
    this.filter = next as TicketFilter;
    this.savedView = null;
    this.clearSelection();
    this.active = 0;
    void this.load();
  }

  /** Show a saved view: its filter replaces the current one entirely. */
  applyView(view: SavedView): void {
    this.readFilter = "any";
    this.setFilter({ ...view.filter }, true);
    this.savedView = view;
  }

  async load(): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    const gen = ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const page = await api.tickets({ ...this.filter, limit: PAGE });
      if (gen !== this.generation) return;
      this.tickets = page.tickets;
      this.nextCursor = page.nextCursor;
    } catch (err) {
      if (gen === this.generation) this.error = errorMessage(err);
    } finally {
      if (gen === this.generation) this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    const api = this.deps.api();
    if (!api || !this.nextCursor || this.loadingMore || this.loading) return;
    const gen = this.generation;
    this.loadingMore = true;
    try {
      const page = await api.tickets({ ...this.filter, cursor: this.nextCursor, limit: PAGE });
      if (gen !== this.generation) return;
      const seen = new Set(this.tickets.map((t) => t.id));
      this.tickets = [...this.tickets, ...page.tickets.filter((t) => !seen.has(t.id))];
      this.nextCursor = page.nextCursor;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loadingMore = false;
    }
  }

  async refreshCounts(): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    try {
      this.counts = await api.counts();
      this.deps.onCounts?.(this.counts);
    } catch {
      /* kept stale; the live banner says why */
    }
  }

  /** Coalesce bursts of frames into one counts fetch, never stacking requests. */
  scheduleCounts(): void {
    this.countsSoon();
  }

  /** Re-fetch the first page and merge it over what is loaded (keeps deeper pages in place). */
  scheduleHead(ms = 300): void {
    if (this.headTimer) return;
    this.headTimer = setTimeout(() => {
      this.headTimer = null;
      void this.refreshHead();
    }, ms);
  }

  async refreshHead(): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    const gen = this.generation;
    try {
      const page = await api.tickets({ ...this.filter, limit: PAGE });
      if (gen !== this.generation) return;
      const head = new Set(page.tickets.map((t) => t.id));
      // Deeper pages keep their place; anything that was in the head range but is gone has left the view.
      const tail = this.tickets.slice(page.tickets.length).filter((t) => !head.has(t.id));
      this.tickets = [...page.tickets, ...tail];
      if (this.tickets.length <= PAGE) this.nextCursor = page.nextCursor;
    } catch {
      /* stale until next event or reconnect */
    }
  }

  /** A ticket.updated frame: patch in place, drop it when it left the view, fetch the head when it may have joined. */
  applyTicket(live: LiveTicket): void {
    const i = this.tickets.findIndex((t) => t.id === live.id);
    const prev = i >= 0 ? this.tickets[i] : undefined;
    const merged: TicketSummary = {
      ...live,
      unread: prev?.unread ?? false,
      favorite: prev?.favorite ?? false,
      lastMessage: live.lastMessage ?? prev?.lastMessage ?? null,
    };
    const belongs = matchesFilter(merged, this.filter, this.deps.me());
    if (belongs === false) {
      if (prev) this.remove(live.id);
      return;
    }
    if (!prev) {
      this.scheduleHead();
      return;
    }
    const moved = (live.lastMessage?.at ?? "") > (prev.lastMessage?.at ?? "");
    const rest = this.tickets.filter((t) => t.id !== live.id);
    this.tickets = moved ? [merged, ...rest] : this.tickets.map((t) => (t.id === live.id ? merged : t));
    if (belongs === null) this.scheduleHead();
  }

  /** A new message: customer messages make the ticket unread for me unless I am looking at it. */
  applyMessage(ticketId: string, kind: string, openTicketId: string | null): void {
    if (kind !== "inbound" || ticketId === openTicketId) return;
    this.patch(ticketId, { unread: true });
  }

  patch(id: string, fields: Partial<TicketSummary>): void {
    if (!this.tickets.some((t) => t.id === id)) return;
    this.tickets = this.tickets.map((t) => (t.id === id ? { ...t, ...fields } : t));
    const t = this.tickets.find((x) => x.id === id);
    if (t && matchesFilter(t, this.filter, this.deps.me()) === false) this.remove(id);
  }

  remove(id: string): void {
    this.tickets = this.tickets.filter((t) => t.id !== id);
    this.selected.delete(id);
    if (this.active >= this.visible.length) this.active = Math.max(0, this.visible.length - 1);
  }

  toggleSelect(id: string): void {
    this.allMatching = false;
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
  }

  selectAllLoaded(): void {
    for (const t of this.visible) this.selected.add(t.id);
  }

  clearSelection(): void {
    this.selected.clear();
    this.allMatching = false;
  }

  /** The owner's data download for the selection (or everything matching), as the worker's JSON export. */
  async exportData() {
    const api = this.deps.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    return api.exportTickets(this.allMatching ? { filter: this.filter } : { ids: [...this.selected] });
  }

  /** Bulk action on the selection, or on everything matching the filter. Returns the worker's result. */
  async bulk(action: BulkAction) {
    const api = this.deps.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    const body = this.allMatching ? { filter: this.filter, action } : { ids: [...this.selected], action };
    const result = await api.bulk(body);
    this.clearSelection();
    await Promise.all([this.load(), this.refreshCounts()]);
    return result;
  }
}
