// Transient notices at the bottom of the panel (action results, errors), with an optional undo-style action.
import { t } from "../lib/i18n.svelte";

export interface Toast {
  id: number;
  text: string;
  tone: "info" | "error" | "success";
  /** One action offered with the notice (Undo, Assign to me). */
  action?: { label: string; run: () => unknown };
}

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  /** One notice at a time: a newer one replaces the last, so notices never pile up over the panel. */
  show(text: string, tone: Toast["tone"] = "info", ms = 3500, action?: Toast["action"]): void {
    const id = this.next++;
    this.items = [{ id, text, tone, action }];
    setTimeout(() => this.dismiss(id), action ? Math.max(ms, 8000) : ms);
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
    toasts.error(err instanceof Error ? err.message : t("signin.errors.generic"));
    return false;
  }
}
