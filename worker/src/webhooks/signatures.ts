// Provider signature checks, each exactly as the provider documents it, compared in constant time.
import { base64, hex, hmac, safeEqual } from "../http/crypto";

/** Twilio: base64(HMAC-SHA1(authToken, url + each POST param name+value, sorted by name)). */
export async function twilioSignature(authToken: string, url: string, params: URLSearchParams): Promise<string> {
  const pairs = [...params.entries()].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + pairs.map(([k, v]) => k + v).join("");
  return base64(await hmac("SHA-1", authToken, data));
}

export async function verifyTwilio(authToken: string, url: string, params: URLSearchParams, given: string | null): Promise<boolean> {
  if (!given) return false;
  return safeEqual(await twilioSignature(authToken, url, params), given);
}

/** Generic events: `sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export async function verifySidedesk(secret: string, rawBody: ArrayBuffer, given: string | null): Promise<boolean> {
  if (!given) return false;
  return safeEqual(`sha256=${hex(await hmac("SHA-256", secret, rawBody))}`, given.trim().toLowerCase());
}

/** Shopify: `X-Shopify-Hmac-Sha256` = base64(HMAC-SHA256(webhook secret, raw body)). */
export async function shopifySignature(secret: string, rawBody: ArrayBuffer | string): Promise<string> {
  return base64(await hmac("SHA-256", secret, rawBody));
}

export async function verifyShopify(secret: string, rawBody: ArrayBuffer, given: string | null): Promise<boolean> {
  if (!given) return false;
  return safeEqual(await shopifySignature(secret, rawBody), given.trim());
}
