// A macro's text with its variables filled; missing values and unknown names are reported, not silently dropped.
import { describe, expect, it } from "vitest";
import { fillMacroText, macroVariablesIn } from "../../shared/rules/macro-text";

describe("macro text", () => {
  it("fills known variables, with or without spaces inside the braces", () => {
    const r = fillMacroText("Hi {{customer.first_name}}, {{ order.number }} ships: {{order.tracking_link}}", {
      "customer.first_name": "Ada",
      "order.number": "#1001",
      "order.tracking_link": "https://t.example/1",
    });
    expect(r).toEqual({ text: "Hi Ada, #1001 ships: https://t.example/1", missing: [], unknown: [] });
  });

  it("reports variables without a value and names that are not variables, leaving them in place", () => {
    const r = fillMacroText("{{discount.code}} for {{customer.nickname}} from {{agent.name}}", { "agent.name": "Sam", "discount.code": null });
    expect(r.text).toBe("{{discount.code}} for {{customer.nickname}} from Sam");
    expect(r.missing).toEqual(["discount.code"]);
    expect(r.unknown).toEqual(["customer.nickname"]);
  });

  it("lists the variables a text uses", () => {
    expect(macroVariablesIn("{{order.number}} {{order.number}} {{agent.name}}")).toEqual(["order.number", "agent.name"]);
  });
});
