// Attribution of an inbound SMS to the last flow/campaign message: within the window, first reply of a run only.
import { describe, expect, it } from "vitest";
import { attributeReply, type MarketingSend } from "../../shared/rules/attribution";

const H = 3600_000;
const sent = new Date("2026-06-01T12:00:00Z");
const flow: MarketingSend = { type: "flow", name: "Abandoned cart", at: sent, seq: 5 };
const campaign: MarketingSend = { type: "campaign", name: "Summer sale", at: sent, seq: 9 };
const after = (ms: number) => new Date(sent.getTime() + ms);

describe("attributeReply", () => {
  it.each([
    // [label, last send, last attributed seq, reply after, window hours, expected]
    ["no flow or campaign message yet", null, null, H, 24, null],
    ["a minute after a flow message", flow, null, 60_000, 24, { type: "flow", name: "Abandoned cart" }],
    ["after a campaign message", campaign, null, 2 * H, 24, { type: "campaign", name: "Summer sale" }],
    ["exactly at the end of the window", flow, null, 24 * H, 24, { type: "flow", name: "Abandoned cart" }],
    ["just past the window", flow, null, 24 * H + 1, 24, null],
    ["two hours after, with a one-hour window", flow, null, 2 * H, 1, null],
    ["a week later with a week-long window", flow, null, 7 * 24 * H, 24 * 7, { type: "flow", name: "Abandoned cart" }],
    ["second reply of the same run", flow, 6, H, 24, null],
    ["first reply after a newer send (new run)", campaign, 6, H, 24, { type: "campaign", name: "Summer sale" }],
  ] as const)("%s", (_label, last, attributedSeq, delay, windowHours, expected) => {
    expect(attributeReply(last, attributedSeq, after(delay), windowHours)).toEqual(expected);
  });
});
