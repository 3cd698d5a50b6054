// A fake Shopify Admin GraphQL endpoint (POST /admin/api/<version>/graphql.json) for tests and offline local dev:
// checks X-Shopify-Access-Token, the operation's root field and its variables, and answers in Shopify's shapes.
import { z, type ZodTypeAny } from "zod";
import { cancelOp, editBeginOp, editCommitOp, editSetQuantityOp, orderOp, ordersOp, type FakeShopData } from "./shopify-fake-ops";
import { refundCreateOp, suggestedRefundOp } from "./shopify-fake-refunds";
import { discountByCodeOp, discountCreateOp, draftCompleteOp, draftCreateOp, draftOrdersOp, orderUpdateOp } from "./shopify-fake-objects";

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
  handle(data: FakeShopData, variables: unknown, idempotencyKey: string | undefined): Promise<{ data: unknown } | { issues: z.ZodIssue[] }>;
}

function op<S extends ZodTypeAny>(kind: Kind, vars: S, run: (data: FakeShopData, v: z.output<S> & { idempotencyKey?: string }) => Promise<unknown>): Operation {
  return {
    kind,
    async handle(data, variables, idempotencyKey) {
      const parsed = vars.safeParse(variables);
      return parsed.success ? { data: await run(data, { ...parsed.data, ...(idempotencyKey ? { idempotencyKey } : {}) }) } : { issues: parsed.error.issues };
    },
  };
}

const MoneyInput = z.string().regex(/^\d+(\.\d{1,2})?$/, "a decimal amount");
const RefundLine = z.object({
  lineItemId: Gid("LineItem"),
  quantity: z.number().int(),
  restockType: Maybe(z.enum(["NO_RESTOCK", "CANCEL", "RETURN"])),
  locationId: Maybe(Gid("Location")),
});
const AddressInput = z
  .object({
    firstName: Maybe(z.string()),
    lastName: Maybe(z.string()),
    address1: z.string().min(1),
    address2: Maybe(z.string()),
    city: z.string().min(1),
    provinceCode: Maybe(z.string()),
    zip: Maybe(z.string()),
    countryCode: z.string().regex(/^[A-Z]{2}$/),
    phone: Maybe(z.string()),
  })
  .strict();

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

OPERATIONS["order.suggestedRefund"] = op(
  "query",
  z.object({
    id: Gid("Order"),
    refundLineItems: Maybe(z.array(RefundLine)),
    refundShipping: Maybe(z.boolean()),
    shippingAmount: Maybe(MoneyInput),
    suggestFullRefund: Maybe(z.boolean()),
  }),
  suggestedRefundOp,
);
OPERATIONS.refundCreate = op(
  "mutation",
  z.object({
    input: z
      .object({
        orderId: Gid("Order"),
        note: Maybe(z.string().max(255)),
        notify: Maybe(z.boolean()),
        refundLineItems: Maybe(z.array(RefundLine)),
        shipping: Maybe(z.object({ amount: Maybe(MoneyInput), fullRefund: Maybe(z.boolean()) }).strict()),
        transactions: Maybe(
          z.array(z.object({ orderId: Gid("Order"), parentId: Gid("OrderTransaction"), gateway: z.string(), kind: z.string(), amount: MoneyInput }).strict()),
        ),
      })
      .strict(),
  }),
  refundCreateOp,
);
OPERATIONS.discountCodeBasicCreate = op(
  "mutation",
  z.object({
    basicCodeDiscount: z
      .object({
        title: z.string(),
        code: z.string(),
        startsAt: z.string().datetime({ offset: true }),
        endsAt: Maybe(z.string().datetime({ offset: true })),
        usageLimit: Maybe(z.number().int().min(1)),
        appliesOncePerCustomer: Maybe(z.boolean()),
        context: Maybe(z.object({ all: Maybe(z.literal("ALL")), customers: Maybe(z.object({ add: Maybe(z.array(Gid("Customer"))) })) }).strict()),
        customerGets: z.object({
          value: z
            .object({
              percentage: Maybe(z.number()),
              discountAmount: Maybe(z.object({ amount: MoneyInput, appliesOnEachItem: Maybe(z.boolean()) }).strict()),
            })
            .strict(),
          items: z.object({ all: z.literal(true) }).strict(),
        }),
      })
      .strict(),
  }),
  discountCreateOp,
);
OPERATIONS.codeDiscountNodeByCode = op("query", z.object({ code: z.string().min(1) }), discountByCodeOp);
OPERATIONS.orderUpdate = op(
  "mutation",
  z.object({
    input: z
      .object({ id: Gid("Order"), shippingAddress: Maybe(AddressInput), note: Maybe(z.string().max(5000)), tags: Maybe(z.array(z.string().max(255)).max(250)) })
      .strict(),
  }),
  orderUpdateOp,
);
OPERATIONS.draftOrders = op("query", z.object({ query: z.string() }), draftOrdersOp);
OPERATIONS.draftOrderCreate = op(
  "mutation",
  z.object({
    input: z
      .object({
        email: Maybe(z.string()),
        purchasingEntity: Maybe(z.object({ customerId: Maybe(Gid("Customer")) }).strict()),
        lineItems: z.array(
          z
            .object({ variantId: Maybe(Gid("ProductVariant")), title: Maybe(z.string()), quantity: z.number().int(), originalUnitPrice: Maybe(MoneyInput) })
            .strict(),
        ),
        shippingAddress: Maybe(AddressInput),
        appliedDiscount: Maybe(z.object({ value: z.number(), valueType: z.enum(["PERCENTAGE", "FIXED_AMOUNT"]), title: Maybe(z.string()) }).strict()),
        note: Maybe(z.string()),
        tags: Maybe(z.array(z.string())),
      })
      .strict(),
  }),
  draftCreateOp,
);
OPERATIONS.draftOrderComplete = op("mutation", z.object({ id: Gid("DraftOrder") }), draftCompleteOp);

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
  // A refund suggestion is a field of the order: served by its own handler.
  const key = root === "order" && /\bsuggestedRefund\s*\(/.test(body.data.query) ? "order.suggestedRefund" : root;
  const operation = OPERATIONS[key];
  if (!operation || operation.kind !== kind) return gqlErrors(`Field '${root}' doesn't exist on type '${kind === "query" ? "QueryRoot" : "Mutation"}'`);
  const variables = body.data.variables ?? {};
  const result = await operation.handle(shop.data, variables, idempotencyKey(body.data.query, variables));
  if ("issues" in result) {
    return gqlErrors(...result.issues.map((i) => `Variable $${i.path.join(".") || "?"} of the ${root} operation was provided invalid value: ${i.message}`));
  }
  const refused = (result.data as { __graphqlError?: string } | null)?.__graphqlError;
  if (refused) return gqlErrors(refused);
  shop.calls?.push({ operation: root, operationName: head[2] ?? null, variables });
  return Response.json({ data: result.data, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10 } } });
}

/** The key of an `@idempotent(key: $var)` or `@idempotent(key: "literal")` directive in the operation, if any. */
function idempotencyKey(query: string, variables: Record<string, unknown>): string | undefined {
  const m = /@idempotent\s*\(\s*key\s*:\s*(?:\$(\w+)|"([^"]+)")\s*\)/.exec(query);
  if (!m) return undefined;
  const value = m[1] ? variables[m[1]] : m[2];
  return typeof value === "string" && value ? value : undefined;
}
