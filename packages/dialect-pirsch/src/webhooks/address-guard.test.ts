import { describe, expect, it } from "vitest";
import { forbiddenTargetOf } from "./address-guard.js";

describe("webhook targets", () => {
  it.each(["http://127.0.0.1/x", "http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/latest", "http://[::1]:8080/", "http://[fd00::1]/", "http://localhost/"])(
    "refuses %s",
    async (url) => {
      expect(await forbiddenTargetOf(new URL(url))).toMatch(/private address/);
    },
  );

  it("allows public addresses", async () => {
    expect(await forbiddenTargetOf(new URL("https://93.184.216.34/hook"))).toBeUndefined();
    expect(await forbiddenTargetOf(new URL("https://[2606:4700::1111]/hook"))).toBeUndefined();
  });

  it("refuses names that do not resolve", async () => {
    expect(await forbiddenTargetOf(new URL("https://does-not-exist.invalid/"))).toMatch(/cannot resolve/);
  });
});
