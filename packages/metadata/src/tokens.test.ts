import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";
import { hashToken, newToken, tokenKindFor, tokenPrefix } from "./tokens.js";
import { createVersionClock } from "./version.js";

describe("tokens", () => {
  it("makes Pirsch-style access keys: pa_ and 45 base62 characters", () => {
    const token = newToken("access");
    expect(token).toMatch(/^pa_[0-9A-Za-z]{45}$/);
    expect(newToken("secret")).toMatch(/^ps_[0-9A-Za-z]{64}$/);
  });

  it("never repeats and uses the whole alphabet", () => {
    const tokens = Array.from({ length: 500 }, () => newToken("access"));
    expect(new Set(tokens).size).toBe(500);
    expect(new Set(tokens.join("").slice(0, 20_000).replaceAll("pa_", "")).size).toBe(62);
  });

  it("hashes with sha256 hex and keeps a short display prefix", () => {
    const token = newToken("access");
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenPrefix(token)).toBe(token.slice(0, 8));
  });

  it("gives write-only scopes an access key and anything that reads a secret", () => {
    expect(tokenKindFor(["hit", "event", "session"])).toBe("access");
    expect(tokenKindFor(["hit", "statistics:read"])).toBe("secret");
    expect(tokenKindFor(["admin"])).toBe("secret");
  });
});

describe("ids and versions", () => {
  it("makes short random ids", () => {
    expect(newId()).toMatch(/^[0-9A-Za-z]{12}$/);
  });

  it("counts versions in microseconds, strictly increasing within one millisecond", () => {
    const clock = createVersionClock(() => 1_700_000_000_000);
    expect([clock(), clock(), clock()]).toEqual([1_700_000_000_000_000, 1_700_000_000_000_001, 1_700_000_000_000_002]);
    expect(Number.isSafeInteger(createVersionClock()())).toBe(true);
  });

  it("does not go backwards when the wall clock does", () => {
    let now = 2_000;
    const clock = createVersionClock(() => now);
    const first = clock();
    now = 1_000;
    expect(clock()).toBeGreaterThan(first);
  });
});
