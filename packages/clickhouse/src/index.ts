export { createClickHouse, isClickHouseReachable, type ClickHouseClient } from "./client.js";
export { migrate, readMigrations, statementsOf, type Migration, type MigrationResult } from "./migrations.js";
export { MIGRATIONS_DIR } from "./paths.js";
export { applyRetention } from "./retention.js";
