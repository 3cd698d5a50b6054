// Compliance keywords: which inbound texts change consent or ask for help, and the replies a compliant number sends.
import { describe, expect, it } from "vitest";
import { detectKeyword, keywordReply } from "../../shared/rules/keywords";

describe("detectKeyword", () => {
  it.each([
    ["STOP", "opt_out"],
    ["STOPALL", "opt_out"],
    ["UNSUBSCRIBE", "opt_out"],
    ["CANCEL", "opt_out"],
    ["END", "opt_out"],
    ["QUIT", "opt_out"],
    ["START", "opt_in"],
    ["YES", "opt_in"],
    ["UNSTOP", "opt_in"],
    ["JOIN", "opt_in"],
    ["HELP", "help"],
    ["INFO", "help"],
  ])("%s is %s", (word, kind) => {
    expect(detectKeyword(word)).toBe(kind);
  });

  it.each([
    ["stop", "opt_out"],
    ["Stop", "opt_out"],
    ["  sToP  ", "opt_out"],
    ["Stop.", "opt_out"],
    ["STOP!!", "opt_out"],
    ["stop?", "opt_out"],
    ['"Stop"', "opt_out"],
    ["stop,", "opt_out"],
    ["Stop 🛑", "opt_out"],
    ["start\n", "opt_in"],
    ["Help?", "help"],
    ["info!", "help"],
  ])("%j is still a keyword (case, spacing, punctuation)", (body, kind) => {
    expect(detectKeyword(body)).toBe(kind);
  });

  it.each(["stop sending me ads", "Please stop", "STOP ALL", "can you help me", "yes please", "helpful", "stopped", "", "   ", "?", "Where is my order?"])(
    "%j is a normal message, not a keyword",
    (body) => {
      expect(detectKeyword(body)).toBeNull();
    },
  );
});

describe("keywordReply", () => {
  it("opt-out confirms and explains how to resubscribe", () => {
    const text = keywordReply("opt_out", "Acme", "help@acme.test");
    expect(text).toMatch(/^Acme: /);
    expect(text).toMatch(/unsubscribed/i);
    expect(text).toContain("START");
  });

  it("opt-in confirms and names HELP and STOP", () => {
    const text = keywordReply("opt_in", "Acme", null);
    expect(text).toMatch(/subscribed/i);
    expect(text).toContain("HELP");
    expect(text).toContain("STOP");
  });

  it("help gives the support email when there is one", () => {
    expect(keywordReply("help", "Acme", "help@acme.test")).toContain("help@acme.test");
    const without = keywordReply("help", "Acme", null);
    expect(without).not.toContain("@");
    expect(without).toContain("STOP");
  });
});

describe("a workspace's own opt-in words", () => {
  it("count as opt-in alone and in any case; the carriers' words keep their meaning", () => {
    expect(detectKeyword("vip!", ["VIP"])).toBe("opt_in");
    expect(detectKeyword("vip please", ["VIP"])).toBeNull();
    expect(detectKeyword("VIP")).toBeNull();
    expect(detectKeyword("STOP", ["STOP"])).toBe("opt_out");
  });
});
