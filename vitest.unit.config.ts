// Extension unit/component tests (Node + jsdom-free stores); worker tests live in vitest.worker.config.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/extension/**/*.test.ts"], passWithNoTests: true },
});
