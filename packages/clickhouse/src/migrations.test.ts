import { describe, expect, it } from "vitest";
import { readMigrations, statementsOf } from "./migrations.js";
import { MIGRATIONS_DIR } from "./paths.js";

describe("statementsOf", () => {
  it("splits on line-ending semicolons and drops comment lines", () => {
    const sql = "-- a table\nCREATE TABLE a (x String DEFAULT ';') ENGINE = Memory;\n\nSELECT 1;\n";
    expect(statementsOf(sql)).toEqual(["CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory", "SELECT 1"]);
  });
});

describe("readMigrations", () => {
  it("reads the shipped migrations in version order with stable checksums", async () => {
    const first = await readMigrations(MIGRATIONS_DIR);
    const again = await readMigrations(MIGRATIONS_DIR);
    expect(first.length).toBeGreaterThan(0);
    expect(first.map((m) => m.version)).toEqual([...first.map((m) => m.version)].sort((a, b) => a - b));
    expect(first.map((m) => m.checksum)).toEqual(again.map((m) => m.checksum));
    for (const m of first) expect(m.statements.length).toBeGreaterThan(0);
  });
});
