import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@pulse/config";
import { afterAll, describe, expect, it } from "vitest";
import { createClickHouse } from "./client.js";
import { migrate, readMigrations } from "./migrations.js";
import { MIGRATIONS_DIR } from "./paths.js";

// Integration: runs against the ClickHouse started by `npm test` (infra/stack.mjs).
const config = loadConfig();
const database = `it_migrate_${process.pid}_${Date.now()}`;
const admin = createClickHouse(config, "default");
const client = createClickHouse(config, database);

afterAll(async () => {
  await admin.command({ query: "DROP DATABASE IF EXISTS {db:Identifier}", query_params: { db: database } });
  await Promise.all([admin.close(), client.close()]);
});

async function tables(): Promise<string[]> {
  const rs = await admin.query({
    query: "SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name",
    query_params: { db: database },
    format: "JSONEachRow",
  });
  return (await rs.json<{ name: string }>()).map((r) => r.name);
}

describe("migrate (real ClickHouse)", () => {
  it("round-trips a parameterized query", async () => {
    const rs = await admin.query({
      query: "SELECT {a:UInt32} + 1 AS n, {s:String} AS s",
      query_params: { a: 41, s: "it's; DROP TABLE x" },
      format: "JSONEachRow",
    });
    expect(await rs.json()).toEqual([{ n: 42, s: "it's; DROP TABLE x" }]);
  });

  it("applies the shipped migrations once, and a second run changes nothing", async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const first = await migrate(admin, client, database, migrations);
    expect(first.applied).toHaveLength(migrations.length);
    const afterFirst = await tables();
    const second = await migrate(admin, client, database, migrations);
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(first.applied);
    expect(await tables()).toEqual(afterFirst);
    const ledger = await client.query({ query: "SELECT count() AS n FROM schema_migrations", format: "JSONEachRow" });
    expect(await ledger.json()).toEqual([{ n: migrations.length }]);
  });

  it("applies only new migrations and refuses an edited one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    const db = `${database}_b`;
    const scoped = createClickHouse(config, db);
    try {
      await writeFile(join(dir, "0001_a.sql"), "CREATE TABLE a (x UInt8) ENGINE = MergeTree ORDER BY x;\n");
      expect((await migrate(admin, scoped, db, await readMigrations(dir))).applied).toEqual(["0001_a"]);

      await writeFile(join(dir, "0002_b.sql"), "CREATE TABLE b (x UInt8) ENGINE = MergeTree ORDER BY x;\n");
      const next = await migrate(admin, scoped, db, await readMigrations(dir));
      expect(next).toEqual({ applied: ["0002_b"], skipped: ["0001_a"] });

      await writeFile(join(dir, "0001_a.sql"), "CREATE TABLE a (x UInt16) ENGINE = MergeTree ORDER BY x;\n");
      await expect(migrate(admin, scoped, db, await readMigrations(dir))).rejects.toThrow(/changed after it was applied/);
    } finally {
      await admin.command({ query: "DROP DATABASE IF EXISTS {db:Identifier}", query_params: { db } });
      await scoped.close();
    }
  });
});

describe("applyRetention (real ClickHouse)", () => {
  it("sets and removes a TTL on events and sessions", async () => {
    const { applyRetention } = await import("./retention.js");
    const ttlOf = async (table: string) => {
      const rs = await admin.query({
        query: "SELECT create_table_query AS q FROM system.tables WHERE database = {db:String} AND name = {t:String}",
        query_params: { db: database, t: table },
        format: "JSONEachRow",
      });
      return (await rs.json<{ q: string }>())[0]!.q;
    };
    await applyRetention(client, 90);
    expect(await ttlOf("events")).toMatch(/TTL toDateTime\(time\) \+ toIntervalDay\(.*90.*\)/);
    expect(await ttlOf("sessions")).toMatch(/TTL toDateTime\(session_start\) \+ toIntervalDay\(.*90.*\)/);
    await applyRetention(client, 0);
    expect(await ttlOf("events")).not.toMatch(/TTL/);
    await applyRetention(client, 0);
  });
});
