import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { Hrefs, selfUrlOf } from "./links.js";

const app = new Hono().get("/core/x", (c) => c.json({ self: selfUrlOf(c).toString(), product: Hrefs.of(c).core("products", "a/b c") }));
const call = async (url: string, headers: Record<string, string> = {}) => (await (await app.request(url, { headers })).json()) as { self: string; product: string };

describe("links", () => {
  it("are absolute under the request's origin, with path segments escaped", async () => {
    expect(await call("http://svc:3002/core/x?limit=1")).toEqual({ self: "http://svc:3002/core/x?limit=1", product: "http://svc:3002/core/products/a%2Fb%20c" });
  });

  it("follow the proxy's forwarded scheme and host when well-formed", async () => {
    expect((await call("http://svc:3002/core/x", { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.com" })).product).toBe(
      "https://api.example.com/core/products/a%2Fb%20c",
    );
    expect((await call("http://svc:3002/core/x", { "X-Forwarded-Proto": "gopher", "X-Forwarded-Host": "evil.com/<x>" })).product).toBe(
      "http://svc:3002/core/products/a%2Fb%20c",
    );
  });

  it("never copy a ?token= credential into a body", async () => {
    expect((await call("http://svc/core/x?token=secret&limit=2")).self).toBe("http://svc/core/x?limit=2");
  });
});
