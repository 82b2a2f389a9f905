import { deviceOf, type EnrichedHit, enrichHit, geoOf, isBotHit, languageOf } from "@pulse/enrichment";
import type { HitRecord } from "@pulse/hits";
import type { SessionDimensions } from "./event-row.js";

/** The analytics dimensions of a record; `hostnames` are the site's own, so self-referrals are ignored. */
export function dimensionsOf(record: HitRecord, hostnames: string[]): EnrichedHit | SessionDimensions {
  if (record.kind !== "session") {
    return enrichHit({
      url: record.url,
      ip: record.ip,
      userAgent: record.user_agent,
      acceptLanguage: record.accept_language,
      secChUa: record.sec_ch_ua,
      secChUaMobile: record.sec_ch_ua_mobile,
      secChUaPlatform: record.sec_ch_ua_platform,
      secChUaPlatformVersion: record.sec_ch_ua_platform_version,
      secChUaFullVersionList: record.sec_ch_ua_full_version_list,
      referrer: record.referrer,
      screenWidth: record.screen_width,
      screenHeight: record.screen_height,
      title: record.title,
      hostnames,
    });
  }
  const device = deviceOf({
    userAgent: record.user_agent,
    secChUa: record.sec_ch_ua,
    secChUaMobile: record.sec_ch_ua_mobile,
    secChUaPlatform: record.sec_ch_ua_platform,
    secChUaPlatformVersion: record.sec_ch_ua_platform_version,
    secChUaFullVersionList: record.sec_ch_ua_full_version_list,
  });
  return {
    ...device,
    ...geoOf(record.ip),
    language: languageOf(record.accept_language),
    isBot: isBotHit({ userAgent: record.user_agent }),
  };
}
