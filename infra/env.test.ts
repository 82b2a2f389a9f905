import { envSchema } from "@pulse/config";
import { describe, expect, it } from "vitest";
import { STACK_DEFAULTS, stackAddresses } from "./lib/env.mjs";

describe("stack addresses", () => {
  it("use the same defaults as the apps' config schema", () => {
    const defaults = envSchema.parse({});
    expect(STACK_DEFAULTS.CLICKHOUSE_URL).toBe(defaults.CLICKHOUSE_URL);
    expect(STACK_DEFAULTS.REDIS_URL).toBe(defaults.REDIS_URL);
    expect(STACK_DEFAULTS.KAFKA_BROKERS.split(",")).toEqual(defaults.KAFKA_BROKERS);
  });

  it("read hosts and ports from the environment and tell local from external", () => {
    const a = stackAddresses({
      CLICKHOUSE_URL: "https://ch.example.com:8443",
      KAFKA_BROKERS: "localhost:19092,other:9092",
      REDIS_URL: "redis://:pw@127.0.0.1:6380/2",
    });
    expect(a.clickhouse).toEqual({ host: "ch.example.com", port: 8443, local: false });
    expect(a.kafka).toEqual({ host: "localhost", port: 19092, local: true });
    expect(a.redis).toEqual({ host: "127.0.0.1", port: 6380, local: true });
  });
});
