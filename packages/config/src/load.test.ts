import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./load.js";

describe("loadConfig", () => {
  it("falls back to the local stack defaults", () => {
    const config = loadConfig({});
    expect(config.CLICKHOUSE_URL).toBe("http://127.0.0.1:8123");
    expect(config.KAFKA_BROKERS).toEqual(["127.0.0.1:9092"]);
    expect(config.INGEST_PORT).toBe(3001);
  });

  it("coerces numbers and splits broker lists", () => {
    const config = loadConfig({ INGEST_PORT: "4000", KAFKA_BROKERS: "a:1, b:2,," });
    expect(config.INGEST_PORT).toBe(4000);
    expect(config.KAFKA_BROKERS).toEqual(["a:1", "b:2"]);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ QUERY_PORT: "" }).QUERY_PORT).toBe(3002);
  });

  it("names every bad variable in the error", () => {
    try {
      loadConfig({ INGEST_PORT: "eighty", REDIS_URL: "localhost:6379", CLICKHOUSE_DATABASE: "x; DROP" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).issues.map((i) => i.variable).sort();
      expect(variables).toEqual(["CLICKHOUSE_DATABASE", "INGEST_PORT", "REDIS_URL"]);
      expect((error as Error).message).toContain("INGEST_PORT");
    }
  });
});
