// Every storage key of the extension, declared once. Values are re-validated with zod on read.
import { z } from "zod";

import { storage } from "wxt/utils/storage";
import { type AdminContext, Credentials, type Draft, QueuedReply } from "./schemas";

const DEFAULT_PREFS = { notifications: false, badge: true, assignOnReply: "ask" } as const satisfies Prefs;
export const credentialsItem = storage.defineItem<Credentials | null>("local:credentials", { fallback: null });
export const outboxItem = storage.defineItem<QueuedReply[]>("local:outbox", { fallback: [] });
export const draftsItem = storage.defineItem<Record<string, Draft>>("local:drafts", { fallback: {} });
export const prefsItem = storage.defineItem<Prefs>("local:prefs", { fallback: DEFAULT_PREFS });
/** Admin page per tab, and the one on screen (the active tab's), kept by the background. */
export const tabContextsItem = storage.defineItem<Record<string, AdminContext>>("session:tabContexts", { fallback: {} });
export const adminContextItem = storage.defineItem<AdminContext | null>("session:adminContext", { fallback: null });
/** The language the panel last showed, so the next one opens in it before the agent's setting arrives. */
export const languageItem = storage.defineItem<string | null>("local:language", { fallback: null });
/** Last unread count the background saw, so notifications only fire on increases. */
export const lastUnreadItem = storage.defineItem<number>("local:lastUnread", { fallback: 0 });

export const Prefs = z.object({
  notifications: z.boolean(),
  badge: z.boolean(),
  /** Replying to an unassigned conversation: offer to take it, take it, or leave it alone. */
  assignOnReply: z.enum(["ask", "always", "never"]).default("ask"),
});
export type Prefs = z.infer<typeof Prefs>;

/** Parse a stored value, falling back when it is missing or from an older shape. */
export function parseStored<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, fallback: T): T {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

export async function readCredentials(): Promise<Credentials | null> {
  return parseStored(Credentials.nullable(), await credentialsItem.getValue(), null);
}
export async function readOutbox(): Promise<QueuedReply[]> {
  return parseStored(z.array(QueuedReply), await outboxItem.getValue(), []);
}
export async function readPrefs(): Promise<Prefs> {
  return parseStored(Prefs, await prefsItem.getValue(), DEFAULT_PREFS);
}
