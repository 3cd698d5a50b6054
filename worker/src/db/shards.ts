// Which D1 database holds what. The directory (the `DB` binding) holds what is looked up before a workspace is known:
// workspaces, agents and their token hashes, settings (inbound email addresses), short links and the dev outbox.
// Everything else of a workspace (profiles, tickets and their listings and counters, orders, library, email threads,
// webhook deliveries) lives on that workspace's shard. Every database gets every migration, so any binding can be
// either. See docs/scaling.md.
import type { Env } from "../env";

/** The directory database. */
export function directory(env: Env): D1Database {
  return env.DB;
}

/**
 * The database that holds a workspace's data. `D1_SHARDS` lists the shard bindings (default: just `DB`); a workspace
 * goes to the shard with the highest hash of (workspace, binding) — rendezvous hashing, so adding a binding moves only
 * the workspaces that now hash highest to it (about 1/n of them), and removing one moves only its own.
 */
export function dbFor(env: Env, workspaceId: string): D1Database {
  return bindingNamed(env, shardNameFor(env, workspaceId));
}

/** The binding name of a workspace's shard (for tools and tests). */
export function shardNameFor(env: Env, workspaceId: string): string {
  const names = shardNames(env);
  let best = names[0]!;
  let bestScore = -1;
  for (const name of names) {
    const score = fnv1a(`${workspaceId}\u0000${name}`);
    if (score > bestScore) [best, bestScore] = [name, score];
  }
  return best;
}

/** The configured shard binding names; each must be a D1 binding of the worker. */
export function shardNames(env: Env): string[] {
  const names = (env.D1_SHARDS ?? "DB")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? names : ["DB"];
}

function bindingNamed(env: Env, name: string): D1Database {
  const db = (env as unknown as Record<string, unknown>)[name];
  if (!isD1(db)) throw new Error(`D1_SHARDS names "${name}", which is not a D1 binding of this worker`);
  return db;
}

function isD1(value: unknown): value is D1Database {
  return typeof value === "object" && value !== null && "prepare" in value && "batch" in value;
}

/** 32-bit FNV-1a: stable across isolates and deploys (no per-process seed), which is all shard choice needs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
