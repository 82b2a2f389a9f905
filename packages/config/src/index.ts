export { envSchema, type Config } from "./schema.js";
export { loadConfig, ConfigError } from "./load.js";
export { HTTP_LIMIT_VARIABLES, httpLimitsOf, type HttpLimitOverrides } from "./http-limits.js";
