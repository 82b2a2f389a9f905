import { z } from "zod";

const header = z.string().optional();

/** One hit as the consumer hands it to enrichment: the page, and the request headers that describe the visitor. */
export const rawHitSchema = z.object({
  /** The full page URL, query string included (it carries the UTM tags). */
  url: z.string().min(1),
  ip: z.string().optional(),
  userAgent: z.string(),
  acceptLanguage: header,
  secChUa: header,
  secChUaMobile: header,
  secChUaPlatform: header,
  secChUaPlatformVersion: header,
  secChUaFullVersionList: header,
  referrer: z.string().optional(),
  screenWidth: z.number().optional(),
  screenHeight: z.number().optional(),
  title: z.string().optional(),
  /** The site's other hostnames, so that moving between them is not counted as a referral. */
  hostnames: z.array(z.string()).optional(),
});

export type RawHit = z.infer<typeof rawHitSchema>;
