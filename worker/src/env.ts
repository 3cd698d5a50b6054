// Bindings and variables the worker runs with (see wrangler.toml and README "Configuration").
import type { TicketObject } from "./objects/ticket-object";
import type { InboxObject } from "./objects/inbox-object";

export interface Env extends EnvLimits {
  /** The directory database, and the only shard unless D1_SHARDS says otherwise (db/shards.ts). */
  DB: D1Database;
  /** Comma-separated D1 binding names that hold workspaces' data, e.g. "DB,DB_1" (default "DB"); see docs/scaling.md. */
  D1_SHARDS?: string;
  TICKETS: DurableObjectNamespace<TicketObject>;
  INBOX: DurableObjectNamespace<InboxObject>;
  /** Bytes of message files (email attachments, MMS media, web-chat photos, agents' files); see files/file-store.ts. */
  FILES: R2Bucket;
  /** "development" turns on embedded local defaults and dev-only routes. */
  ENVIRONMENT: string;
  /** Guards POST /api/setup. Defaults to `dev-setup-token` in development only. */
  SETUP_TOKEN?: string;
  /** Key material for encrypting workspace secrets at rest. Required outside development. */
  SECRETS_KEY?: string;
  /** Twilio REST base URL; only changed to point at a fake in tests. */
  TWILIO_API_BASE?: string;
  /** Public origin used to build short links and callback URLs (defaults to the request's origin). */
  PUBLIC_URL?: string;
  /** Shopify Admin API origin override: `https://<shop>/admin/...` becomes `<base>/<shop>/admin/...` (local dev fake). */
  SHOPIFY_ADMIN_BASE?: string;
  /** How long an order lookup waits for the store before answering from D1 (ms, default 2500). */
  SHOPIFY_TIMEOUT_MS?: string;
  /** Cloudflare Email sending binding (`[[send_email]] name = "EMAIL"`); production email transport. */
  EMAIL?: SendEmail;
  /** HTTP mail provider (Resend-style POST /emails JSON) used when EMAIL is not bound. */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  /** Development and tests only: shifts the worker's clock by this many ms (tests run the suite at another time). */
  DEV_CLOCK_OFFSET_MS?: string;
}

export interface EnvLimits {
  /** Rate limit for web-chat session starts, keyed by workspace and visitor IP. */
  CHAT_LIMITER?: RateLimit;
}

export const isDevelopment = (env: Env) => env.ENVIRONMENT === "development";
