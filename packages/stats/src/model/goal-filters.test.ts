import { describe, expect, it } from "vitest";
import { goalFiltersOf } from "./goal-filters.js";

describe("goalFiltersOf", () => {
  it("selects an event goal's events, with its metadata key and value", () => {
    expect(goalFiltersOf({ id: "g", name: "n", event_name: "Signed Up" })).toEqual([{ field: "event", op: "is", values: ["Signed Up"] }]);
    expect(goalFiltersOf({ id: "g", name: "n", event_name: "Buy", meta_key: "plan", meta_value: "pro" })).toEqual([
      { field: "event", op: "is", values: ["Buy"] },
      { field: "event_meta", key: "plan", op: "is", values: ["pro"] },
    ]);
    expect(goalFiltersOf({ id: "g", name: "n", event_name: "Buy", meta_key: "plan" })[1]).toEqual({ field: "event_meta", key: "plan", op: "is_not", values: [""] });
  });

  it("selects a path goal's pages by its glob as an anchored RE2 pattern", () => {
    expect(goalFiltersOf({ id: "g", name: "n", path_pattern: "/blog/*" })).toEqual([{ field: "pattern", op: "is", values: ["^/blog/[^/]*$"] }]);
    expect(goalFiltersOf({ id: "g", name: "n", path_pattern: "/a.b(c)" })).toEqual([{ field: "pattern", op: "is", values: ["^/a\\.b\\(c\\)$"] }]);
  });
});
