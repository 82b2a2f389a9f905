import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_TOKEN_PREFIX, AccessTokens, isAccessToken } from "./access-tokens.js";
import { hashToken } from "./tokens.js";

// Integration: the real Redis, under a prefix no other run shares.
let redis: Redis;
beforeAll(() => {
  redis = createRedis(loadConfig(), `it:${randomUUID()}:`);
});
afterAll(() => redis?.disconnect());

describe("AccessTokens (real Redis)", () => {
  it("issues a prefixed token that resolves to its key and expires in an hour by default", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const tokens = new AccessTokens({ redis, now: () => now });
    const issued = await tokens.issue("key1");
    expect(issued.token.startsWith(ACCESS_TOKEN_PREFIX)).toBe(true);
    expect(isAccessToken(issued.token)).toBe(true);
    expect(issued.expiresAt.toISOString()).toBe("2026-01-01T01:00:00.000Z");
    expect(await tokens.resolve(issued.token)).toBe("key1");
    const ttl = await redis.pttl(`access-token:${hashToken(issued.token)}`);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it("stores only the token's hash", async () => {
    const tokens = new AccessTokens({ redis });
    const { token } = await tokens.issue("key-hash");
    const keys = await redis.keys(`${redis.options.keyPrefix}*`);
    expect(keys.join(" ")).not.toContain(token);
    expect(keys.join(" ")).toContain(hashToken(token));
  });

  it("forgets a token after its time to live", async () => {
    const tokens = new AccessTokens({ redis, ttlSeconds: 0.2 });
    const { token } = await tokens.issue("key2");
    expect(await tokens.resolve(token)).toBe("key2");
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await tokens.resolve(token)).toBeUndefined();
  });

  it("revokes one token, or all of a key's tokens", async () => {
    const tokens = new AccessTokens({ redis });
    const a = await tokens.issue("key3");
    const b = await tokens.issue("key3");
    const other = await tokens.issue("key4");
    await tokens.revoke(a.token);
    expect(await tokens.resolve(a.token)).toBeUndefined();
    expect(await tokens.resolve(b.token)).toBe("key3");
    await tokens.revokeAllOf("key3");
    expect(await tokens.resolve(b.token)).toBeUndefined();
    expect(await tokens.resolve(other.token)).toBe("key4");
  });

  it("resolves nothing for unknown or malformed tokens", async () => {
    const tokens = new AccessTokens({ redis });
    expect(await tokens.resolve(`${ACCESS_TOKEN_PREFIX}${"a".repeat(64)}`)).toBeUndefined();
    expect(await tokens.resolve("pa_not-an-access-token")).toBeUndefined();
    expect(isAccessToken("pa_x")).toBe(false);
  });
});
