// Worker tests run inside workerd (vitest-pool-workers) with the real D1 migrations applied.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

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
            SHOPIFY_TIMEOUT_MS: "600" },
        },
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts", "test/rules/**/*.test.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
    },
  };
});
