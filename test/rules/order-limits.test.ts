// Per-role limits: which limit applies to which action, and when an action needs an admin's approval.
import { describe, expect, it } from "vitest";
import { limitFor, needsApproval } from "../../shared/rules/order-limits";
import { OrderLimits } from "../../shared/schemas";

const limits = OrderLimits.parse({ support: { refund: 50, discount: 20, discountPercent: 15 }, manager: { refund: 200 } });

describe("order limits", () => {
  it("refunds, replacements and cancellations with a refund use the refund limit", () => {
    expect(needsApproval("support", limits, { kind: "refund", amountCents: 5000, percent: null })).toBe(false);
    expect(needsApproval("support", limits, { kind: "refund", amountCents: 5001, percent: null })).toBe(true);
    expect(needsApproval("support", limits, { kind: "replacement", amountCents: 6000, percent: null })).toBe(true);
    expect(needsApproval("support", limits, { kind: "cancel", amountCents: 6000, percent: null })).toBe(true);
    expect(needsApproval("support", limits, { kind: "cancel", amountCents: null, percent: null })).toBe(false);
    expect(needsApproval("manager", limits, { kind: "refund", amountCents: 19_900, percent: null })).toBe(false);
  });

  it("fixed discounts use the discount limit, percentage codes the percent limit", () => {
    expect(needsApproval("support", limits, { kind: "discount", amountCents: 2500, percent: null })).toBe(true);
    expect(needsApproval("support", limits, { kind: "discount", amountCents: null, percent: 15 })).toBe(false);
    expect(needsApproval("support", limits, { kind: "discount", amountCents: null, percent: 16 })).toBe(true);
    expect(limitFor("support", limits, { kind: "discount", amountCents: null, percent: 10 })).toBe(15);
  });

  it("no limit set, the owner, and actions that give nothing never need approval", () => {
    expect(needsApproval("manager", limits, { kind: "discount", amountCents: 1_000_000, percent: null })).toBe(false);
    expect(needsApproval("owner", limits, { kind: "refund", amountCents: 99_999_999, percent: null })).toBe(false);
    expect(needsApproval("admin", limits, { kind: "refund", amountCents: 99_999_999, percent: null })).toBe(false);
    expect(needsApproval("support", limits, { kind: "address", amountCents: null, percent: null })).toBe(false);
  });
});
