import { describe, expect, it } from "vitest";
import { completeViewFields, filtersOfView, viewFieldsOfFilters } from "./view-fields.js";

describe("view fields", () => {
  it("derives statistics filters, pairing metadata and tag keys with their values", () => {
    expect(
      filtersOfView({ path: ["/a", "!/b"], pattern: ["^/x"], platform: "desktop", event_meta_key: ["plan", "seats"], event_meta_value: ["pro", "~1"], tag_key: ["author"], tag_value: ["John"] }),
    ).toEqual([
      { field: "path", op: "is", values: ["/a"] },
      { field: "path", op: "is_not", values: ["/b"] },
      { field: "pattern", op: "is", values: ["^/x"] },
      { field: "platform", op: "is", values: ["desktop"] },
      { field: "event_meta:plan", op: "is", values: ["pro"] },
      { field: "event_meta:seats", op: "contains", values: ["1"] },
      { field: "tag:author", op: "is", values: ["John"] },
    ]);
  });

  it("shows filters of a natively saved view in Pirsch's fields, every field present", () => {
    const fields = completeViewFields(viewFieldsOfFilters([{ field: "event", op: "is", values: ["Buy"] }, { field: "event_meta:plan", op: "is", values: ["pro"] }]));
    expect(fields).toMatchObject({ event: ["Buy"], event_meta_key: ["plan"], event_meta_value: ["pro"], path: null, from: null, visitor_id: null });
  });
});
