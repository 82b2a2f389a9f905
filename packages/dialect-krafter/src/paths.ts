/** Krafter's base URL is https://app.krafter.dev/api/v1/analytics; its paths start at /analytics. */
export const SITE = "/api/v1/analytics/sites/:key";
export const TAG = "Krafter";
