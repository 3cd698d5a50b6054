// Per test file: applies the real D1 migrations to its isolated storage (every shard database, when the project
// configures several), and starts the worker's clock where the run asked (SIDEDESK_NOW shifts the whole suite, see
// vitest.worker.config.ts) so tests and worker read the same time.
import { applyD1Migrations, env } from "cloudflare:test";
import { initClock } from "../../worker/src/clock";
import { shardNames } from "../../worker/src/db/shards";

initClock(env);
const bindings = env as unknown as Record<string, D1Database>;
for (const name of new Set(["DB", ...shardNames(env)])) await applyD1Migrations(bindings[name]!, env.TEST_MIGRATIONS);
