import { describe, expect, it } from "vitest";
import { batchTokenOf } from "./event-writer.js";
import { clickhouseTimeOf } from "./clickhouse-time.js";

describe("batchTokenOf", () => {
  it("names the topic, partition and offset range", () => {
    expect(batchTokenOf("analytics.hits", 3, "100", "199")).toBe("analytics.hits/3/100-199");
  });
});

describe("clickhouseTimeOf", () => {
  it("formats UTC with milliseconds", () => {
    expect(clickhouseTimeOf(Date.UTC(2026, 0, 2, 14, 15, 32, 7))).toBe("2026-01-02 14:15:32.007");
  });
});
