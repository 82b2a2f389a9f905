import { describe, expect, it, vi } from "vitest";
import { VisitorIdMemo } from "./visitor-id-memo.js";
import { visitorIdOf } from "./visitor-id.js";

vi.mock("./visitor-id.js", async (original) => {
  const actual = await original<typeof import("./visitor-id.js")>();
  return { visitorIdOf: vi.fn(actual.visitorIdOf) };
});

const salt = Buffer.alloc(32, 7);
const nextSalt = Buffer.alloc(32, 9);
const ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
const hashes = () => vi.mocked(visitorIdOf).mock.calls.length;

describe("VisitorIdMemo", () => {
  it("hashes a (day, site, ip, user agent) once and gives the same id as visitorIdOf", () => {
    const memo = new VisitorIdMemo();
    const before = hashes();
    const id = memo.idFor("2026-11-24", salt, "site", "203.0.113.7", ua);
    expect(memo.idFor("2026-11-24", salt, "site", "203.0.113.7", ua)).toBe(id);
    expect(hashes() - before).toBe(1);
    expect(id).toBe(vi.mocked(visitorIdOf).getMockImplementation()!(salt, "site", "203.0.113.7", ua));
    expect(memo.idFor("2026-11-25", nextSalt, "site", "203.0.113.7", ua)).not.toBe(id);
  });

  it("forgets what was not used for two generations, and stays right", () => {
    const memo = new VisitorIdMemo(4);
    const ipOf = (i: number) => `198.51.100.${i}`;
    const first = memo.idFor("d", salt, "s", ipOf(0), ua);
    for (let i = 1; i <= 6; i++) memo.idFor("d", salt, "s", ipOf(i), ua);
    const before = hashes();
    expect(memo.idFor("d", salt, "s", ipOf(0), ua)).toBe(first);
    expect(hashes() - before).toBe(1); // evicted, so hashed again
    memo.idFor("d", salt, "s", ipOf(6), ua); // recent: remembered
    expect(hashes() - before).toBe(1);
  });
});
