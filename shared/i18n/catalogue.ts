// The message catalogue: English is the source, one JSON file per part of the product (namespace). Keys are typed
// from it (extension/lib/i18n-types.d.ts); the other languages have the same files (test/extension/i18n.test.ts
// fails on any missing key or placeholder). Plural keys follow i18next: `_one`, `_other` (+ what a language needs).
import activity from "./en/activity.json";
import bulk from "./en/bulk.json";
import common from "./en/common.json";
import composer from "./en/composer.json";
import customer from "./en/customer.json";
import inbox from "./en/inbox.json";
import orders from "./en/orders.json";
import reports from "./en/reports.json";
import settings from "./en/settings.json";
import signin from "./en/signin.json";
import ticket from "./en/ticket.json";
import widget from "./en/widget.json";

export const en = { activity, bulk, common, composer, customer, inbox, orders, reports, settings, signin, ticket, widget };
export type Catalogue = typeof en;
export const NAMESPACES = Object.keys(en) as (keyof Catalogue)[];
