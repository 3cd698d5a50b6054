// On the Shopify admin: tells the background which order or customer is on screen, following in-page navigation.
// Matches the whole store admin (not only orders/customers URLs) because the admin is a single-page app:
// an agent who lands on the home page and clicks into an order never reloads the page.
import { defineContentScript } from "wxt/utils/define-content-script";
import { parseAdminUrl, scrapeHints } from "../lib/admin-context";
import { sendMessage } from "../lib/messaging";
import type { AdminContext } from "../lib/schemas";

export default defineContentScript({
  matches: ["https://admin.shopify.com/store/*"],
  runAt: "document_idle",
  main(ctx) {
    let last = "";
    const report = () => {
      const page = parseAdminUrl(location.href);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the merchant sees, hidden nodes would add noise
      const context: AdminContext | null = page ? { ...page, hints: scrapeHints(document.body?.innerText ?? "") } : null;
      const key = JSON.stringify(context);
      if (key === last) return;
      last = key;
      void sendMessage("adminPage", context).catch(() => undefined);
    };
    // The admin renders the customer's details after navigation; look again as the page settles.
    const settle = () => {
      report();
      for (const ms of [700, 2000, 5000]) ctx.setTimeout(report, ms);
    };
    settle();
    ctx.addEventListener(window, "wxt:locationchange", settle);
    ctx.addEventListener(document, "visibilitychange", () => {
      if (!document.hidden) {
        last = "";
        report();
      }
    });
  },
});
