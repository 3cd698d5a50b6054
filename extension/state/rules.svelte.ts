// The workspace's automation rules for the settings screen (owners and admins): in run order, with their 7-day counts.
import type { Rule, RuleBody } from "../../shared/schemas/rules";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { t } from "../lib/i18n.svelte";
import { rulesApi } from "../lib/rules-api";

export class Rules {
  items = $state.raw<Rule[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly api: () => Api | null) {}

  private client(): Api {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    return api;
  }

  async load(): Promise<void> {
    try {
      this.items = await rulesApi.list(this.client());
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  async save(id: string | null, body: RuleBody): Promise<Rule> {
    const saved = await rulesApi.save(this.client(), id, body);
    this.items = id ? this.items.map((r) => (r.id === id ? saved : r)) : [...this.items, saved];
    return saved;
  }

  async setEnabled(rule: Rule, enabled: boolean): Promise<void> {
    const { id, position: _p, firedLast7Days: _f, createdAt: _c, updatedAt: _u, ...body } = rule;
    await this.save(id, { ...body, enabled });
  }

  /** Moves a rule one place up (-1) or down (+1) in the run order. */
  async move(id: string, by: -1 | 1): Promise<void> {
    const ids = this.items.map((r) => r.id);
    const from = ids.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    this.items = await rulesApi.reorder(this.client(), ids);
  }

  async remove(id: string): Promise<void> {
    await rulesApi.remove(this.client(), id);
    this.items = this.items.filter((r) => r.id !== id);
  }
}
