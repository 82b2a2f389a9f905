import type { ClickHouseClient } from "@clickhouse/client";
import { type Config, loadConfig } from "@pulse/config";
import { createClickHouse } from "./client.js";
import { migrate, readMigrations } from "./migrations.js";
import { MIGRATIONS_DIR } from "./paths.js";

export interface TestDatabase {
  database: string;
  /** Bound to the test database. */
  client: ClickHouseClient;
  dispose: () => Promise<void>;
}

/**
 * For integration tests: a fresh database on the real server with every shipped migration applied,
 * so a test sees the real schema and no other test's rows; dispose drops it.
 */
export async function createTestDatabase(name: string, config: Config = loadConfig()): Promise<TestDatabase> {
  const database = `it_${name}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = createClickHouse(config, "default");
  const client = createClickHouse(config, database);
  await migrate(admin, client, database, await readMigrations(MIGRATIONS_DIR));
  return {
    database,
    client,
    dispose: async () => {
      await admin.command({ query: "DROP DATABASE IF EXISTS {db:Identifier}", query_params: { db: database } });
      await Promise.all([admin.close(), client.close()]);
    },
  };
}
