// The one error type of the API and the one place that turns errors into responses.
import type { ZodError, ZodTypeAny, z } from "zod";
import type { ErrorIssue } from "../../../shared/schemas";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
  }
}

export const notFound = (what = "ticket") => new HttpError(404, "not_found", `No such ${what}.`);
export const forbidden = (message: string) => new HttpError(403, "forbidden", message);

export function errorResponse(err: unknown, context: string): Response {
  if (err instanceof HttpError) {
    const body = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
    return Response.json(body, { status: err.status });
  }
  console.error(`unhandled error in ${context}:`, err instanceof Error ? (err.stack ?? err.message) : err);
  return Response.json({ error: { code: "internal_error", message: "Something went wrong on our side." } }, { status: 500 });
}

/** Parse with a shared schema; invalid input becomes a 400 with zod's issues. */
export function parseOr400<S extends ZodTypeAny>(schema: S, input: unknown, what = "request body"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error, what);
}

export function invalid(error: ZodError, what: string): HttpError {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  return new HttpError(400, "invalid_request", `Invalid ${what}: ${first ? `${first.path || "(root)"} ${first.message}` : "malformed"}.`, issues);
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
}
