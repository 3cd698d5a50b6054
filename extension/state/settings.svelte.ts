// Workspace settings (docs/api.md §10 Settings) for owners and admins: loaded once, saved as partial updates; secrets write-only.
import type { SettingsUpdate } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import type { SettingsView } from "../lib/schemas";

export class SettingsStore {
  view = $state.raw<SettingsView | null>(null);
  error = $state<string | null>(null);
  saving = $state(false);

  constructor(private readonly api: () => Api | null) {}

  async load(): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      this.view = await api.settings();
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Saves a partial update; throws (with the worker's reason) so the form can show it. */
  async save(update: SettingsUpdate): Promise<void> {
    const api = this.api();
    if (!api) return;
    this.saving = true;
    try {
      this.view = await api.putSettings(update);
    } finally {
      this.saving = false;
    }
  }
}
