import { describe, expect, it } from "vitest";
import { visitorIdOf } from "./visitor-id.js";

const salt = Buffer.alloc(32, 7);
const otherSalt = Buffer.alloc(32, 8);
const ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

describe("visitorIdOf", () => {
  it("is stable for the same inputs", () => {
    expect(visitorIdOf(salt, "site", "203.0.113.7", ua)).toBe(visitorIdOf(Buffer.from(salt), "site", "203.0.113.7", ua));
  });

  it("differs per site, ip, user agent and salt", () => {
    const base = visitorIdOf(salt, "site", "203.0.113.7", ua);
    const variants = [
      visitorIdOf(salt, "site2", "203.0.113.7", ua),
      visitorIdOf(salt, "site", "203.0.113.8", ua),
      visitorIdOf(salt, "site", "203.0.113.7", `${ua} `),
      visitorIdOf(otherSalt, "site", "203.0.113.7", ua),
    ];
    expect(new Set([base, ...variants]).size).toBe(5);
  });

  it("cannot be confused by moving text between fields", () => {
    expect(visitorIdOf(salt, "ab", "c", "d")).not.toBe(visitorIdOf(salt, "a", "bc", "d"));
    expect(visitorIdOf(salt, "a\u0000b", "c", "d")).not.toBe(visitorIdOf(salt, "a", "b\u0000c", "d"));
  });

  it("is an unsigned 64-bit integer in decimal", () => {
    for (let i = 0; i < 1000; i++) {
      const id = visitorIdOf(salt, "site", `10.0.${i >> 8}.${i & 255}`, ua);
      expect(id).toMatch(/^(0|[1-9][0-9]{0,19})$/);
      expect(BigInt(id) < 2n ** 64n).toBe(true);
    }
  });
});
