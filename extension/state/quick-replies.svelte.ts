// Quick replies (saved answers), kept by the worker for the whole inbox: everyone searches and inserts them,
// owners and admins create, edit and delete them (the worker answers 403 to anyone else).
import type { QuickReply, QuickReplyBody } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { t } from "../lib/i18n.svelte";

export class QuickReplies {
  items = $state.raw<QuickReply[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly api: () => Api | null) {}

  /** Fetches the list; kept as it was (with the error) when the worker can't be reached. */
  async load(): Promise<void> {
    const api = this.api();
    if (!api) return;
    try {
      this.items = sortByTitle(await api.quickReplies());
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  /** Instant, client-side search over what is loaded: every word must appear in the title or the text. */
  search(q: string): QuickReply[] {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return this.items.filter((r) => words.every((w) => `${r.title} ${r.text}`.toLowerCase().includes(w)));
  }

  /** Creates (no id) or updates; throws ApiError (e.g. 403 for support agents) so the form can say why. */
  async save(id: string | null, body: QuickReplyBody): Promise<QuickReply> {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    const saved = id ? await api.updateQuickReply(id, body) : await api.createQuickReply(body);
    this.items = sortByTitle([...this.items.filter((r) => r.id !== saved.id), saved]);
    return saved;
  }

  async remove(id: string): Promise<void> {
    const api = this.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    await api.deleteQuickReply(id);
    this.items = this.items.filter((r) => r.id !== id);
  }
}

const sortByTitle = (items: QuickReply[]) => [...items].sort((a, b) => a.title.localeCompare(b.title));

/** `{{first_name}}` and `{{name}}` in a quick reply become the customer's name (without one, a word such as "there",
 *  in the agent's language, so "Hi {{first_name}}" still reads). */
export function fillTemplate(text: string, name: string | null): string {
  const first = name?.trim().split(/\s+/)[0] ?? "";
  const fallback = t("composer.quickReplies.nameFallback");
  return text.replace(/\{\{\s*first_name\s*\}\}/gi, first || fallback).replace(/\{\{\s*name\s*\}\}/gi, name?.trim() || fallback);
}
