// The agent API for the end-to-end tests: the dev scripts' client (plain JS, shared with npm start), typed. With a
// `schema` (shared/schemas), a 2xx body is parsed with it exactly (test/response-shape.ts), so a drift fails loudly.
import type { z } from "zod";
// @ts-expect-error plain JS helpers shared with npm start
import { apiClient } from "../../scripts/lib/dev.mjs";
import { parseExactly } from "../response-shape";

/** `expect`: the statuses that answer (default 200 and 201); any other makes the call throw "METHOD path → status …". */
export interface ApiOptions {
  token?: string;
  body?: unknown;
  expect?: number[];
}
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface Api {
  (method: string, pathname: string, opts?: ApiOptions): Promise<ApiAnswer<unknown>>;
  <S extends z.ZodTypeAny>(method: string, pathname: string, opts: ApiOptions & { schema: S }): Promise<ApiAnswer<z.output<S>>>;
}

type UntypedApi = (method: string, pathname: string, opts?: ApiOptions) => Promise<ApiAnswer<unknown>>;

export function typedApi(base: string): Api {
  const untyped: UntypedApi = apiClient(base);
  function api(method: string, pathname: string, opts?: ApiOptions): Promise<ApiAnswer<unknown>>;
  function api<S extends z.ZodTypeAny>(method: string, pathname: string, opts: ApiOptions & { schema: S }): Promise<ApiAnswer<z.output<S>>>;
  async function api(method: string, pathname: string, opts: ApiOptions & { schema?: z.ZodTypeAny } = {}): Promise<ApiAnswer<unknown>> {
    const { schema, ...rest } = opts;
    const answer = await untyped(method, pathname, rest);
    if (!schema || answer.status < 200 || answer.status >= 300) return answer;
    return { status: answer.status, body: parseExactly(schema, answer.body, `${method} ${pathname} answered ${answer.status}`) };
  }
  return api;
}
