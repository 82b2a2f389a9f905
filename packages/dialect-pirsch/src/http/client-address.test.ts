import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientAddressOf } from "./client-address.js";

async function addressOf(headers: Record<string, string>, trusted: string[], socket?: string): Promise<string> {
  const app = new Hono();
  app.get("/", (c) => c.text(clientAddressOf(c, trusted) ?? "(none)"));
  const env = socket === undefined ? undefined : { incoming: { socket: { remoteAddress: socket } } };
  return (await app.request("/", { headers }, env)).text();
}

describe("clientAddressOf", () => {
  const forwarded = { "x-forwarded-for": "81.2.69.142, 10.0.0.1", "x-real-ip": "nonsense" };

  it("takes the left-most address of the first trusted header that has a valid one", async () => {
    expect(await addressOf(forwarded, ["x-real-ip", "x-forwarded-for"], "10.0.0.1")).toBe("81.2.69.142");
    expect(await addressOf({ "x-forwarded-for": "[2001:db8::1]" }, ["x-forwarded-for"])).toBe("2001:db8::1");
  });

  it("ignores headers it was not told to trust and falls back to the socket", async () => {
    expect(await addressOf(forwarded, [], "10.0.0.1")).toBe("10.0.0.1");
    expect(await addressOf({}, [], "::ffff:8.8.8.8")).toBe("8.8.8.8");
    expect(await addressOf({}, [], "::1")).toBe("::1");
  });

  it("knows none without a socket or a trusted header", async () => {
    expect(await addressOf(forwarded, [])).toBe("(none)");
  });
});
