export type { PlatformV2Deps } from "./deps.js";
export { platformV2Routes } from "./routes.js";
export { RANGES, type Range } from "./range.js";
export {
  type EventsBody,
  type PageviewsBody,
  type RealtimeBody,
  type SiteBody,
  type StatsBody,
  eventsBody,
  pageviewsBody,
  realtimeBody,
  siteBody,
  sitesBody,
  statsBody,
} from "./shapes.js";
