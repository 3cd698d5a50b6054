// Worker tests run inside workerd (vitest-pool-workers) with the real D1 migrations applied. Two projects: the suite
// on one database, and the sharding tests on two D1 bindings (the directory plus a second shard).
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { loadEmailCorpus } from "./test/worker/email/corpus.node.ts";

// SIDEDESK_NOW=<ISO time> runs the suite as if it were then: the worker's clock is shifted by the same offset in every file.
const offsetMs = process.env.SIDEDESK_NOW ? Date.parse(process.env.SIDEDESK_NOW) - Date.now() : 0;
if (Number.isNaN(offsetMs)) throw new Error(`SIDEDESK_NOW is not a date: ${process.env.SIDEDESK_NOW}`);
const SHARDED = "test/worker/sharding/**/*.test.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/migrations");
  // Real mail from public parser corpora, with what mailparser reads from it (test/worker/email/corpus.test.ts).
  const emailCorpus = JSON.stringify(await loadEmailCorpus());
  const project = (name: string, include: string[], exclude: string[], extra: { bindings?: Record<string, string>; d1?: Record<string, string> } = {}) => ({
    plugins: [
      cloudflareTest({
        main: "./worker/src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ENVIRONMENT: "test",
            SETUP_TOKEN: "test-setup-token",
            SECRETS_KEY: "test-secrets-key",
            TEST_MIGRATIONS: migrations,
            // Order lookups give up on a slow store quickly in tests (the fake can be made slow).
            SHOPIFY_TIMEOUT_MS: "600",
            DEV_CLOCK_OFFSET_MS: String(offsetMs),
            EMAIL_CORPUS: emailCorpus,
            ...extra.bindings,
          },
          ...(extra.d1 ? { d1Databases: extra.d1 } : {}),
        },
      }),
    ],
    test: { name, include, exclude, setupFiles: ["./test/worker/apply-migrations.ts"] },
  });
  return {
    test: {
      projects: [
        project("worker", ["test/worker/**/*.test.ts", "test/rules/**/*.test.ts"], [SHARDED]),
        project("sharded", [SHARDED], [], { bindings: { D1_SHARDS: "DB,DB_B" }, d1: { DB: "sidedesk-directory", DB_B: "sidedesk-shard-b" } }),
      ],
    },
  };
});
