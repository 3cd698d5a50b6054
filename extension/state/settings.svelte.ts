// Workspace settings (docs/api.md §10 Settings) for owners and admins: loaded once, saved as partial updates; secrets write-only.
import type { SettingsUpdate } from "../../shared/schemas/settings";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import type { SettingsView } from "../lib/schemas";

/** The settings client (and its schema) loads with the settings screen. */
const client = () => import("../lib/settings-api");

export class SettingsStore {
  view = $state.raw<SettingsView | null>(null);
  error = $state<string | null>(null);
  saving = $state(false);

  constructor(private readonly api: () => Api | null) {}

  async load(): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      this.view = await (await client()).getSettings(api);
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
      this.view = await (await client()).putSettings(api, update);
    } finally {
      this.saving = false;
    }
  }
}
