import path from "node:path";
import { ROOT, applyMigrations, run, startWorker, waitForHealth } from "./lib/dev.mjs";
import { printTokens, seed } from "./seed.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = ".wrangler/state";
const LOG_REQUESTS = process.env.SIDEDESK_LOG_REQUESTS === "1";

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

/** Runs one start-up step; a failure says which step it was. */
async function step(what, fn) {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${what}: ${err.message}`);
  }
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
  if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  if (await portTaken())
    throw new Error(`something is already listening on ${BASE} (another npm start?); stop it first, or start on another port: PORT=8788 npm start`);
  console.log("• Building the extension (wxt build)…");
  await step("building the extension", () => run(path.join(ROOT, "node_modules/.bin/wxt"), ["build"], { prefix: "[wxt] " }));
  console.log(`• Applying D1 migrations (local, ${PERSIST})…`);
  await step("applying the D1 migrations", () => applyMigrations(PERSIST, { quiet: true }));
  console.log(`• Starting wrangler dev on ${BASE}…`);
  worker = startWorker({ port: PORT, persistTo: PERSIST });
  worker.muteRequests(!LOG_REQUESTS);
  worker.exited.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`wrangler dev exited (${signal ?? code}).`);
      process.exit(code || 1);
    }
  });
  await step("waiting for the worker to answer", () => waitForHealth(BASE, { exited: worker.exited }));
  const demo = await step("seeding the demo workspace", () => seed(BASE));
  printSummary(demo);
}

function printSummary(demo) {
  const ws = demo.workspaceId;
  console.log(["", "────────────────────────────────────────────────────────────────────────", `Sidedesk is running at ${BASE}  (Ctrl-C to stop)`].join("\n"));
  printTokens(demo);
  console.log(
    [
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
      `Local outbox (what would have been sent): ${BASE}/dev/outbox?workspace=${ws}`,
      `Extension: load ${path.join(ROOT, ".output/chrome-mv3")} unpacked (chrome://extensions → Developer mode), then sign in with ${BASE} and a token above.`,
      LOG_REQUESTS ? "" : "Request logs are off (SIDEDESK_LOG_REQUESTS=1 npm start shows them); errors still print.",
      "────────────────────────────────────────────────────────────────────────",
    ].join("\n"),
  );
}

main().catch(async (err) => {
  console.error(`\nnpm start failed while ${err.message}`);
  await shutdown(1);
});
