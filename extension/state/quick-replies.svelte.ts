// Quick replies (saved answers), kept in chrome.storage.sync until the API has them; searchable and insertable.
import type { QuickReply } from "../lib/schemas";
import { quickRepliesItem, readQuickReplies } from "../lib/storage";

export class QuickReplies {
  items = $state.raw<QuickReply[]>([]);

  async init(): Promise<void> {
    this.items = await readQuickReplies();
    quickRepliesItem.watch(async () => { this.items = await readQuickReplies(); });
  }

  search(q: string): QuickReply[] {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return this.items.filter((r) => words.every((w) => `${r.title} ${r.text}`.toLowerCase().includes(w)));
  }

  async save(reply: QuickReply): Promise<void> {
    const exists = this.items.some((r) => r.id === reply.id);
    await this.write(exists ? this.items.map((r) => (r.id === reply.id ? reply : r)) : [...this.items, reply]);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.items.filter((r) => r.id !== id));
  }

  private async write(items: QuickReply[]): Promise<void> {
    this.items = items;
    await quickRepliesItem.setValue(items);
  }
}

/** `{{first_name}}` and `{{name}}` in a quick reply become the customer's name. */
export function fillTemplate(text: string, name: string | null): string {
  const first = name?.trim().split(/\s+/)[0] ?? "";
  return text.replace(/\{\{\s*first_name\s*\}\}/gi, first || "there").replace(/\{\{\s*name\s*\}\}/gi, name?.trim() || "there");
}
