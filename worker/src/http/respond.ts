// A JSON answer typed by its shared response schema (shared/schemas/responses.ts): the compiler holds every route to
// the contract the extension and the tests parse against. Checked at compile time only, so answering costs nothing.
import type { z } from "zod";

export function respond<S extends z.ZodTypeAny>(_schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return Response.json(body, init);
}
