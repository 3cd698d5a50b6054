// it: the same files as ../en, translated (see ../catalogue.ts).
import activity from "./activity.json";
import bulk from "./bulk.json";
import common from "./common.json";
import composer from "./composer.json";
import customer from "./customer.json";
import inbox from "./inbox.json";
import orders from "./orders.json";
import reports from "./reports.json";
import settings from "./settings.json";
import signin from "./signin.json";
import ticket from "./ticket.json";
import widget from "./widget.json";

export default { activity, bulk, common, composer, customer, inbox, orders, reports, settings, signin, ticket, widget };
