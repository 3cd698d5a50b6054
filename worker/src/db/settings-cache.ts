// Settings are read by every webhook, reply and timer, and change rarely. Each isolate keeps what it read for a few
// seconds (dropped at once when this isolate saves them; other isolates see a save within TTL_MS), and keeps decrypted
// secrets per ciphertext — a save makes a new ciphertext, so that cache is never stale.
export const SETTINGS_TTL_MS = 5000;
const MAX_ENTRIES = 500;

const entries = new Map<string, { at: number; value: Promise<unknown> }>();

/** `load()` at most once per key every TTL (concurrent callers share one load); failures are not kept. */
export function cached<T>(key: string, load: () => Promise<T>, ttlMs = SETTINGS_TTL_MS): Promise<T> {
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { at: Date.now(), value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

/** Forgets everything cached for a workspace (its settings were just saved here). */
export function forgetWorkspace(workspaceId: string) {
  for (const key of entries.keys()) if (key.includes(`:${workspaceId}`)) entries.delete(key);
}
