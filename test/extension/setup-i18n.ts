// Components rendered on their own get the texts their part loads on demand in the panel (Lazy.svelte's `texts`).
// Imported inside the hook: WXT's fake browser (which extension storage needs) is installed by then.
import { beforeAll } from "vitest";

beforeAll(async () => {
  const { i18n } = await import("../../extension/lib/i18n.svelte");
  await i18n.need(["ticket", "settings", "reports", "customer", "bulk"]);
});
