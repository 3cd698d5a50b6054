// The demo workspace's fixed content: staff, customers, and the conversations seed.mjs replays.
// All names, emails (example.* domains) and phone numbers (555-01xx) are fictional.
import { demoPng } from "./lib/demo-image.mjs";

export const WORKSPACE = { name: "Northwind Outfitters", timezone: "America/New_York" };
export const BRAND_NUMBER = "+12025550199";
export const SUPPORT_ADDRESS = "support@northwind.example";
/** Local-only provider secrets: the seed signs its webhooks with them. */
export const DEMO_SECRETS = { twilioAuthToken: "demo-twilio-auth-token", eventsSigningSecret: "demo-events-signing-secret" };

export const STAFF = {
  owner: { name: "Jordan Reyes", email: "jordan@northwind.example", role: "owner" },
  admin: { name: "Elena Park", email: "elena@northwind.example", role: "admin" },
  sam: { name: "Sam Whitfield", email: "sam@northwind.example", role: "support" },
  nadia: { name: "Nadia Flores", email: "nadia@northwind.example", role: "support" },
};

const NAMES = [
  "Maria Gonzalez",
  "James Whitaker",
  "Aisha Mohammed",
  "Daniel Kim",
  "Priya Raman",
  "Tom O'Brien",
  "Keisha Williams",
  "Lucas Ferreira",
  "Hannah Schultz",
  "Diego Alvarez",
  "Mei Chen",
  "Robert Johnson",
  "Fatima Haddad",
  "Ethan Brooks",
  "Sofia Rossi",
  "Marcus Bell",
  "Yuki Tanaka",
  "Olivia Nguyen",
  "Samuel Okafor",
  "Chloe Dubois",
  "Andre Thompson",
  "Isabella Martinez",
  "Noah Patel",
  "Grace Lee",
  "Omar Siddiqui",
  "Emily Carter",
  "Jamal Washington",
  "Anna Kowalski",
  "Liam Murphy",
  "Zoe Anderson",
  "Rafael Costa",
  "Nina Petrova",
  "Kevin Nguyen",
  "Leah Goldberg",
  "Carlos Ramirez",
  "Abigail Foster",
  "Tariq Hassan",
  "Megan Sullivan",
  "Victor Huang",
  "Rosa Delgado",
];
const DOMAINS = ["example.com", "example.net", "example.org"];

/** 40 customers with phones +1 202-555-0100 … 0139; every ninth has no email on file. */
export const PROFILES = NAMES.map((name, i) => {
  const [first, last] = name.toLowerCase().replace(/'/g, "").split(" ");
  return {
    name,
    phone: `+1202555${String(100 + i).padStart(4, "0")}`,
    email: i % 9 === 8 ? undefined : `${first}.${last}@${DOMAINS[i % 3]}`,
  };
});

/**
 * Conversations, replayed in order. Steps: ["in", text] customer SMS (signed Twilio webhook);
 * ["reply"|"note", staffKey, text]; ["flow"|"campaign", name, text] outbound via the events API (feeds attribution).
 * `pre` are keyword texts sent before the conversation; `end` is applied last (patch, favorite, status).
 */
export const THREADS = [
  {
    p: 0,
    pre: ["START"],
    steps: [
      ["in", "Hi! I ordered the Trailblazer 45L backpack last Tuesday (order #1042) and tracking hasn't updated in 4 days. Is it lost?"],
      ["note", "sam", "Carrier shows it stuck at the Memphis hub. Opened a trace with UPS, ref 1Z-88412."],
      [
        "reply",
        "sam",
        "Hi Maria, Sam from Northwind here. Sorry for the wait! Your package is held at the carrier's Memphis hub; I've opened a trace and will update you by tomorrow.",
      ],
      ["in", "Thanks Sam. I need it before a trip on the 14th, is that still possible?"],
      ["reply", "sam", "If it hasn't moved by tomorrow noon I'll ship a replacement overnight at no cost to you."],
    ],
    end: {
      assignee: "sam",
      tags: ["shipping/delayed", "vip"],
      followers: ["owner"],
      description: "Order #1042 stuck at the Memphis hub. #ups-trace #vip",
      favoriteBy: "owner",
      status: "open",
    },
  },

  {
    p: 1,
    pre: ["START"],
    steps: [
      [
        "flow",
        "Abandoned Cart",
        "Northwind: you left the Summit Down Jacket in your cart. Use code COMEBACK10 for 10% off today: https://northwind.example/cart",
      ],
      ["in", "Does COMEBACK10 work on sale items too?"],
      [
        "reply",
        "nadia",
        "Hi James! The code works on full-price items only, but the Summit jacket is already 20% off this week, so you're getting the better deal.",
      ],
      ["in", "Ok great, ordering now 👍"],
    ],
    end: { assignee: "nadia", tags: ["sales/discount-code"], description: "Converted from #abandoned-cart flow", status: "closed" },
  },

  {
    p: 2,
    pre: ["START"],
    steps: [
      [
        "campaign",
        "Spring Sale 2025",
        "Northwind Spring Sale: 25% off all hiking boots through Sunday. Shop: https://northwind.example/spring Reply STOP to opt out.",
      ],
      ["in", "Do the Ridgeline boots run true to size? I'm usually an 8.5 in sneakers"],
      ["reply", "admin", "Hi Aisha, the Ridgeline runs about half a size small, so we'd recommend a 9. Exchanges are free if they don't fit!"],
      ["in", "Perfect, I'll get the 9. Is the sale price applied automatically?"],
    ],
    end: { assignee: "admin", tags: ["product/sizing", "sales/spring-sale"], description: "#sizing question from the spring campaign", status: "open" },
  },

  {
    p: 3,
    pre: ["START"],
    steps: [
      ["in", "I received the wrong color tent. I ordered the Basecamp 4P in olive and got orange."],
      ["note", "owner", "Warehouse mispick, third this week from bin C14. Elena, can you flag it with ops?"],
      ["reply", "owner", "Hi Daniel, so sorry about that! I've emailed you a prepaid return label and the olive tent ships today."],
      ["in", "Got the label, thanks!"],
    ],
    end: {
      assignee: "owner",
      tags: ["returns", "fulfillment/mispick"],
      followers: ["admin"],
      description: "Mispick from bin C14. Waiting for the return scan. #warehouse #mispick",
      status: "snoozed",
      preset: "next_week",
    },
  },

  {
    p: 4,
    pre: ["START"],
    steps: [
      ["in", "I was charged twice for order #1057!"],
      [
        "reply",
        "admin",
        "Hi Priya, I see a duplicate authorization of $89.00. The second one is a pending hold and should drop off within 3-5 business days. If it posts, I'll refund it right away.",
      ],
      ["in", "It posted this morning. Can you refund it please?"],
      ["note", "admin", "Refunded $89.00 in Shopify, ref RF-2211."],
      ["reply", "admin", "Done! A refund of $89.00 is on its way; you'll see it in 5-10 business days."],
    ],
    end: { assignee: "admin", tags: ["billing/refund", "billing/duplicate-charge"], description: "#refund issued, ref RF-2211", status: "closed" },
  },

  {
    p: 5,
    pre: ["START"],
    steps: [["in", "Do you price match REI? Same Basecamp tent is $40 cheaper there."]],
    end: { tags: ["sales/price-match"], status: "open" },
  },

  {
    p: 6,
    pre: ["START"],
    steps: [
      ["in", "Hi, my order says delivered but it's not at my door or with my neighbors"],
      [
        "reply",
        "sam",
        "Hi Keisha, I'm sorry! Carriers sometimes mark packages delivered up to 48 hours early. Could you check again tomorrow? If it's still missing I'll file a claim and reship.",
      ],
      ["in", "Ok I'll check tomorrow"],
    ],
    end: {
      assignee: "sam",
      tags: ["shipping/missing"],
      description: "Marked delivered, not received. #carrier-claim if still missing",
      status: "snoozed",
      preset: "tomorrow",
    },
  },

  {
    p: 7,
    pre: ["START"],
    steps: [
      ["in", "Can I change the shipping address on order #1063? I'm moving this weekend"],
      ["reply", "nadia", "Hi Lucas, the order hasn't shipped yet so I can update it. What's the new address?"],
      ["in", "221 Pine St Apt 4B, Portland OR 97204"],
      ["note", "nadia", "Address updated in the Shopify admin."],
      ["reply", "nadia", "All set: order #1063 will ship to 221 Pine St Apt 4B, Portland OR 97204."],
    ],
    end: { assignee: "nadia", tags: ["shipping/address-change"], status: "closed" },
  },

  {
    p: 8,
    pre: ["START"],
    steps: [
      ["in", "The zipper on my Alpine shell broke after two hikes 😞"],
      ["reply", "owner", "Hi Hannah, that shouldn't happen! Could you text us a photo of the zipper? It's covered by our lifetime warranty."],
      ["in", "Sending it now"],
    ],
    end: {
      assignee: "owner",
      tags: ["returns/warranty", "product/quality"],
      followers: ["sam"],
      description: "Zipper failure on the Alpine shell, second report this month. #quality #warranty",
      status: "open",
    },
  },

  {
    p: 9,
    pre: ["START"],
    steps: [
      ["in", "Hola, do you ship to Puerto Rico?"],
      ["reply", "sam", "Hi Diego! Yes, we ship to Puerto Rico with USPS Priority, usually 4-6 business days."],
    ],
    end: { assignee: "sam", tags: ["shipping/international"], status: "closed" },
  },

  {
    p: 10,
    pre: ["START"],
    steps: [
      ["in", "Is the Trailblazer 45L carry-on size for United?"],
      ["note", "admin", "Checking exact packed dimensions with the product team."],
    ],
    end: { assignee: "admin", tags: ["product/specs"], status: "snoozed", preset: "later_today" },
  },

  {
    p: 11,
    pre: ["START"],
    steps: [
      ["in", "I need to return the trekking poles, they're too short. How do I do that?"],
      [
        "reply",
        "nadia",
        "Hi Robert, you can start a return at https://northwind.example/returns with your order number and email. Returns are free within 60 days.",
      ],
      ["in", "Thanks. Can I exchange them for the longer ones instead?"],
    ],
    end: { assignee: "nadia", tags: ["returns/exchange"], status: "open" },
  },

  {
    p: 12,
    pre: ["START"],
    steps: [
      ["in", "When will the Cascade rain jacket in women's M be back in stock?"],
      ["reply", "admin", "Hi Fatima, we expect a restock in about ten days. I'll text you the moment it's back!"],
    ],
    end: { assignee: "admin", tags: ["product/back-in-stock"], description: "Waiting on the Cascade restock. #backorder", status: "snoozed", untilDays: 10 },
  },

  {
    p: 13,
    pre: ["START"],
    steps: [
      ["in", "Got my order, everything looks great. Thanks!"],
      ["reply", "sam", "Glad to hear it, Ethan! Enjoy the trails 🏔️"],
    ],
    end: { assignee: "sam", tags: ["feedback/positive"], status: "closed" },
  },

  {
    p: 14,
    pre: ["START"],
    steps: [
      ["flow", "Welcome Series", "Welcome to Northwind, Sofia! Here's 15% off your first order: WELCOME15"],
      ["in", "Hi, WELCOME15 says invalid at checkout"],
    ],
    end: { tags: ["sales/discount-code"], favoriteBy: "admin", status: "open" },
  },

  {
    p: 15,
    pre: ["START"],
    steps: [
      ["in", "My package arrived damaged. The box was crushed and the lantern glass is cracked."],
      ["note", "sam", "Asked for photos before we file with FedEx."],
      [
        "in",
        "Here are the photos of the box and the lantern",
        null,
        [
          // Photos the phone sends: the seed puts them on the dev fake of Twilio's media edge and sends their MediaUrls.
          [demoPng(320, 240, [139, 90, 43], [222, 184, 135]), "image/png"],
          [demoPng(240, 320, [40, 60, 90], [180, 200, 220]), "image/png"],
        ],
      ],
    ],
    end: { tags: ["shipping/damaged"], followers: ["sam", "nadia"], description: "#damaged in transit, photos requested", status: "open" },
  },

  {
    p: 16,
    pre: ["START"],
    steps: [
      ["in", "Can I add a gift note to my order? It's a birthday present"],
      ["reply", "owner", "Of course, Yuki! Text me the message and I'll add it before it ships."],
      ["in", "Happy birthday Kenji, see you on the trail! - Y"],
      ["reply", "owner", "Added! 🎁"],
    ],
    end: { assignee: "owner", tags: ["orders/gift"], status: "closed" },
  },

  // No consent: the auto-responder answers; agents can only leave notes.
  {
    p: 17,
    steps: [
      ["in", "Where is my order #1071?"],
      ["note", "sam", "No SMS consent, so I emailed her the tracking link instead."],
      ["in", "Never mind, found the email!"],
    ],
    end: { assignee: "sam", tags: ["shipping/tracking"], status: "closed" },
  },
  { p: 18, steps: [["in", "Do you have a store in Chicago?"]], end: { tags: ["stores"], status: "open" } },
  {
    p: 19,
    steps: [
      ["in", "I want to cancel my order please"],
      ["note", "admin", "Can't text back (no consent). Cancelled order #1075 in Shopify; confirmation email sent."],
    ],
    end: { assignee: "admin", tags: ["orders/cancel"], status: "closed" },
  },
  { p: 20, steps: [["in", "Is there a warranty on the camp stove?"]], end: { tags: ["product/warranty"], status: "open" } },

  // Keyword cases.
  { p: 34, pre: ["HELP"], steps: [["in", "My discount code isn't working"]], end: { tags: ["sales/discount-code"], status: "open" } },
  {
    p: 35,
    pre: ["START", "HELP"],
    steps: [
      ["in", "What are your customer service hours?"],
      ["reply", "nadia", "Hi Abigail! We're here 9am-6pm ET, Monday to Saturday."],
    ],
    end: { assignee: "nadia", status: "closed" },
  },
  {
    p: 37,
    steps: [
      ["in", "Why am I getting these texts?"],
      ["in", "STOP"],
      ["note", "owner", "Customer opted out by replying STOP. Nothing else to do."],
    ],
    end: { tags: ["compliance/opt-out"], status: "closed" },
  },
  {
    p: 38,
    pre: ["START"],
    steps: [
      [
        "campaign",
        "Spring Sale 2025",
        "Northwind Spring Sale: 25% off all hiking boots through Sunday. Shop: https://northwind.example/spring Reply STOP to opt out.",
      ],
      ["in", "STOP"],
    ],
  },
  { p: 39, pre: ["START"], steps: [["in", "Do you offer student discounts?"]], end: { status: "open" } },
  { p: 33, pre: ["HELP"], steps: [] },
  { p: 36, pre: ["STOP"], steps: [] },
];

/** Short one-message tickets for the remaining customers (21–32), picked by the seeded PRNG. */
export const OPENERS = [
  ["Do you have the Ridgeline boots in wide sizes?", ["product/sizing"]],
  ["My tracking number doesn't work on the UPS site", ["shipping/tracking"]],
  ["Can I use two discount codes on one order?", ["sales/discount-code"]],
  ["I returned a jacket two weeks ago and haven't seen the refund yet", ["billing/refund", "returns"]],
  ["Is the Basecamp 4P tent waterproof?", ["product/specs"]],
  ["Hi, how long does standard shipping take to Texas?", ["shipping"]],
  ["The sleeping bag I got smells like smoke??", ["product/quality", "returns"]],
  ["Do you sell gift cards?", ["sales"]],
  ["I'd like to update the email on my account", ["account"]],
  ["Can I pick up my order in store?", ["stores"]],
  ["My package was left at the wrong address", ["shipping/missing"]],
  ["Do you have kids' sizes of the Summit jacket?", ["product/sizing"]],
];

/** Activity per customer: [metric, properties, hoursAgo]. Everyone also gets a first "Viewed Page". */
export const PAGES = [
  ["Trailblazer 45L Backpack", "/products/trailblazer-45l"],
  ["Summit Down Jacket", "/products/summit-down-jacket"],
  ["Ridgeline Hiking Boots", "/products/ridgeline-boots"],
  ["Basecamp 4P Tent", "/products/basecamp-4p"],
  ["Cascade Rain Jacket", "/products/cascade-rain-jacket"],
  ["Returns & Exchanges", "/pages/returns"],
];

/**
 * Inbound emails posted to the local email handler (one from an SMS customer: several tickets per customer), each at its
 * own time and ending in every status. `html` and `attachments` make a multipart message as mail clients send it.
 */
export const EMAILS = [
  {
    from: "Maria Gonzalez <maria.gonzalez@example.com>",
    subject: "Invoice for order #1042",
    messageId: "<seed-1@mail.example.com>",
    hoursAgo: 20,
    text: "Hello,\n\nCould you send me an itemized invoice for order #1042? My company reimburses gear for work trips.\n\nThanks,\nMaria",
    end: { status: "open" },
  },
  {
    from: "Peter Lindqvist <peter.lindqvist@example.org>",
    subject: "Bulk order for our hiking club",
    messageId: "<seed-2@mail.example.org>",
    hoursAgo: 9 * 24,
    text: "Hi Northwind,\n\nOur club would like to order 25 Trailblazer 45L backpacks. Do you offer group discounts?\n\nBest,\nPeter",
    reply: ["nadia", "Hi Peter, thanks for reaching out! For 20+ units we offer 15% off. I'll send a quote today."],
    end: { status: "closed", assignee: "nadia" },
  },
  {
    from: "Chloe Dubois <chloe.dubois@example.net>",
    subject: "Broken tent pole (photo and receipt attached)",
    messageId: "<seed-3@mail.example.org>",
    hoursAgo: 26,
    text: "Hi,\n\nOne of the poles of my Basecamp 4P snapped on the first night. Photo below, receipt attached.\n\nChloe",
    html: `<p>Hi,</p><p>One of the poles of my <b>Basecamp 4P</b> snapped on the first night. Photo below, receipt attached.</p><p><img src="cid:pole-photo@seed" alt="Snapped tent pole" width="240"></p><p>Chloe</p>`,
    attachments: [
      { name: "pole.png", type: "image/png", cid: "pole-photo@seed", base64: demoPng(240, 160, [92, 74, 52], [214, 196, 160]).toString("base64") },
      {
        name: "receipt-1088.pdf",
        type: "application/pdf",
        base64: "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK",
      },
    ],
    reply: ["sam", "Hi Chloe, so sorry! A replacement pole set ships today; I'll check in once it's delivered."],
    // Wakes a few minutes after npm start, so the demo shows a snoozed ticket coming back on time.
    end: { status: "snoozed", untilMinutes: 5, assignee: "sam" },
  },
  {
    from: "Victor Huang <victor.huang@example.org>",
    subject: "Return label please",
    messageId: "<seed-4@mail.example.org>",
    hoursAgo: 17 * 24,
    text: "Hello, the Ridgeline boots are a size too small. Could you send me a return label?\n\nVictor",
    reply: ["admin", "Hi Victor, here's your prepaid label: https://northwind.example/returns/label/RL-5531. Refund within 3 days of the scan."],
    end: { status: "closed", assignee: "admin" },
  },
  {
    from: "Rosa Delgado <rosa.delgado@example.com>",
    subject: "Wholesale catalogue",
    messageId: "<seed-5@mail.example.com>",
    hoursAgo: 4 * 24,
    text: "Hi there, do you have a wholesale catalogue for outdoor shops? We're in Santa Fe.\n\nRosa",
    reply: ["owner", "Hi Rosa! Our wholesale lead is back Monday; I'll get you the catalogue then."],
    end: { status: "snoozed", preset: "next_week", assignee: "owner" },
  },
];

/** Saved replies with the variables the composer fills in ({{first_name}}, {{name}}). */
export const QUICK_REPLIES = [
  { title: "Shipping times", text: "Hi {{first_name}}, orders ship within 1 business day and arrive in 3 to 5 business days in the US." },
  {
    title: "Return policy",
    text: "Hi {{first_name}}, you can return unworn items within 60 days for a full refund. Start here: https://northwind.example/returns",
  },
  { title: "Tracking link", text: "Hi {{first_name}}, here's your tracking link: <paste link>. It can take 24 hours to show the first scan." },
  { title: "Thanks, closing", text: "Thanks {{name}}! I'll close this conversation now; just reply if anything else comes up." },
];

/** The macros a shop sets up first (issue 12): tracking, an apology code, cancel and refund, address change. */
export const MACROS = [
  {
    name: "Where is my order",
    message: {
      kind: "reply",
      text: "Hi {{customer.first_name}}, your order {{order.number}} is on its way. You can follow it here: {{order.tracking_link}}",
    },
    addTags: ["wismo"],
    status: { to: "snoozed", preset: "tomorrow" },
  },
  {
    name: "Sorry — 10 % off your next order",
    message: {
      kind: "reply",
      text: "Hi {{customer.first_name}}, we're sorry about this. Here is 10% off your next order, valid for 30 days: {{discount.code}}",
    },
    orderAction: { kind: "discount", discountKind: "percentage", value: 10, expiresInDays: 30, reason: "Apology" },
  },
  {
    name: "Cancel and refund",
    message: {
      kind: "reply",
      text: "Hi {{customer.first_name}}, order {{order.number}} is cancelled and refunded. The money is back on your card in 5 to 10 days.",
    },
    addTags: ["cancelled"],
    status: { to: "closed" },
    orderAction: { kind: "cancel", refund: true, restock: true, notifyCustomer: true, reason: "customer" },
  },
  {
    name: "Address change",
    message: { kind: "reply", text: "Done, {{customer.first_name}}: order {{order.number}} will ship to the new address." },
    addTags: ["address-change"],
    orderAction: { kind: "address" },
  },
];

/** Refunds and discounts agents give on their own; above this an admin or the owner approves. */
export const ORDER_LIMITS = {
  support: { refund: 50, discount: 25, discountPercent: 15 },
  manager: { refund: 200, discount: 100, discountPercent: 30 },
  admin: { refund: null, discount: null, discountPercent: null },
};

/** The rules a shop starts with (issue 13). Event rules are added before the demo conversations, so those show them at
 *  work; waiting rules after, so the sweep sets them on the open tickets (none of which waits 5 days). */
export const EVENT_RULES = [
  {
    name: "Refund requests to billing",
    trigger: { type: "customer_message" },
    conditions: [{ field: "text", op: "contains_any", words: ["refund", "money back", "reembolso", "rimborso", "환불"] }],
    actions: [{ type: "add_tags", tags: ["billing/refund"] }],
  },
  {
    name: "Chats outside business hours",
    trigger: { type: "ticket_created" },
    match: "all",
    conditions: [
      { field: "channel", in: ["webchat"] },
      { field: "business_hours", is: false },
    ],
    actions: [
      { type: "add_tags", tags: ["after-hours"] },
      { type: "add_note", text: "Arrived outside business hours: the customer got the out-of-hours reply." },
    ],
  },
  {
    name: "VIP customers",
    trigger: { type: "ticket_created" },
    conditions: [{ field: "lifetime_value", op: "at_least", value: 300 }],
    actions: [{ type: "add_tags", tags: ["vip"] }],
  },
  {
    name: "Crypto spam",
    trigger: { type: "ticket_created" },
    conditions: [{ field: "text", op: "contains_any", words: ["bitcoin", "crypto giveaway"] }],
    actions: [{ type: "mark_spam" }],
  },
];

export const WAITING_RULES = [
  {
    name: "Waiting over 2 hours",
    trigger: { type: "no_agent_reply", minutes: 120 },
    actions: [{ type: "add_tags", tags: ["slow-reply"] }],
  },
  {
    name: "Auto-close after 5 days without an answer",
    trigger: { type: "no_customer_reply", hours: 120 },
    actions: [{ type: "add_note", text: "Closed by the auto-close rule: no answer from the customer in 5 days." }, { type: "close" }],
  },
];

/** Two SLA policies: VIP tickets answered within 15 minutes; everyone else within 4 business hours. */
export const SLA = {
  policies: [
    { name: "VIP", tags: ["vip"], firstResponseMinutes: 15, resolutionMinutes: 8 * 60 },
    { name: "Standard", firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 24 * 60, businessHours: true },
  ],
  soonMinutes: 30,
};

/** Satisfaction surveys on every channel, an hour after the close (the seed asks at once, then sets the hour). */
export const CSAT = { channels: ["sms", "email", "webchat"], delayMinutes: 60 };

/** Answers some customers gave (score, comment). */
export const SURVEY_ANSWERS = [
  [5, "Super quick, thank you!"],
  [4, ""],
  [5, ""],
  [2, "Took three days to hear back about my refund."],
  [5, "Nadia sorted it in minutes."],
  [3, ""],
  [4, "Good, but I had to explain the order twice."],
  [5, ""],
];
