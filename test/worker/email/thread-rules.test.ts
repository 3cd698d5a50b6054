// Pure threading rules: Message-ID lists, reply subjects, bounded References chains.
import { describe, expect, it } from "vitest";
import { appendReference, normalizeMessageId, parseIdList, replySubject, threadAfterInbound, threadCandidates } from "../../../worker/src/domain/email-thread";

describe("email threading rules", () => {
  it.each([
    ["Where is my order?", "Re: Where is my order?"],
    ["Re: Where is my order?", "Re: Where is my order?"],
    ["RE: re: Where is my order?", "Re: Where is my order?"],
    ["Aw: Bestellung", "Re: Bestellung"],
    ["Re[2]: Ticket", "Re: Ticket"],
    ["Fwd: Invoice", "Re: Fwd: Invoice"],
    ["", "Re: (no subject)"],
  ])("replySubject(%j) = %j", (subject, expected) => expect(replySubject(subject)).toBe(expected));

  it.each([
    ["<A@x.example>", ["a@x.example"]],
    ["<a@x> <b@y>\r\n <c@z>", ["a@x", "b@y", "c@z"]],
    ["a@x b@y", ["a@x", "b@y"]],
    ["", []],
  ])("parseIdList(%j)", (header, expected) => expect(parseIdList(header)).toEqual(expected));

  it("looks at the direct parent first, then References newest first", () => {
    expect(threadCandidates("<p@x>", "<root@x> <mid@x> <p@x>")).toEqual(["p@x", "mid@x", "root@x"]);
    expect(normalizeMessageId(" <Odd Id@x> ")).toBeNull();
  });

  it("keeps the References chain bounded, root first", () => {
    let chain: string[] = [];
    for (let i = 0; i < 30; i++) chain = appendReference(chain, `m${i}@x`);
    expect(chain).toHaveLength(20);
    expect(chain[0]).toBe("m0@x");
    expect(chain.at(-1)).toBe("m29@x");
    expect(appendReference(["a@x"], "a@x")).toEqual(["a@x"]);
  });

  it("keeps the first subject and root, moves lastMessageId, extends the chain", () => {
    const first = threadAfterInbound(undefined, { subject: "Order", rootId: "r@x", messageId: "r@x", references: [] });
    const next = threadAfterInbound(first, { subject: "Re: Order", rootId: "r@x", messageId: "c@x", references: ["r@x", "ours@shop"], cc: ["p@x"] });
    expect(next).toEqual({ subject: "Order", rootId: "r@x", lastMessageId: "c@x", references: ["r@x", "ours@shop", "c@x"], cc: ["p@x"] });
    // An automatic answer (no cc given) leaves the recipients as they were.
    expect(threadAfterInbound(next, { subject: "Auto", rootId: "r@x", messageId: "a@x", references: [] }).cc).toEqual(["p@x"]);
  });
});
