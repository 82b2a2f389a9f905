export { envSchema, type Config } from "./schema.js";
export { loadConfig, ConfigError } from "./load.js";
