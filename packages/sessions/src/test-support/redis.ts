import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";
import { vi } from "vitest";

/** A client on the real Redis under a fresh `it:<uuid>:` prefix, and the clean-up that removes its keys. */
export function testRedis(): { redis: Redis; cleanUp: () => Promise<void> } {
  const config = loadConfig();
  const prefix = `it:${randomUUID()}:`;
  const redis = createRedis(config, prefix);
  return {
    redis,
    cleanUp: async () => {
      const raw = createRedis(config, "");
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length > 0) await raw.del(...keys);
      raw.disconnect();
      redis.disconnect();
    },
  };
}

/**
 * Counts round trips to the server: each pipeline is one write, and a command sent outside a
 * pipeline reaches sendCommand without the pipeline's buffering stream argument. Waits for the
 * connection first, so its handshake (CLIENT, INFO) is not counted.
 */
export async function roundTripCounter(redis: Redis): Promise<{ roundTrips: () => number; restore: () => void }> {
  await redis.ping();
  const pipelines = vi.spyOn(redis, "pipeline");
  const commands = vi.spyOn(redis, "sendCommand");
  const direct = () => commands.mock.calls.filter((args) => args[1] === undefined).length;
  return {
    roundTrips: () => pipelines.mock.calls.length + direct(),
    restore: () => {
      pipelines.mockRestore();
      commands.mockRestore();
    },
  };
}
