// CORS for the widget API: the widget runs on the merchant's storefront, a different origin from the worker.
// Sessions are proven by a bearer token (never cookies), so any storefront origin may call; nothing is credentialed.
import type { IRequest } from "itty-router";
import type { Env } from "../env";
import { errorResponse } from "../http/errors";

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-max-age": "86400",
};

export function withCors(response: Response): Response {
  if (response.status === 101) return response; // WebSocket upgrades are not subject to CORS
  const res = new Response(response.body, response);
  for (const [k, v] of Object.entries(CORS_HEADERS)) res.headers.set(k, v);
  return res;
}

export const preflight = () => withCors(new Response(null, { status: 204 }));

/** Runs a widget handler; its errors get the usual `{"error": …}` body, with CORS headers so the widget can read them. */
export function corsRoute(handler: (request: IRequest, env: Env) => Promise<Response> | Response) {
  return async (request: IRequest, env: Env): Promise<Response> => {
    try {
      return withCors(await handler(request, env));
    } catch (err) {
      return withCors(errorResponse(err, "chat API"));
    }
  };
}
