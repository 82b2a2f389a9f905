export type { KrafterDeps } from "./deps.js";
export { krafterError } from "./errors.js";
export { krafterRoutes } from "./routes.js";
