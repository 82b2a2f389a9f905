import { describe, expect, it } from "vitest";
import { EnrichmentError } from "./enrichment-error.js";

describe("EnrichmentError", () => {
  it("is an Error that carries a code and its cause", () => {
    const cause = new TypeError("Invalid URL");
    const error = new EnrichmentError("invalid_url", "not an http(s) page URL", { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "EnrichmentError", code: "invalid_url", cause });
  });
});
