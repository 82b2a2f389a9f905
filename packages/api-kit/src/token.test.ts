import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { tokenOf } from "./token.js";

const app = new Hono().get("/", (c) => c.json({ token: tokenOf(c) ?? null }));
const tokenFor = async (init: RequestInit, query = "") => ((await (await app.request(`/${query}`, init)).json()) as { token: string | null }).token;

describe("tokenOf", () => {
  it("reads Bearer, bare Authorization and ?token=", async () => {
    expect(await tokenFor({ headers: { Authorization: "Bearer abc" } })).toBe("abc");
    expect(await tokenFor({ headers: { Authorization: "bearer   abc " } })).toBe("abc");
    expect(await tokenFor({ headers: { Authorization: "abc" } })).toBe("abc");
    expect(await tokenFor({}, "?token=abc")).toBe("abc");
  });
  it("prefers the header and finds nothing when neither is sent", async () => {
    expect(await tokenFor({ headers: { Authorization: "Bearer h" } }, "?token=q")).toBe("h");
    expect(await tokenFor({})).toBeNull();
    expect(await tokenFor({ headers: { Authorization: "Bearer " } })).toBeNull();
  });
});
