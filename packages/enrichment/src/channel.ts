import { knownSourceOfName } from "./sources.js";

export interface ChannelInput {
  referrerName: string;
  referrerHost: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
}

export type Channel =
  | "Direct"
  | "Cross-network"
  | "Paid Shopping"
  | "Paid Search"
  | "Paid Social"
  | "Paid Video"
  | "Display"
  | "Paid Other"
  | "Organic Shopping"
  | "Organic Social"
  | "Organic Video"
  | "Organic Search"
  | "Email"
  | "Affiliates"
  | "Referral"
  | "Audio"
  | "SMS"
  | "Mobile Push Notifications"
  | "Unassigned";

// Google's published patterns (GA4 "Default channel group"), matched case-insensitively as GA4 does.
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const DISPLAY_MEDIUMS = new Set(["display", "banner", "expandable", "interstitial", "cpm"]);
const SOCIAL_MEDIUMS = new Set(["social", "social-network", "social-media", "sm", "social network", "social media"]);
const EMAIL = new Set(["email", "e-mail", "e_mail", "e mail"]);
const REFERRAL_MEDIUMS = new Set(["referral", "app", "link"]);

/**
 * The GA4 default channel group, rules tried in Google's order with the first match winning.
 * As in GA4, the source is utm_source when tagged, else the referrer; the medium is utm_medium,
 * else "referral" when there is a referrer. Google's source lists are our table in sources.ts.
 * One addition: a source we know as webmail or a newsletter platform counts as Email.
 */
export function channelOf(input: ChannelInput): Channel {
  const utmSource = input.utmSource.trim().toLowerCase();
  const utmMedium = input.utmMedium.trim().toLowerCase();
  const campaign = input.utmCampaign.trim().toLowerCase();
  const referred = input.referrerName !== "" || input.referrerHost !== "";
  if (!referred && utmSource === "" && utmMedium === "" && campaign === "") return "Direct";

  const source = utmSource !== "" ? utmSource : (input.referrerName || input.referrerHost).toLowerCase();
  const medium = utmMedium !== "" ? utmMedium : referred ? "referral" : "";
  const category = knownSourceOfName(source)?.category ?? "";
  const paid = PAID_MEDIUM.test(medium);
  const shoppingCampaign = SHOPPING_CAMPAIGN.test(campaign);

  if (campaign.includes("cross-network")) return "Cross-network";
  if (paid) {
    if (category === "shopping" || shoppingCampaign) return "Paid Shopping";
    if (category === "search") return "Paid Search";
    if (category === "social") return "Paid Social";
    if (category === "video") return "Paid Video";
  }
  if (DISPLAY_MEDIUMS.has(medium)) return "Display";
  if (paid) return "Paid Other";
  if (category === "shopping" || shoppingCampaign) return "Organic Shopping";
  if (category === "social" || SOCIAL_MEDIUMS.has(medium)) return "Organic Social";
  if (category === "video" || medium.includes("video")) return "Organic Video";
  if (category === "search" || medium === "organic") return "Organic Search";
  if (category === "email" || EMAIL.has(source) || EMAIL.has(medium)) return "Email";
  if (medium === "affiliate") return "Affiliates";
  if (REFERRAL_MEDIUMS.has(medium)) return "Referral";
  if (medium === "audio") return "Audio";
  if (source === "sms" || medium === "sms") return "SMS";
  if (medium.endsWith("push") || medium.includes("mobile") || medium.includes("notification") || source === "firebase") {
    return "Mobile Push Notifications";
  }
  return "Unassigned";
}
