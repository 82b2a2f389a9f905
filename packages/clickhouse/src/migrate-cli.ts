#!/usr/bin/env node
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { createClickHouse } from "./client.js";
import { migrate, readMigrations } from "./migrations.js";
import { MIGRATIONS_DIR } from "./paths.js";
import { applyRetention } from "./retention.js";


const log = createLogger("migrate");
const config = loadConfig();
const admin = createClickHouse(config, "default");
const client = createClickHouse(config);
try {
  const result = await migrate(admin, client, config.CLICKHOUSE_DATABASE, await readMigrations(MIGRATIONS_DIR));
  await applyRetention(client, config.EVENTS_RETENTION_DAYS);
  log.info({ database: config.CLICKHOUSE_DATABASE, retentionDays: config.EVENTS_RETENTION_DAYS, ...result }, "migrations done");
} catch (error) {
  log.error({ err: error }, "migrations failed");
  process.exitCode = 1;
} finally {
  await Promise.all([admin.close(), client.close()]);
}
