// The plans of order changes that give nothing away: the shipping address (postal code checked for the country) and
// the order's note and tags.
import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";
import { canChangeAddress } from "../../../shared/rules/order-actions";
import type { MailingAddress } from "../../../shared/schemas";
import type { AddressBody, OrderNoteBody } from "../../../shared/schemas/order-actions";
import { HttpError } from "../http/errors";
import { updateOrder } from "../integrations/shopify-compensation";
import { GIVES_NOTHING, mirror, refuseUnless, storeAndOrder, type Plan, type PlanContext } from "./order-plan-kit";

/** One line, as on a parcel: "1 Wall St, New York NY 10005, US". */
export const addressLine = (a: MailingAddress) =>
  [a.address1, a.address2, [a.city, a.provinceCode ?? a.province, a.zip].filter(Boolean).join(" "), a.countryCode].filter(Boolean).join(", ");

function checkPostcode(a: MailingAddress) {
  if (!postcodeValidatorExistsForCountry(a.countryCode)) return;
  if (!a.zip || !postcodeValidator(a.zip, a.countryCode))
    throw new HttpError(400, "invalid_request", `Invalid request body: address.zip is not a postal code of ${a.countryCode}.`, [
      { path: "address.zip", message: `not a postal code of ${a.countryCode}` },
    ]);
}

export async function planAddress(ctx: PlanContext, orderId: string | null, body: AddressBody): Promise<Plan> {
  checkPostcode(body.address);
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  refuseUnless(canChangeAddress(order), "order_not_editable");
  const line = addressLine(body.address);
  return {
    kind: "address",
    order,
    ticketId: body.ticketId ?? null,
    ...GIVES_NOTHING,
    summary: `Shipping address of ${order.name} changed to ${line}`,
    params: { kind: "address", order: order.name },
    async execute() {
      const updated = await updateOrder(ctx.env, conn, order, { shippingAddress: body.address });
      return { order: await mirror(ctx, updated, order.profileId, show), activity: { key: "addressChanged", params: { order: order.name, address: line } } };
    },
  };
}

export async function planNote(ctx: PlanContext, orderId: string | null, body: OrderNoteBody): Promise<Plan> {
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  const removed = new Set(body.removeTags.map((t) => t.toLowerCase()));
  const tags = [...new Set([...order.tags.filter((t) => !removed.has(t.toLowerCase())), ...body.addTags])];
  return {
    kind: "note",
    order,
    ticketId: body.ticketId ?? null,
    ...GIVES_NOTHING,
    summary: `Note and tags of ${order.name} updated`,
    params: { kind: "note", order: order.name },
    async execute() {
      const updated = await updateOrder(ctx.env, conn, order, { ...(body.note !== undefined ? { note: body.note } : {}), tags });
      return { order: await mirror(ctx, updated, order.profileId, show), activity: { key: "orderNoteChanged", params: { order: order.name } } };
    },
  };
}
