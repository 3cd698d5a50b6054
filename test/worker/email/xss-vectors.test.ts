// Email HTML is hostile input. The sanitizer's allowlist against the filter-evasion shapes catalogued by OWASP's XSS
// Filter Evasion Cheat Sheet and html5sec.org (written out here, not copied): whatever goes in, the output — parsed
// again by the same HTML parser the browser-grade runtime uses — has no script or active element, no event handler,
// no style, and no javascript:, vbscript: or data: URL in any URL-carrying attribute.
import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "../../../worker/src/domain/sanitize-html";
import { deliver, detail, emailWorkspace, ticketIdOf, uid } from "./email-helpers";

const VECTORS: [string, string][] = [
  ["plain script", "<script>alert(1)</script>"],
  ["script with src", '<script src="https://evil.example/x.js"></script>'],
  ["split script tag", "<scr<script>ipt>alert(1)</scr</script>ipt>"],
  ["nested angle", "<<script>alert(1);//<</script>"],
  ["img onerror", "<img src=x onerror=alert(1)>"],
  ["img onerror, slash separator", "<img/src=x/onerror=alert(1)>"],
  ["img onerror, no quotes or spaces", "<img src=x onerror=alert`1`>"],
  ["img onerror, upper case", '<IMG SRC=x ONERROR="alert(1)">'],
  ["img onerror, newline in attribute gap", "<img\nsrc=x\nonerror\n=\nalert(1)>"],
  ["img onerror, entity-encoded value", '<img src=x onerror="&#97;lert(1)">'],
  ["img javascript src", '<img src="javascript:alert(1)">'],
  ["img javascript src, tab inside", '<img src="jav\tascript:alert(1)">'],
  ["img vbscript src", "<img src='vbscript:msgbox(1)'>"],
  ["img dynsrc and lowsrc", '<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(1)">'],
  ["svg onload", "<svg onload=alert(1)>"],
  ["svg with script", "<svg><script>alert(1)</script></svg>"],
  ["svg animate href", "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>"],
  ["math mglyph mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"],
  ["body onload", "<body onload=alert(1)>"],
  ["frameset", "<frameset onload=alert(1)>"],
  ["iframe javascript", '<iframe src="javascript:alert(1)"></iframe>'],
  ["iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ["object data", '<object data="javascript:alert(1)"></object>'],
  ["embed src", '<embed src="data:text/html,<script>alert(1)</script>">'],
  ["link javascript href", '<a href="javascript:alert(1)">x</a>'],
  ["link, leading space and case", '<a href="  JaVaScRiPt:alert(1)">x</a>'],
  ["link, decimal entities", '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
  [
    "link, padded decimal entities",
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  ],
  ["link, hex entities", '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>'],
  ["link, embedded tab", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ["link, embedded newline", '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ["link, null byte", '<a href="java\u0000script:alert(1)">x</a>'],
  ["link, data html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ["link, vbscript", '<a href="vbscript:msgbox(1)">x</a>'],
  ["link, onclick beside a safe href", '<a href="https://shop.example/" onclick="alert(1)">x</a>'],
  ["link, xlink href", '<a xlink:href="javascript:alert(1)">x</a>'],
  ["form action", '<form action="javascript:alert(1)"><button>go</button></form>'],
  ["button formaction", '<button formaction="javascript:alert(1)">go</button>'],
  ["input autofocus onfocus", "<input autofocus onfocus=alert(1)>"],
  ["details ontoggle", "<details open ontoggle=alert(1)>"],
  ["marquee onstart", "<marquee onstart=alert(1)>x</marquee>"],
  ["video source onerror", "<video><source onerror=alert(1)></video>"],
  ["audio src onerror", "<audio src=x onerror=alert(1)>"],
  ["style tag import", "<style>@import 'javascript:alert(1)';</style>"],
  ["style attribute expression", '<div style="width: expression(alert(1))">x</div>'],
  ["style attribute url", '<div style="background:url(javascript:alert(1))">x</div>'],
  ["base href", '<base href="javascript:alert(1)//">'],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["link stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'],
  ["table background", '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>'],
  ["td background", '<table><tr><td background="javascript:alert(1)">x</td></tr></table>'],
  ["unknown element handler", "<x onclick=alert(1)>click</x>"],
  ["custom element", "<my-widget onmouseover=alert(1)>x</my-widget>"],
  ["comment breakout", "<!--<img src=x onerror=alert(1)>-->"],
  ["conditional comment", "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->"],
  ["cdata", "<![CDATA[<script>alert(1)</script>]]>"],
  ["template content", "<template><img src=x onerror=alert(1)></template>"],
  ["noscript mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ["textarea breakout", "<textarea></textarea><img src=x onerror=alert(1)>"],
  ["title breakout", "<title></title><img src=x onerror=alert(1)></title>"],
  ["attribute quote breakout", '<p title="x"onmouseover="alert(1)">x</p>'],
  ["unclosed tag handler", "<img src=x onerror=alert(1)"],
  ["srcset javascript", '<img srcset="javascript:alert(1) 1x">'],
  ["area href", '<map><area href="javascript:alert(1)"></map>'],
  ["isindex", "<isindex type=image src=1 onerror=alert(1)>"],
  ["object param", '<object><param name="movie" value="javascript:alert(1)"></object>'],
];

const URL_ATTRS = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "background", "dynsrc", "lowsrc", "srcset", "poster", "srcdoc"]);
const ACTIVE = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "style",
  "link",
  "meta",
  "base",
  "form",
  "svg",
  "math",
  "frameset",
  "frame",
  "applet",
  "template",
  "input",
  "button",
  "textarea",
  "video",
  "audio",
  "source",
]);

/** Entity-decodes and strips what browsers ignore inside a URL scheme (controls and whitespace). */
function normalizedUrl(value: string): string {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these inside a scheme, so must we
  return decoded.replace(/[\u0000-\u0020]+/g, "").toLowerCase();
}

/** Parses the sanitized output again and lists everything that could run. */
async function findings(html: string): Promise<string[]> {
  const found: string[] = [];
  const scan = new HTMLRewriter().on("*", {
    element(el) {
      const tag = el.tagName.toLowerCase();
      if (ACTIVE.has(tag)) found.push(`<${tag}>`);
      for (const [name, value] of el.attributes as unknown as Iterable<[string, string]>) {
        const n = name.toLowerCase();
        if (n.startsWith("on")) found.push(`${tag}[${n}]`);
        if (n === "style") found.push(`${tag}[style]`);
        if (URL_ATTRS.has(n) && /^(javascript|vbscript|data):/.test(normalizedUrl(value))) found.push(`${tag}[${n}=${value}]`);
      }
    },
  });
  await scan.transform(new Response(html)).text();
  return found;
}

describe("email HTML sanitizer against XSS filter-evasion vectors", () => {
  it.each(VECTORS)("%s: nothing that can run survives", async (_name, vector) => {
    const clean = await sanitizeEmailHtml(`<div>before</div>${vector}<p>after</p>`);
    expect(await findings(clean), clean).toEqual([]);
    expect(clean).not.toMatch(/<\s*script|javascript:|vbscript:/i);
  });

  it("the checker itself finds what it looks for (a vector that was not sanitized fails)", async () => {
    expect(await findings('<img src=x onerror=alert(1)><a href="&#106;avascript:x">y</a><script></script>')).toEqual([
      "img[onerror]",
      "a[href=&#106;avascript:x]",
      "<script>",
    ]);
  });

  it("a hostile message through the email entry point keeps none of them, encoded as a mail client would send it", async () => {
    const ws = await emailWorkspace();
    const id = uid("xss");
    const html = `<html><body><p>Hello,</p>${VECTORS.map(([, v]) => `<div>${v}</div>`).join("\n")}<p>Thanks</p></body></html>`;
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(html))).replace(/.{76}/g, "$&\r\n");
    const raw = [
      "From: Mallory <mallory@evil.example>",
      `To: ${ws.inbound}`,
      "Subject: Order question",
      "Date: Tue, 2 Jun 2026 10:00:00 +0000",
      `Message-ID: <${id}>`,
      "MIME-Version: 1.0",
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64,
      "",
    ].join("\r\n");
    expect((await deliver("mallory@evil.example", ws.inbound, raw)).rejected).toBeNull();
    const inbound = (await detail(ws.owner.token, ticketIdOf(ws.id, id))).messages.filter((m) => m.kind === "inbound");
    expect(inbound).toHaveLength(1);
    const stored = inbound[0]?.email?.html ?? "";
    expect(stored).toContain("Thanks");
    expect(await findings(stored)).toEqual([]);
    expect(inbound[0]?.text).not.toMatch(/<\s*script/i);
  });
});
