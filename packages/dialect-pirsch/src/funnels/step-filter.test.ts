import { ValidationError } from "@pulse/service";
import { describe, expect, it } from "vitest";
import { filtersOfPirschStep, pirschStepOf } from "./step-filter.js";

describe("funnel step filters", () => {
  it("turns Pirsch's prefixed values into operators, one filter per field and operator", () => {
    expect(filtersOfPirschStep({ path: ["/a", "/b", "!/c", "~blog", "^old"] }, "f")).toEqual([
      { field: "path", op: "is", values: ["/a", "/b"] },
      { field: "path", op: "is_not", values: ["/c"] },
      { field: "path", op: "contains", values: ["blog"] },
      { field: "path", op: "not_contains", values: ["old"] },
    ]);
  });

  it("renames event_name and path_regex, compiles path_pattern globs, and keys tags and metadata", () => {
    const filters = filtersOfPirschStep({ event_name: ["Signup"], path_regex: ["^/a$"], path_pattern: ["/blog/*"], tags: { author: "John" }, event_meta: { plan: "!free" } }, "f");
    expect(filters).toEqual([
      { field: "pattern", op: "is", values: ["^/a$"] },
      { field: "event", op: "is", values: ["Signup"] },
      { field: "pattern", op: "is", values: ["^/blog/[^/]*$"] },
      { field: "tag:author", op: "is", values: ["John"] },
      { field: "event_meta:plan", op: "is_not", values: ["free"] },
    ]);
  });

  it("round-trips through Pirsch's shape", () => {
    const step = { path: ["/pricing", "!/old"], country: ["de"], platform: "mobile", event_name: ["Buy"], tags: { ab: "~b" }, event_meta: { plan: "pro" } };
    expect(pirschStepOf(filtersOfPirschStep(step, "f"))).toEqual(step);
  });

  it("refuses key-only filters with the field named", () => {
    expect(() => filtersOfPirschStep({ event_meta_key: ["plan"] }, "steps.1.filter")).toThrow(ValidationError);
    try {
      filtersOfPirschStep({ tag: ["author"] }, "steps.0.filter");
    } catch (error) {
      expect((error as ValidationError).fields[0]?.field).toBe("steps.0.filter.tag");
    }
  });
});
