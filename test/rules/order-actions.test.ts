// What Shopify would accept for an order's state: cancel only before anything ships, edit only what has not shipped.
import { describe, expect, it } from "vitest";
import { canCancel, canEdit, canEditLine } from "../../shared/rules/order-actions";

const line = (quantity: number, fulfilledQuantity: number) => ({ title: "Trail Jacket", quantity, fulfilledQuantity });
const order = (over: Partial<Parameters<typeof canCancel>[0]> = {}) => ({
  name: "#1042",
  cancelledAt: null,
  financialStatus: "paid",
  fulfillmentStatus: null,
  lineItems: [line(2, 0), line(1, 0)],
  ...over,
});

describe("order actions by state", () => {
  it.each([
    // [case, order, can cancel, can edit]
    ["paid, unfulfilled", order(), true, true],
    ["pending payment", order({ financialStatus: "pending" }), true, true],
    ["cancelled", order({ cancelledAt: "2026-01-02T00:00:00Z" }), false, false],
    ["partly shipped", order({ fulfillmentStatus: "partial", lineItems: [line(2, 2), line(1, 0)] }), false, true],
    ["all shipped, months ago", order({ fulfillmentStatus: "fulfilled", lineItems: [line(2, 2), line(1, 1)] }), false, false],
    ["shipped (status only, lines not synced)", order({ fulfillmentStatus: "fulfilled" }), false, false],
    ["refunded", order({ financialStatus: "refunded" }), true, false],
    ["voided", order({ financialStatus: "VOIDED" }), true, false],
  ])("%s", (_case, o, cancel, edit) => {
    expect(canCancel(o).ok).toBe(cancel);
    expect(canEdit(o).ok).toBe(edit);
    const why = [canCancel(o), canEdit(o)].flatMap((a) => (a.ok ? [] : [a.reason]));
    for (const reason of why) expect(reason).toMatch(/#1042|shipped/); // each refusal names the order or says why
  });

  it.each([
    // [case, order, cancel refusal, edit refusal]: the code the panel translates, with the order it names
    ["cancelled", order({ cancelledAt: "2026-01-02T00:00:00Z" }), "alreadyCancelled", "cancelled"],
    ["partly shipped", order({ fulfillmentStatus: "partial", lineItems: [line(2, 2), line(1, 0)] }), "fulfilmentsShipped", null],
    ["all shipped", order({ fulfillmentStatus: "fulfilled" }), "fulfilmentsShipped", "allShipped"],
    ["refunded", order({ financialStatus: "refunded" }), null, "refunded"],
    ["voided", order({ financialStatus: "VOIDED" }), null, "voided"],
  ])("says why in a code the panel can translate: %s", (_case, o, cancel, edit) => {
    const code = (a: ReturnType<typeof canCancel>) => (a.ok ? null : a.code);
    expect(code(canCancel(o))).toBe(cancel);
    expect(code(canEdit(o))).toBe(edit);
    for (const a of [canCancel(o), canEdit(o)]) if (!a.ok) expect(a.order).toBe("#1042");
  });

  it("lets only the unshipped lines of a partly shipped order change", () => {
    const o = order({ fulfillmentStatus: "partial", lineItems: [line(2, 2), line(3, 1)] });
    expect(canEditLine(o, o.lineItems[0]!)).toEqual({
      ok: false,
      code: "lineShipped",
      order: "#1042",
      line: "Trail Jacket",
      reason: "“Trail Jacket” has shipped.",
    });
    expect(canEditLine(o, o.lineItems[1]!).ok).toBe(true);
  });
});

describe("refund, address and replacement by state", () => {
  it("refunds only what was paid and is not all given back", async () => {
    const { canRefund } = await import("../../shared/rules/order-actions");
    expect(canRefund(order()).ok).toBe(true);
    expect(canRefund(order({ financialStatus: "partially_refunded" })).ok).toBe(true);
    expect(canRefund(order({ financialStatus: "refunded" }))).toMatchObject({ ok: false, code: "refunded" });
    expect(canRefund(order({ financialStatus: "voided" }))).toMatchObject({ ok: false, code: "voided" });
    expect(canRefund(order({ financialStatus: "pending" }))).toMatchObject({ ok: false, code: "notPaid" });
    expect(canRefund(order({ financialStatus: null }))).toMatchObject({ ok: false, code: "notPaid" });
  });

  it("changes the address only while nothing has shipped; replaces any order that was not cancelled", async () => {
    const { canChangeAddress, canReplace } = await import("../../shared/rules/order-actions");
    expect(canChangeAddress(order()).ok).toBe(true);
    expect(canChangeAddress(order({ lineItems: [line(2, 1)] }))).toMatchObject({ ok: false, code: "addressShipped" });
    expect(canChangeAddress(order({ fulfillmentStatus: "partial" }))).toMatchObject({ ok: false, code: "addressShipped" });
    expect(canChangeAddress(order({ cancelledAt: "2026-10-01T00:00:00Z" }))).toMatchObject({ ok: false, code: "cancelled" });
    expect(canReplace(order({ lineItems: [line(2, 2)], fulfillmentStatus: "fulfilled" })).ok).toBe(true);
    expect(canReplace(order({ cancelledAt: "2026-10-01T00:00:00Z" })).ok).toBe(false);
  });
});
