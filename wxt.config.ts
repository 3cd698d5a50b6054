// WXT build config for the Sidedesk Chrome extension (MV3 side panel, background, Shopify admin content script).
import { fileURLToPath } from "node:url";
import { defineConfig } from "wxt";

export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  publicDir: "extension/public",
  modules: ["@wxt-dev/module-svelte"],
  // email-reply-parser imports Node's "module" to look for re2; in the panel it uses the browser's RegExp instead.
  vite: () => ({ resolve: { alias: { module: fileURLToPath(new URL("./extension/lib/shims/node-module.ts", import.meta.url)) } } }),
  manifest: {
    name: "Sidedesk",
    description: "Customer-support inbox in the side panel, beside the Shopify admin.",
    permissions: ["sidePanel", "storage", "alarms", "notifications", "tabs"],
    // The worker URL is chosen at sign-in, so the panel may call any origin the agent types in.
    host_permissions: ["http://*/*", "https://*/*"],
    action: { default_title: "Open Sidedesk" },
    side_panel: { default_path: "sidepanel.html" },
  },
});
