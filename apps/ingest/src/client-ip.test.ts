import { describe, expect, it } from "vitest";
import { clientIpOf } from "./client-ip.js";

describe("clientIpOf", () => {
  const headers = new Headers({ "x-forwarded-for": "81.2.69.142, 10.0.0.1", "x-real-ip": "nonsense" });

  it("ignores proxy headers unless trusted", () => {
    expect(clientIpOf(headers, "127.0.0.1", [])).toBe("127.0.0.1");
  });
  it("takes the left-most address of a trusted header, skipping invalid ones", () => {
    expect(clientIpOf(headers, "127.0.0.1", ["x-real-ip", "x-forwarded-for"])).toBe("81.2.69.142");
  });
  it("unwraps IPv4-mapped socket addresses", () => {
    expect(clientIpOf(new Headers(), "::ffff:8.8.8.8", [])).toBe("8.8.8.8");
    expect(clientIpOf(new Headers(), "::1", [])).toBe("::1");
  });
});
