// The customer's place and time zone, filled from what is known and most precise first: the store's customer address,
// the web-chat visitor's location (request.cf), the phone's area code, its country. Quiet hours then use that zone.
import { SELF, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ProfileView } from "../../../shared/schemas";
import { ChatSession } from "../../../shared/schemas/chat";
import { BASE, getProfile, sendSms, type TestWorkspace } from "../helpers";
import { detail, firstTicket, smsWorkspace } from "../webhooks/sms-helpers";
import { customerPayload, postShopify, storeWorkspace } from "../store/store-helpers";

const profileOf = async (ws: TestWorkspace, id: string) => {
  const r = await getProfile(ws.support.token, id);
  return ProfileView.parse(r.json).profile;
};

describe("customer place", () => {
  it("reads an SMS number's country and North American area code, and quiet hours use that zone", async () => {
    const ws = await smsWorkspace({}, "America/New_York");
    await sendSms(ws.id, "+15035550142", "Is the Portland store open Sunday?"); // 503: Oregon
    const ticket = await firstTicket(ws.support.token);
    const profile = await profileOf(ws, ticket.profile.id);
    expect(profile).toMatchObject({
      country: "US",
      timezone: "America/Los_Angeles",
      placeSources: { location: "phone_area_code", timezone: "phone_area_code" },
    });
    expect((await detail(ws.support.token, ticket.id)).ticket.quietHours?.timezone).toBe("America/Los_Angeles");
  });

  it("reads a country that keeps one clock from the country code alone", async () => {
    const ws = await smsWorkspace();
    await sendSms(ws.id, "+390612345678", "Buongiorno, spedite in Italia?");
    const profile = await profileOf(ws, (await firstTicket(ws.support.token)).profile.id);
    expect(profile).toMatchObject({ country: "IT", timezone: "Europe/Rome" });
  });

  it("prefers the store's customer address, and a later, less precise source does not overwrite it", async () => {
    const ws = await storeWorkspace();
    const c = customerPayload({
      phone: "+12065550111",
      default_address: { city: "Seattle", province: "Washington", country_code: "US", phone: "(206) 555-0111" },
    });
    const res = await postShopify(ws.id, "customers/create", c);
    const profileId = (res.json as { profileId: string }).profileId;
    expect(await profileOf(ws, profileId)).toMatchObject({
      location: "Seattle, Washington",
      country: "US",
      timezone: "America/Los_Angeles",
      placeSources: { location: "store_address", timezone: "store_address" },
    });
    await sendSms(ws.id, "+12065550111", "hello"); // the same customer texts: the phone says less than the address
    expect((await profileOf(ws, profileId)).placeSources).toEqual({ location: "store_address", timezone: "store_address" });
    const kr = customerPayload({ id: 7_200_000_000_888, email: "minji@example.kr", phone: null, default_address: { city: "Seoul", country_code: "KR" } });
    const korean = (await postShopify(ws.id, "customers/create", kr)).json as { profileId: string };
    expect(await profileOf(ws, korean.profileId)).toMatchObject({ location: "Seoul", country: "KR", timezone: "Asia/Seoul" });
  });

  it("takes a web-chat visitor's location from the request as Cloudflare describes it", async () => {
    const ws = await smsWorkspace();
    const res = await SELF.fetch(`${BASE}/chat/${ws.id}/sessions`, {
      method: "POST",
      headers: { origin: "https://shop.example", "content-type": "application/json" },
      body: JSON.stringify({ email: "visitor@example.com", pageUrl: "https://shop.example/" }),
      cf: { city: "Milan", region: "Lombardy", country: "IT", timezone: "Europe/Rome" },
    });
    expect(res.status).toBe(201);
    ChatSession.parse(await res.json());
    const row = await env.DB.prepare(
      "SELECT location, country, timezone, location_source, timezone_source FROM profiles WHERE workspace_id = ?1 AND email = ?2",
    )
      .bind(ws.id, "visitor@example.com")
      .first();
    expect(row).toEqual({
      location: "Milan, Lombardy",
      country: "IT",
      timezone: "Europe/Rome",
      location_source: "webchat_visitor",
      timezone_source: "webchat_visitor",
    });
  });
});
