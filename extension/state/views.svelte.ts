// Saved custom views (docs/api.md §9.1 Views and filters): named ticket filters, the agent's own plus those colleagues shared; only the author deletes.
import type { SavedView, TicketFilter } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { t } from "../lib/i18n.svelte";

export class SavedViews {
  items = $state.raw<SavedView[]>([]);
  error = $state<string | null>(null);

  constructor(private readonly api: () => Api | null) {}

  async load(): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      this.items = await api.views();
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Saves the filter as shown (search text included); throws the worker's reason for the form. */
  async create(name: string, filter: TicketFilter, shared: boolean): Promise<SavedView> {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    const view = await api.createView({ name: name.trim(), filter: $state.snapshot(filter) as TicketFilter, shared });
    this.items = [...this.items.filter((v) => v.id !== view.id), view];
    return view;
  }

  async remove(id: string): Promise<void> {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    await api.deleteView(id);
    this.items = this.items.filter((v) => v.id !== id);
  }
}

/** Two filters ask for the same tickets (keys with empty values do not count). */
export function sameFilter(a: TicketFilter, b: TicketFilter): boolean {
  const norm = (f: TicketFilter) =>
    JSON.stringify(
      Object.entries(f)
        .filter(([, v]) => v !== undefined && v !== "")
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return norm(a) === norm(b);
}
