import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { geoOf } from "./geo.js";

const require = createRequire(import.meta.url);
const geoipLoaded = () => require.resolve("geoip-lite") in require.cache;
const nowhere = { countryCode: "", region: "", city: "" };

describe("geoOf", () => {
  // Runs first: nothing so far needed the database.
  it("answers private, reserved and invalid addresses without loading the database", () => {
    for (const ip of [
      undefined,
      "",
      "not an ip",
      "999.1.1.1",
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.0.1",
      "203.0.113.5",
      "0.0.0.0",
      "255.255.255.255",
      "::1",
      "::",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:192.168.0.1",
      "2001:db8::1",
    ]) {
      expect(geoOf(ip), String(ip)).toEqual(nowhere);
    }
    expect(geoipLoaded()).toBe(false);
  });

  // Expected values are what the bundled geoip-lite 1.4.9 data says, checked by running lookup().
  it.each([
    ["81.2.69.142", { countryCode: "GB", region: "ENG", city: "St Albans" }],
    [" 81.2.69.142 ", { countryCode: "GB", region: "ENG", city: "St Albans" }],
    ["::ffff:81.2.69.142", { countryCode: "GB", region: "ENG", city: "St Albans" }],
    ["8.8.8.8", { countryCode: "US", region: "", city: "" }],
    ["217.160.0.1", { countryCode: "DE", region: "", city: "" }],
    ["2a00:1450:4001:80b::200e", { countryCode: "DE", region: "HE", city: "Frankfurt am Main" }],
  ])("locates %s", (ip, geo) => {
    expect(geoOf(ip)).toEqual(geo);
  });

  it("loaded the database for the first public address", () => {
    expect(geoipLoaded()).toBe(true);
  });

  it("answers a repeated address from its cache, with a result no caller can change", () => {
    const first = geoOf("81.2.69.142");
    expect(geoOf("81.2.69.142")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
