// Secrets the worker needs, with the embedded local-development defaults (docs/api.md §13 Local development).
import { isDevelopment, type Env } from "./env";
import { HttpError } from "./http/errors";

const DEV_SETUP_TOKEN = "dev-setup-token";
const DEV_SECRETS_KEY = "sidedesk-local-development-key";

/** The setup token, or null when none is configured (a deployed worker without the secret refuses setup). */
export function setupToken(env: Env): string | null {
  return env.SETUP_TOKEN ?? (isDevelopment(env) ? DEV_SETUP_TOKEN : null);
}

export function secretsKey(env: Env): string {
  const key = env.SECRETS_KEY ?? (isDevelopment(env) ? DEV_SECRETS_KEY : null);
  if (!key) throw new HttpError(500, "secrets_key_missing", "The worker has no SECRETS_KEY; set it with `wrangler secret put SECRETS_KEY`.");
  return key;
}
