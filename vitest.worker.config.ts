// Worker tests run inside workerd (vitest-pool-workers) with the real D1 migrations applied.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// SIDEDESK_NOW=<ISO time> runs the suite as if it were then: the worker's clock is shifted by the same offset in every file.
const offsetMs = process.env.SIDEDESK_NOW ? Date.parse(process.env.SIDEDESK_NOW) - Date.now() : 0;
if (Number.isNaN(offsetMs)) throw new Error(`SIDEDESK_NOW is not a date: ${process.env.SIDEDESK_NOW}`);

export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./worker/src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ENVIRONMENT: "test", SETUP_TOKEN: "test-setup-token", SECRETS_KEY: "test-secrets-key", TEST_MIGRATIONS: migrations,
            // Order lookups give up on a slow store quickly in tests (the fake can be made slow).
            SHOPIFY_TIMEOUT_MS: "600", DEV_CLOCK_OFFSET_MS: String(offsetMs) },
        },
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts", "test/rules/**/*.test.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
    },
  };
});
