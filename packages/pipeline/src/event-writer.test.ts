import { describe, expect, it } from "vitest";
import { batchTokenOf } from "./event-writer.js";

describe("batchTokenOf", () => {
  it("names the topic, partition and offset range", () => {
    expect(batchTokenOf("analytics.hits", 3, "100", "199")).toBe("analytics.hits/3/100-199");
  });
});
