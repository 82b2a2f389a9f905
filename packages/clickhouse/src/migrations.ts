import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Splits a SQL file on semicolons that end a line; `--` comment lines are dropped. */
export function statementsOf(sql: string): string[] {
  const withoutComments = sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n");
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads `NNNN_name.sql` files in version order; any other file name is an error, not silently skipped. */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
    const sql = await readFile(join(dir, file), "utf8");
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      checksum: createHash("sha256").update(sql).digest("hex"),
      statements: statementsOf(sql),
    });
  }
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error(`Duplicate migration versions in ${dir}`);
  return migrations;
}

const LEDGER = "schema_migrations";

/**
 * Applies the migrations not yet recorded in the ledger table, in order.
 * A recorded migration whose file changed since is refused: edit schemas with a new migration.
 * `admin` must not be bound to `database` (it may not exist yet); `client` is.
 */
export async function migrate(
  admin: ClickHouseClient,
  client: ClickHouseClient,
  database: string,
  migrations: Migration[],
): Promise<MigrationResult> {
  await admin.command({ query: "CREATE DATABASE IF NOT EXISTS {db:Identifier}", query_params: { db: database } });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${LEDGER} (
      version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = MergeTree ORDER BY version`,
  });
  const rows = await client
    .query({ query: `SELECT version, name, checksum FROM ${LEDGER} ORDER BY version`, format: "JSONEachRow" })
    .then((r) => r.json<{ version: number; name: string; checksum: string }>());
  const recorded = new Map(rows.map((r) => [Number(r.version), r]));

  const result: MigrationResult = { applied: [], skipped: [] };
  for (const migration of migrations) {
    const label = `${String(migration.version).padStart(4, "0")}_${migration.name}`;
    const previous = recorded.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new Error(`Migration ${label} was changed after it was applied; add a new migration instead`);
      }
      result.skipped.push(label);
      continue;
    }
    for (const statement of migration.statements) await client.command({ query: statement });
    await client.insert({
      table: LEDGER,
      values: [{ version: migration.version, name: migration.name, checksum: migration.checksum }],
      format: "JSONEachRow",
    });
    result.applied.push(label);
  }
  return result;
}
