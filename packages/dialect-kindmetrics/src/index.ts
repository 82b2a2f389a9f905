export type { KindmetricsDeps, KindmetricsOptions } from "./deps.js";
export { type KindmetricsErrorBody, kindmetricsError } from "./errors.js";
export { kindmetricsRoutes } from "./routes.js";
