// A fake Shopify Admin GraphQL endpoint (POST /admin/api/<version>/graphql.json) for tests and offline local dev:
// checks X-Shopify-Access-Token, the operation's root field and its variables, and answers in Shopify's shapes.
import { z, type ZodTypeAny } from "zod";
import { cancelOp, editBeginOp, editCommitOp, editSetQuantityOp, orderOp, ordersOp, type FakeShopData } from "./shopify-fake-ops";

export interface FakeCall {
  operation: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}
export interface FakeShop {
  accessToken: string;
  data: FakeShopData;
  calls?: FakeCall[];
}

const Gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `a ${type} GID`);
const Maybe = <T extends ZodTypeAny>(t: T) => t.nullish();

type Kind = "query" | "mutation";
interface Operation {
  kind: Kind;
  handle(data: FakeShopData, variables: unknown): Promise<{ data: unknown } | { issues: z.ZodIssue[] }>;
}

function op<S extends ZodTypeAny>(kind: Kind, vars: S, run: (data: FakeShopData, v: z.output<S>) => Promise<unknown>): Operation {
  return {
    kind,
    async handle(data, variables) {
      const parsed = vars.safeParse(variables);
      return parsed.success ? { data: await run(data, parsed.data) } : { issues: parsed.error.issues };
    },
  };
}

/** The operations the fake serves, by root field: their kind, variables schema and behaviour. */
const OPERATIONS: Record<string, Operation> = {
  order: op("query", z.object({ id: Gid("Order") }), orderOp),
  orders: op("query", z.object({ first: z.number().int().min(1).max(250), query: Maybe(z.string()) }), ordersOp),
  orderEditBegin: op("mutation", z.object({ id: Gid("Order") }), editBeginOp),
  orderEditSetQuantity: op(
    "mutation",
    z.object({ id: Gid("CalculatedOrder"), lineItemId: Gid("CalculatedLineItem"), quantity: z.number().int().min(0), restock: Maybe(z.boolean()) }),
    editSetQuantityOp,
  ),
  orderEditCommit: op(
    "mutation",
    z.object({ id: Gid("CalculatedOrder"), notifyCustomer: Maybe(z.boolean()), staffNote: Maybe(z.string().max(255)) }),
    editCommitOp,
  ),
  orderCancel: op(
    "mutation",
    z.object({
      orderId: Gid("Order"),
      reason: z.enum(["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"]),
      refund: Maybe(z.boolean()),
      refundMethod: Maybe(z.object({ originalPaymentMethodsRefund: Maybe(z.boolean()), storeCreditRefund: Maybe(z.object({}).passthrough()) }).strict()),
      restock: z.boolean(),
      notifyCustomer: Maybe(z.boolean()),
      staffNote: Maybe(z.string().max(255)),
    }),
    cancelOp,
  ),
};

const Body = z.object({ query: z.string().min(1), variables: z.record(z.unknown()).nullish(), operationName: z.string().nullish() });

const gqlErrors = (...messages: string[]) => Response.json({ errors: messages.map((message) => ({ message, extensions: { code: "BAD_REQUEST" } })) });

export async function handleFakeAdmin(request: Request, shop: FakeShop): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (request.method !== "POST" || !/\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.test(path))
    return Response.json({ errors: "Not Found" }, { status: 404 });
  if (!shop.accessToken || request.headers.get("x-shopify-access-token") !== shop.accessToken) {
    return Response.json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, { status: 401 });
  }
  const body = Body.safeParse(await request.json().catch(() => null));
  if (!body.success) return Response.json({ errors: { query: "Required parameter missing or invalid" } }, { status: 400 });
  // `query Name($v: T) { rootField(...` / `mutation Name(...) { rootField(...` — the first field of the operation.
  const head = /^\s*(query|mutation)\b\s*(\w+)?[^{]*\{\s*(\w+)/.exec(body.data.query);
  if (!head) return gqlErrors("Parse error: expected a query or mutation operation.");
  const kind: Kind = head[1] === "mutation" ? "mutation" : "query";
  const root = head[3] ?? "";
  const operation = OPERATIONS[root];
  if (!operation || operation.kind !== kind) return gqlErrors(`Field '${root}' doesn't exist on type '${kind === "query" ? "QueryRoot" : "Mutation"}'`);
  const variables = body.data.variables ?? {};
  const result = await operation.handle(shop.data, variables);
  if ("issues" in result) {
    return gqlErrors(...result.issues.map((i) => `Variable $${i.path[0] ?? "?"} of the ${root} operation was provided invalid value: ${i.message}`));
  }
  shop.calls?.push({ operation: root, operationName: head[2] ?? null, variables });
  return Response.json({ data: result.data, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10 } } });
}
