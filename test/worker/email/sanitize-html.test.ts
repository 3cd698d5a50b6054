// The inbound-email HTML sanitizer and the HTML → text fallback, table-driven.
import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "../../../worker/src/domain/sanitize-html";
import { escapeHtml, htmlToText } from "../../../worker/src/domain/email-text";

describe("sanitizeEmailHtml", () => {
  it.each([
    ["drops scripts with their content", "<p>a</p><script>alert(1)</script>", "<p>a</p>"],
    ["drops style, iframe, object, form", "<style>p{}</style><iframe src=x></iframe><object></object><form><input></form>b", "b"],
    ["removes event handlers", '<p onclick="x()" onmouseover="y()">hi</p>', "<p>hi</p>"],
    ["removes javascript: links", '<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ["removes obfuscated javascript: links", '<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    [
      "keeps safe links, opening them safely",
      '<a href="https://a.example/">x</a>',
      '<a href="https://a.example/" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    ],
    ["holds back remote images", '<img src="https://t.example/p.gif" alt="">', '<img alt="" data-remote-src="https://t.example/p.gif">'],
    ["keeps cid images as references", '<img src="cid:logo@x">', '<img data-cid="logo@x">'],
    ["drops data: and other image sources", '<img src="data:image/png;base64,AAAA">', "<img>"],
    ["unwraps unknown tags, keeping text", "<custom-tag><section>text</section></custom-tag>", "text"],
    ["drops style and class attributes", '<div style="background:url(https://t.example)" class="x">d</div>', "<div>d</div>"],
    ["drops comments (conditional comments too)", "<!--[if mso]><img src=https://t.example><![endif]-->ok", "ok"],
    [
      "keeps tables and formatting",
      '<table border="1"><tr><td colspan="2"><b>x</b></td></tr></table>',
      '<table border="1"><tr><td colspan="2"><b>x</b></td></tr></table>',
    ],
  ])("%s", async (_name, input, expected) => {
    expect(await sanitizeEmailHtml(input)).toBe(expected);
  });
});

describe("htmlToText", () => {
  it.each([
    ["paragraphs and line breaks", "<p>Hello<br>there</p><p>Bye</p>", "Hello\nthere\n\nBye"],
    ["entities", "Fish &amp; chips &lt;3 &#8364;5 &#x263A; &nbsp;ok", "Fish & chips <3 €5 ☺ ok"],
    ["no script or style text", "<style>p{color:red}</style><script>alert(1)</script>Text", "Text"],
    ["list items", "<ul><li>one</li><li>two</li></ul>", "- one\n- two"],
    ["table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"],
  ])("%s", (_name, input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it("escapeHtml escapes what HTML would interpret", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("quoted history markers", () => {
  it.each([
    ["Gmail", '<div class="gmail_quote"><div class="gmail_attr">On Tue wrote:</div><blockquote class="gmail_quote">old</blockquote></div>'],
    ["Outlook", '<div id="appendonsend"></div><hr><div id="divRplyFwdMsg">From: Northwind</div>'],
    ["Apple Mail", '<blockquote type="cite"><div>old</div></blockquote>'],
    ["Yahoo", '<div class="yahoo_quoted">old</div>'],
    ["Thunderbird", '<div class="moz-cite-prefix">On Tue wrote:</div>'],
  ])("%s's quote becomes data-quote, and its class or id is still removed", async (_client, html) => {
    const out = await sanitizeEmailHtml(`<p>New words</p>${html}`);
    expect(out).toContain("data-quote");
    expect(out).not.toMatch(/\s(class|id|type)=/);
  });
});
