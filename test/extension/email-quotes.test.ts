// The panel folds an inbound email's quoted history and signature: what the agent sees first is the new message.
import { describe, expect, it } from "vitest";
import { foldQuotedHtml, splitQuotedText } from "../../extension/lib/email-quotes";

describe("quoted history in text", () => {
  it("folds Gmail's attribution, > lines and the signature", () => {
    const { visible, quoted } = splitQuotedText(
      "Thanks, that works!\n\nKim\n\nOn Tue, Jun 2, 2026 at 10:00 AM Northwind <support@north.example> wrote:\n> Hi Kim,\n> here is the label.\n\n-- \nSent from my phone",
    );
    expect(visible).toBe("Thanks, that works!\n\nKim");
    expect(quoted).toContain("> here is the label.");
    expect(quoted).toContain("Sent from my phone");
  });

  it("folds Outlook's original message block", () => {
    const { visible, quoted } = splitQuotedText("Yes please.\n\n-----Original Message-----\nFrom: Northwind\nSent: Tuesday\n\nShall we send a new one?");
    expect(visible).toBe("Yes please.");
    expect(quoted).toContain("Shall we send a new one?");
  });

  it("leaves a message without history whole", () => {
    expect(splitQuotedText("Where is my order #1001?\nIt has been a week.")).toEqual({ visible: "Where is my order #1001?\nIt has been a week.", quoted: "" });
  });
});

describe("quoted history in HTML", () => {
  it("puts everything from the first marked quote on into a closed <details>", () => {
    const html = '<div>Thanks!</div><div data-quote=""><div>On Tue, Northwind wrote:</div><blockquote>Hi Kim</blockquote></div><div>-- sig</div>';
    const { html: out, folded } = foldQuotedHtml(html);
    expect(folded).toBe(true);
    const doc = new DOMParser().parseFromString(out, "text/html");
    expect(doc.body.firstElementChild?.textContent).toBe("Thanks!");
    const details = doc.querySelector("details.sd-quoted");
    expect(details?.hasAttribute("open")).toBe(false);
    expect(details?.querySelector("summary")?.textContent).toBe("Show quoted text");
    expect(details?.textContent).toContain("Hi Kim");
    expect(details?.textContent).toContain("-- sig");
  });

  it("leaves HTML without marked quotes as it was", () => {
    expect(foldQuotedHtml("<p>Hello <b>team</b></p>")).toEqual({ html: "<p>Hello <b>team</b></p>", folded: false });
  });
});

describe("inline images (cid:)", () => {
  it("finds the Content-IDs the HTML names and points only those with a stored part at their link", async () => {
    const { cidsIn, withInlineImages, emailDocument } = await import("../../extension/lib/email-html");
    const html = '<p>Look:</p><img alt="logo" data-cid="logo%40shop.example"><img data-cid="missing@x">';
    expect(cidsIn(html)).toEqual(["logo@shop.example", "missing@x"]);
    const out = withInlineImages(html, { "logo@shop.example": "https://worker.example/files/abc.def" });
    expect(out).toContain('<img alt="logo" src="https://worker.example/files/abc.def">');
    expect(out).toContain('<img data-cid="missing@x">');
    // The frame may load images from the worker (our own file links), nothing else unless the agent allows remote images.
    expect(emailDocument(out, false, "https://worker.example")).toContain("img-src data: https://worker.example;");
  });
});
