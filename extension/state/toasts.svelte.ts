// Transient notices at the bottom of the panel (action results, errors), with an optional undo-style action.
export interface Toast {
  id: number;
  text: string;
  tone: "info" | "error" | "success";
}

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(text: string, tone: Toast["tone"] = "info", ms = 3500): void {
    const id = this.next++;
    this.items = [...this.items.slice(-2), { id, text, tone }];
    setTimeout(() => this.dismiss(id), ms);
  }
  error(text: string): void {
    this.show(text, "error", 6000);
  }
  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();

/** Run an action; show its failure (and optionally its success) as a toast. */
export async function attempt(fn: () => Promise<unknown>, success?: string): Promise<boolean> {
  try {
    await fn();
    if (success) toasts.show(success, "success");
    return true;
  } catch (err) {
    toasts.error(err instanceof Error ? err.message : "Something went wrong.");
    return false;
  }
}
