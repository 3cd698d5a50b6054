// Reading answers with the shared response schemas (shared/schemas), for the worker tests and the end-to-end tests alike.
// A schema is treated as exact: an answer it refuses, a field it does not describe (zod would drop it) or a field the
// worker left out and the schema filled in with a default all fail the test, so `toEqual` on a parsed body means what
// it meant on the raw JSON.
import type { z } from "zod";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where a parsed value and the JSON it came from differ in their fields. */
export function fieldDrift(raw: unknown, parsed: unknown, path = "body"): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((r: unknown, i) => fieldDrift(r, parsed[i], `${path}[${i}]`));
  if (!isRecord(raw) || !isRecord(parsed)) return [];
  return [...new Set([...Object.keys(raw), ...Object.keys(parsed)])].flatMap((k) =>
    !(k in parsed)
      ? [`${path}.${k} is not in the schema`]
      : !(k in raw)
        ? [`${path}.${k} is missing (the schema filled it in)`]
        : fieldDrift(raw[k], parsed[k], `${path}.${k}`),
  );
}

/** Parses `json` with `schema`, exactly (see above); `what` names the answer in the error, e.g. "GET /api/me answered 200". */
export function parseExactly<S extends z.ZodTypeAny>(schema: S, json: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(json);
  const problems = parsed.success ? fieldDrift(json, parsed.data) : parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  if (!parsed.success || problems.length)
    throw new Error(`${what} with a body that drifted from its schema (${problems.join("; ")}): ${JSON.stringify(json).slice(0, 2000)}`);
  return parsed.data;
}
