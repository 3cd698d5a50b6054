// Per test file: applies the real D1 migrations to its isolated storage, and starts the worker's clock where the run
// asked (SIDEDESK_NOW shifts the whole suite, see vitest.worker.config.ts) so tests and worker read the same time.
import { applyD1Migrations, env } from "cloudflare:test";
import { initClock } from "../../worker/src/clock";

initClock(env);
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
