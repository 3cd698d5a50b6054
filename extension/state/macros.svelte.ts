// Macros, kept by the worker for the whole inbox: the composer searches them with the quick replies; owners and
// admins manage them in settings (the worker answers 403 to anyone else).
import type { Macro, MacroBody } from "../../shared/schemas/macros";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { t } from "../lib/i18n.svelte";

/** The order and macro routes' client loads with the first use, not with the panel's first screen. */
const client = () => import("../lib/order-api").then((m) => m.orderApi);

export class Macros {
  items = $state.raw<Macro[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly api: () => Api | null) {}

  async load(): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      this.items = await (await client()).macros(api);
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  /** Every word must appear in the name or the message. */
  search(q: string): Macro[] {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return this.items.filter((m) => words.every((w) => `${m.name} ${m.message?.text ?? ""}`.toLowerCase().includes(w)));
  }

  async save(id: string | null, body: MacroBody): Promise<Macro> {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    const saved = await (await client()).saveMacro(api, id, body);
    this.items = [...this.items.filter((m) => m.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name));
    return saved;
  }

  async remove(id: string): Promise<void> {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    await (await client()).deleteMacro(api, id);
    this.items = this.items.filter((m) => m.id !== id);
  }
}
