import { describe, expect, it } from "vitest";
import { stackAddresses } from "./lib/env.mjs";
import { clickhouseAnswers, kafkaAnswers, redisAnswers } from "./lib/probes.mjs";
import { status, up } from "./lib/stack.mjs";

// Integration: `npm test` brought the real stack up before this runs.
describe("local stack (real servers)", () => {
  it("reports every server healthy", async () => {
    const rows = await status();
    expect(rows.map((r) => [r.name, r.healthy])).toEqual([
      ["clickhouse", true],
      ["kafka", true],
      ["redis", true],
    ]);
  });

  it("is idempotent: up with everything running starts nothing", async () => {
    const lines: string[] = [];
    expect(await up([], { log: (line: string) => lines.push(line) })).toEqual([]);
    expect(lines.every((l) => l.includes("reusing"))).toBe(true);
  });

  it("probes tell a closed port from a server", async () => {
    const closed = { host: "127.0.0.1", port: 1 };
    await expect(clickhouseAnswers(closed)).rejects.toThrow();
    await expect(kafkaAnswers(closed)).rejects.toThrow();
    await expect(redisAnswers(closed)).rejects.toThrow();
    const a = stackAddresses();
    // Each probe speaks its own protocol: the Redis probe does not mistake Kafka for Redis.
    await expect(redisAnswers(a.kafka)).rejects.toThrow();
  });

  it("refuses an unknown server name", async () => {
    await expect(up(["postgres"])).rejects.toThrow(/Unknown server/);
  });
});
