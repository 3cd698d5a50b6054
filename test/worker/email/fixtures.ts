// Raw MIME messages as mail servers deliver them (CRLF line ends), one per wire-format case the email() handler must read.
const crlf = (lines: string[]) => lines.join("\r\n");
const head = (o: { from: string; to: string; subject: string; id: string; extra?: string[] }) => [
  "Return-Path: <bounce@mail.example>",
  "Received: from mx.example (mx.example [192.0.2.1]) by mx.cloudflare.net; Tue, 2 Jun 2026 10:00:00 +0000",
  `From: ${o.from}`,
  `To: ${o.to}`,
  `Subject: ${o.subject}`,
  "Date: Tue, 2 Jun 2026 10:00:00 +0000",
  `Message-ID: <${o.id}>`,
  ...(o.extra ?? []),
  "MIME-Version: 1.0",
];

export interface Addr {
  from: string;
  to: string;
}

export const plainText = (
  a: Addr,
  id: string,
  subject = "Where is my order?",
  body = "Hi,\r\nmy order #1001 has not arrived yet.\r\n\r\nThanks, Jane",
  extra: string[] = [],
) =>
  crlf([...head({ from: a.from, to: a.to, subject, id, extra }), "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 7bit", "", body, ""]);

export const reply = (a: Addr, id: string, inReplyTo: string, references: string[], subject: string, body: string) =>
  plainText(a, id, subject, body, [`In-Reply-To: <${inReplyTo}>`, `References: ${references.map((r) => `<${r}>`).join("\r\n ")}`]);

export const alternative = (a: Addr, id: string) =>
  crlf([
    ...head({ from: a.from, to: a.to, subject: "Size exchange", id }),
    'Content-Type: multipart/alternative; boundary="alt-b0undary"',
    "",
    "--alt-b0undary",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Can I exchange the shirt for a size M? =E2=80=94 Jane",
    "",
    "--alt-b0undary",
    "Content-Type: text/html; charset=UTF-8",
    "",
    "<p>Can I exchange the shirt for a <b>size M</b>? &mdash; Jane</p>",
    "",
    "--alt-b0undary--",
    "",
  ]);

export const htmlOnly = (a: Addr, id: string) =>
  crlf([
    ...head({ from: a.from, to: a.to, subject: "Newsletter reply", id }),
    "Content-Type: text/html; charset=UTF-8",
    "",
    "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>",
    '<p onclick="steal()">Hello&nbsp;team,</p><p>The <a href="javascript:alert(1)">link</a> is broken, see <a href="https://shop.example/help">help</a>.</p>',
    '<img src="https://tracker.example/open.gif?u=42" width="1" height="1"><ul><li>one</li><li>two</li></ul>',
    '<script>document.cookie</script><iframe src="https://evil.example"></iframe></body></html>',
    "",
  ]);

export const latin1QuotedPrintable = (a: Addr, id: string) =>
  crlf([
    ...head({ from: a.from, to: a.to, subject: "=?ISO-8859-1?Q?Bestellung_f=FCr_M=FCller?=", id }),
    "Content-Type: text/plain; charset=ISO-8859-1",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Gr=FC=DFe aus K=F6ln! Die Gr=F6=DFe passt nicht, bitte umtauschen. Sch=F6nen =",
    "Tag noch.",
    "",
  ]);

// "Café order – “fast” please, total €5" in Windows-1252, base64.
export const windows1252Base64 = (a: Addr, id: string) =>
  crlf([
    ...head({ from: a.from, to: a.to, subject: "Order", id }),
    "Content-Type: text/plain; charset=windows-1252",
    "Content-Transfer-Encoding: base64",
    "",
    "Q2Fm6SBvcmRlciCWIJNmYXN0lCBwbGVhc2UsIHRvdGFsIIA1",
    "",
  ]);

// "こんにちは。注文番号 #1001 の配送について質問があります。" in Shift_JIS, base64.
export const shiftJisBase64 = (a: Addr, id: string) =>
  crlf([
    ...head({ from: a.from, to: a.to, subject: "=?ISO-2022-JP?B?GyRCQ21KOCRON28bKEI=?=", id }),
    "Content-Type: text/plain; charset=Shift_JIS",
    "Content-Transfer-Encoding: base64",
    "",
    "grGC8YLJgr+CzYFCko2VtpTUjYYgIzEwMDEggsyUepGXgsmCwoKigsSOv5bigqqCoILogtyCt4FC",
    "",
  ]);

export const withAttachments = (a: Addr, id: string) =>
  crlf([
    ...head({ from: a.from, to: a.to, subject: "Invoice attached", id }),
    'Content-Type: multipart/mixed; boundary="mixed-XYZ"',
    "",
    "--mixed-XYZ",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Please see the invoice and photo attached.",
    "",
    "--mixed-XYZ",
    'Content-Type: application/pdf; name="invoice-1001.pdf"',
    'Content-Disposition: attachment; filename="invoice-1001.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    "JVBERi0xLjQgZmFrZSBpbnZvaWNlIGJ5dGVzIDAxMjM0NTY3ODk=",
    "",
    "--mixed-XYZ",
    'Content-Type: image/png; name="=?UTF-8?Q?d=C3=A9g=C3=A2t.png?="',
    'Content-Disposition: attachment; filename="=?UTF-8?Q?d=C3=A9g=C3=A2t.png?="',
    "Content-Transfer-Encoding: base64",
    "",
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiYw==",
    "",
    "--mixed-XYZ--",
    "",
  ]);

/** A delivery status notification (RFC 3464) for one of our outgoing messages. */
export const bounceReport = (to: string, originalId: string, id: string) =>
  crlf([
    ...head({ from: "Mail Delivery System <MAILER-DAEMON@mx.example>", to, subject: "Undelivered Mail Returned to Sender", id }),
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-1"',
    "",
    "--dsn-1",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "Your message could not be delivered.",
    "",
    "--dsn-1",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example",
    "",
    "Final-Recipient: rfc822; gone@customer.example",
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
    "",
    "--dsn-1",
    "Content-Type: text/rfc822-headers",
    "",
    "From: Shop <support@shop.example>",
    "To: gone@customer.example",
    `Message-ID: <${originalId}>`,
    "Subject: Re: Where is my order?",
    "",
    "--dsn-1--",
    "",
  ]);
