// Replies and notes on their way: stored first (so nothing typed is lost offline), then sent exactly once.
import type { Message } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { newClientId, Outbox, postQueued, type SendOutcome } from "../lib/outbox";
import type { QueuedReply } from "../lib/schemas";
import { outboxItem, readOutbox } from "../lib/storage";

export class OutboxState {
  items = $state.raw<QueuedReply[]>([]);
  readonly outbox: Outbox;
  private retryTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: { api: () => Api | null; onSent: (ticketId: string, message: Message) => void }) {
    this.outbox = new Outbox(
      {
        read: readOutbox,
        write: async (items) => {
          await outboxItem.setValue(items);
          this.items = items;
        },
      },
      (item) => this.send(item),
    );
  }

  async init(): Promise<void> {
    this.items = await readOutbox();
    outboxItem.watch(async () => {
      this.items = await readOutbox();
    });
    // Belt and braces next to the `online` event and socket reconnects: retry while anything waits.
    this.retryTimer = setInterval(() => {
      if (this.items.some((i) => i.error === null)) void this.flush();
    }, 10_000);
    void this.flush();
  }

  dispose(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
  }

  forTicket(ticketId: string): QueuedReply[] {
    return this.items.filter((i) => i.ticketId === ticketId);
  }

  async submit(ticketId: string, kind: "reply" | "note", text: string, files: QueuedReply["files"] = []): Promise<void> {
    await this.outbox.enqueue({ clientId: newClientId(), ticketId, kind, text, files });
    await this.flush();
  }

  flush(): Promise<void> {
    return this.outbox.flush();
  }

  discard(clientId: string): Promise<void> {
    return this.outbox.discard(clientId);
  }

  async retry(clientId: string): Promise<void> {
    await this.outbox.retry(clientId);
    await this.flush();
  }

  private async send(item: QueuedReply): Promise<SendOutcome> {
    const api = this.deps.api();
    if (!api) return { ok: false, retry: true };
    return postQueued(api, item, (message) => this.deps.onSent(item.ticketId, message));
  }
}
