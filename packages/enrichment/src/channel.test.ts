import { describe, expect, it } from "vitest";
import { channelOf } from "./channel.js";

const none = { referrerName: "", referrerHost: "", utmSource: "", utmMedium: "", utmCampaign: "" };
const referred = (referrerName: string, referrerHost = referrerName.toLowerCase()) => ({ referrerName, referrerHost });
const tagged = (utmSource: string, utmMedium = "", utmCampaign = "") => ({ utmSource, utmMedium, utmCampaign });

describe("channelOf", () => {
  it("is Direct without referrer or campaign tags", () => {
    expect(channelOf(none)).toBe("Direct");
  });

  it.each([
    ["Google", "google.de", "Organic Search"],
    ["DuckDuckGo", "duckduckgo.com", "Organic Search"],
    ["Hacker News", "news.ycombinator.com", "Organic Social"],
    ["X", "t.co", "Organic Social"],
    ["YouTube", "youtube.com", "Organic Video"],
    ["Amazon", "amazon.de", "Organic Shopping"],
    ["Gmail", "com.google.android.gm", "Email"],
    ["GitHub", "github.com", "Referral"],
    ["blog.someone.dev", "blog.someone.dev", "Referral"],
    ["Spring Newsletter", "", "Referral"],
  ])("classifies a referral from %s", (referrerName, referrerHost, channel) => {
    expect(channelOf({ ...none, ...referred(referrerName, referrerHost) })).toBe(channel);
  });

  it.each([
    [tagged("google", "cpc"), "Paid Search"],
    [tagged("Bing", "PPC"), "Paid Search"],
    [tagged("facebook", "paid_social"), "Paid Social"],
    [tagged("fb", "cpc"), "Paid Social"],
    [tagged("youtube", "cpv"), "Paid Video"],
    [tagged("amazon", "cpc"), "Paid Shopping"],
    [tagged("criteo", "retargeting", "summer-shop"), "Paid Shopping"],
    [tagged("google", "cpc", "pmax cross-network"), "Cross-network"],
    [tagged("criteo", "display"), "Display"],
    [tagged("taboola", "cpm"), "Display"],
    [tagged("taboola", "cpa"), "Paid Other"],
    [tagged("newsletter", "cpc"), "Paid Other"],
    [tagged("someone", "", "black friday shopping"), "Organic Shopping"],
    [tagged("mastodon.social"), "Organic Social"],
    [tagged("partner", "social-media"), "Organic Social"],
    [tagged("partner", "video"), "Organic Video"],
    [tagged("partner", "organic"), "Organic Search"],
    [tagged("newsletter", "email"), "Email"],
    [tagged("e-mail"), "Email"],
    [tagged("substack"), "Email"],
    [tagged("awin", "affiliate"), "Affiliates"],
    [tagged("partner", "referral"), "Referral"],
    [tagged("partner", "link"), "Referral"],
    [tagged("spotify", "audio"), "Audio"],
    [tagged("sms"), "SMS"],
    [tagged("braze", "web-push"), "Mobile Push Notifications"],
    [tagged("firebase"), "Mobile Push Notifications"],
    [tagged("newsletter"), "Unassigned"],
    [tagged("", "banner-ad"), "Unassigned"],
  ])("classifies tagged traffic %j", (utm, channel) => {
    expect(channelOf({ ...none, ...utm })).toBe(channel);
  });

  it("prefers the utm_source over the referrer, as GA4 does", () => {
    expect(channelOf({ ...none, ...referred("Google", "google.com"), utmSource: "newsletter", utmMedium: "email" })).toBe(
      "Email",
    );
  });

  it("treats a referral with only utm_medium as coming from the referrer", () => {
    expect(channelOf({ ...none, ...referred("Google", "google.com"), utmMedium: "cpc" })).toBe("Paid Search");
  });

  it("treats shop, eshop and shopping in the campaign, but not workshop, as shopping", () => {
    expect(channelOf({ ...none, ...tagged("partner", "", "eshop-launch") })).toBe("Organic Shopping");
    expect(channelOf({ ...none, ...tagged("partner", "", "shop-launch") })).toBe("Organic Shopping");
    expect(channelOf({ ...none, ...tagged("partner", "", "workshop") })).toBe("Unassigned");
  });
});
