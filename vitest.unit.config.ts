// Extension unit and component tests: WXT's fake browser (storage, messaging), Svelte 5 compiled for the browser, happy-dom.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { WxtVitest } from "wxt/testing/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [WxtVitest(), svelte({ compilerOptions: { dev: true } })],
  resolve: { conditions: ["browser"] },
  test: {
    include: ["test/extension/**/*.test.ts", "test/scripts/**/*.test.ts"],
    environment: "happy-dom",
    setupFiles: ["./test/extension/setup-clock.ts", "./test/extension/setup-i18n.ts"],
    passWithNoTests: true,
  },
});
