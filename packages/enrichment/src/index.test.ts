import { describe, expect, it } from "vitest";
import * as enrichment from "./index.js";

describe("package entry point", () => {
  it("exports every function", () => {
    expect(Object.keys(enrichment).sort()).toEqual([
      "BoundedCache",
      "EnrichmentError",
      "channelOf",
      "deviceOf",
      "enrichHit",
      "geoOf",
      "isBotHit",
      "knownSourceOfHost",
      "knownSourceOfName",
      "languageOf",
      "rawHitSchema",
      "referrerHostOf",
      "referrerOf",
      "screenClassOf",
      "stripWww",
      "utmOf",
    ]);
  });
});
