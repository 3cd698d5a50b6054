// npm start: build the extension, apply local D1 migrations, run the worker under `wrangler dev`
// on http://127.0.0.1:8787, seed the demo workspace and print how to use it. Ctrl-C stops everything.
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT, applyMigrations, run, startWorker, waitForHealth } from "./lib/dev.mjs";
import { printTokens, seed } from "./seed.mjs";

const PORT = 8787;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = ".wrangler/state";

let worker;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  if (worker) {
    console.log("\nStopping the worker…");
    await worker.stop();
  }
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

async function buildExtension() {
  if (!existsSync(path.join(ROOT, "wxt.config.ts"))) {
    console.log("• Extension: skipped (no wxt.config.ts yet).");
    return false;
  }
  console.log("• Building the extension (wxt build)…");
  await run(path.join(ROOT, "node_modules/.bin/wxt"), ["build"], { prefix: "[wxt] " });
  return true;
}

async function portTaken() {
  try {
    await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  if (await portTaken()) throw new Error(`something is already listening on ${BASE} (another npm start?); stop it first.`);
  const built = await buildExtension();
  console.log(`• Applying D1 migrations (local, ${PERSIST})…`);
  await applyMigrations(PERSIST, { quiet: true });
  console.log(`• Starting wrangler dev on ${BASE}…`);
  worker = startWorker({ port: PORT, persistTo: PERSIST });
  worker.exited.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`wrangler dev exited (${signal ?? code}).`);
      process.exit(code || 1);
    }
  });
  await waitForHealth(BASE, { exited: worker.exited });
  worker.muteRequests(true);
  const demo = await seed(BASE);
  worker.muteRequests(false);
  printSummary(demo, built);
}

function printSummary(demo, built) {
  const ws = demo.workspaceId;
  const lines = [
    "",
    "────────────────────────────────────────────────────────────────────────",
    `Sidedesk is running at ${BASE}  (Ctrl-C to stop)`,
  ];
  console.log(lines.join("\n"));
  printTokens(demo);
  console.log([
    "",
    "Webhooks:",
    `  Twilio SMS        POST ${BASE}/webhooks/${ws}/twilio/sms      (X-Twilio-Signature, auth token "demo-twilio-auth-token")`,
    `  Twilio status     POST ${BASE}/webhooks/${ws}/twilio/status`,
    `  Events API        POST ${BASE}/webhooks/${ws}/events          (X-Sidedesk-Signature, secret "demo-events-signing-secret")`,
    `  Shopify           POST ${BASE}/webhooks/${ws}/shopify         (X-Shopify-Hmac-Sha256, secret "demo-shopify-webhook-secret")`,
    `  Fake Shopify API  ${BASE}/dev/fake-shopify/northwind-outfitters.myshopify.com/admin/api/2026-10/graphql.json (order actions land here)`,
    `  Inbound email     POST ${BASE}/cdn-cgi/handler/email?from=<sender>&to=support@northwind.example  (raw MIME body)`,
    `  Chat widget       ${BASE}/widget.js`,
    "",
    `Demo storefront (chat as a customer): ${BASE}/demo/store?workspace=${ws}`,
    "",
    `Local outbox (what would have been sent): ${BASE}/dev/outbox?workspace=${ws}`,
    built
      ? `Extension: load ${path.join(ROOT, ".output/chrome-mv3")} unpacked (chrome://extensions → Developer mode), then sign in with ${BASE} and a token above.`
      : "Extension: not built yet (no wxt.config.ts); run `npx wxt build` once it exists.",
    "────────────────────────────────────────────────────────────────────────",
  ].join("\n"));
}

main().catch(async (err) => {
  console.error(`\nnpm start failed: ${err.message}`);
  await shutdown(1);
});
