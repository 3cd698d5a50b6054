// Per-ticket composer drafts in extension storage, so they survive closing the panel.
import { z } from "zod";
import { Draft } from "./schemas";
import { draftsItem, parseStored } from "./storage";

async function all(): Promise<Record<string, Draft>> {
  return parseStored(z.record(Draft), await draftsItem.getValue(), {});
}

export async function loadDraft(ticketId: string): Promise<Draft | null> {
  return (await all())[ticketId] ?? null;
}

export async function saveDraft(ticketId: string, text: string, mode: Draft["mode"]): Promise<void> {
  const drafts = await all();
  if (!text.trim()) delete drafts[ticketId];
  else drafts[ticketId] = { text, mode, savedAt: new Date().toISOString() };
  // Old drafts are pruned so storage never grows without bound.
  const kept = Object.entries(drafts)
    .sort((a, b) => b[1].savedAt.localeCompare(a[1].savedAt))
    .slice(0, 200);
  await draftsItem.setValue(Object.fromEntries(kept));
}
