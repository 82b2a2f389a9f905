import { describe, expect, it } from "vitest";
import { acceptsJson } from "./accept.js";

describe("acceptsJson", () => {
  it("accepts no header, JSON, and wildcards that cover it", () => {
    for (const header of [undefined, "", "application/json", "*/*", "application/*", "APPLICATION/JSON", "application/json; charset=utf-8", "text/html, */*;q=0.1", "text/html;q=0.9, application/json"]) {
      expect(acceptsJson(header), String(header)).toBe(true);
    }
  });

  it("refuses other types and ranges that exclude JSON with q=0", () => {
    for (const header of ["text/html", "application/xml", "text/*", "application/hal+json", "application/json;q=0", "*/*;q=0", "application/json;q=abc", "image/png, text/plain"]) {
      expect(acceptsJson(header), header).toBe(false);
    }
  });
});
