// Hierarchical tag expansion and `{{placeholder}}` filling in automated texts.
import { describe, expect, it } from "vitest";
import { expandTags, tagWithAncestors } from "../../shared/rules/tags";
import { fillTemplate } from "../../shared/rules/templates";
import { DEFAULT_AUTO_RESPONDER_TEXT } from "../../shared/schemas/settings";

describe("tags", () => {
  it.each([
    ["billing", ["billing"]],
    ["shipping/delayed", ["shipping", "shipping/delayed"]],
    ["a/b/c", ["a", "a/b", "a/b/c"]],
  ])("%s belongs to %j", (tag, expected) => {
    expect(tagWithAncestors(tag)).toEqual(expected);
  });

  it("expands a ticket's tags with their ancestors, once each", () => {
    expect(expandTags(["shipping/delayed", "shipping/lost", "vip"]).sort()).toEqual(["shipping", "shipping/delayed", "shipping/lost", "vip"]);
    expect(expandTags([])).toEqual([]);
  });
});

describe("fillTemplate", () => {
  const values = { "Organization prefix": "Acme", email: "help@acme.test", missing: null };
  it.each([
    ["{{Organization prefix}}: hi", "Acme: hi"],
    ["{{ organization PREFIX }}: hi", "Acme: hi"], // any case, spaces inside braces
    ["Write to {{email}} or {{email}}", "Write to help@acme.test or help@acme.test"],
    ["{{unknown}} stays", "{{unknown}} stays"],
    ["{{missing}}!", "!"],
    ["no placeholders", "no placeholders"],
  ])("%j → %j", (text, expected) => {
    expect(fillTemplate(text, values)).toBe(expected);
  });

  it("fills the recommended auto-responder text completely", () => {
    const text = fillTemplate(DEFAULT_AUTO_RESPONDER_TEXT, values);
    expect(text).toBe("Acme: we can't reply because you have not consented to receive SMS. For help contact help@acme.test");
  });
});
