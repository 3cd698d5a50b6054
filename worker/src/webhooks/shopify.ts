// POST /webhooks/:workspaceId/shopify — store webhooks: HMAC over the raw body (constant time), de-duplicated by
// X-Shopify-Webhook-Id, orders/* and customers/* validated with zod, then applied to D1. Other topics: 200, ignored.
import { SHOPIFY_TOPICS, ShopifyCustomerPayload, ShopifyOrderPayload } from "../../../shared/schemas/shopify-payloads";
import type { AppRouter } from "../http/agent-route";
import { HttpError, parseOr400 } from "../http/errors";
import { deliverySeen, recordDelivery } from "../db/store-deliveries";
import { ingestCustomerPayload, ingestOrderPayload } from "../integrations/shopify-ingest";
import { unauthorized, webhookWorkspace } from "./workspace";
import { verifyShopify } from "./signatures";
import { dbFor } from "../db/shards";
import { ShopifyWebhookResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

type Topic = (typeof SHOPIFY_TOPICS)[number];
const isTopic = (t: string): t is Topic => (SHOPIFY_TOPICS as readonly string[]).includes(t);

export function registerShopifyWebhooks(router: AppRouter) {
  router.post("/webhooks/:workspaceId/shopify", async (request, env) => {
    const ws = await webhookWorkspace(env, request.params.workspaceId!);
    const raw = await request.arrayBuffer();
    const secret = ws.secrets.shopifyWebhookSecret;
    if (!secret || !(await verifyShopify(secret, raw, request.headers.get("x-shopify-hmac-sha256")))) throw unauthorized("X-Shopify-Hmac-Sha256");
    const topic = request.headers.get("x-shopify-topic") ?? "";
    const deliveryId = request.headers.get("x-shopify-webhook-id");
    if (!deliveryId) throw new HttpError(400, "invalid_request", "The X-Shopify-Webhook-Id header is missing.");
    if (!isTopic(topic)) return respond(ShopifyWebhookResponse, { ignored: true, topic });
    if (await deliverySeen(dbFor(env, ws.workspace.id), ws.workspace.id, "shopify", deliveryId)) return respond(ShopifyWebhookResponse, { duplicate: true });

    const json = parseJson(raw);
    const country = ws.settings.shopify.countryCode;
    const result = topic.startsWith("orders/")
      ? await ingestOrderPayload(env, ws.workspace.id, country, parseOr400(ShopifyOrderPayload, json, `${topic} payload`))
      : await ingestCustomerPayload(env, ws.workspace.id, country, parseOr400(ShopifyCustomerPayload, json, `${topic} payload`));
    await recordDelivery(dbFor(env, ws.workspace.id), ws.workspace.id, "shopify", deliveryId);
    // `applied: false` means D1 already held a newer version (an out-of-order delivery).
    return respond(ShopifyWebhookResponse, { topic, applied: result.applied, profileId: result.profileId });
  });
}

function parseJson(raw: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
}
