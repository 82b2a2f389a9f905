import { describe, expect, it } from "vitest";
import { type BenchReport, figure, fileStamp, formatValue, markdownReport, reportJson, target } from "./report.js";

describe("formatValue", () => {
  it("formats each unit for reading", () => {
    expect(formatValue(12345.6, "req/s")).toBe("12,346 req/s");
    expect(formatValue(51000, "events/s")).toBe("51,000 events/s");
    expect(formatValue(3.456, "ms")).toBe("3.46 ms");
    expect(formatValue(48.04, "ms")).toBe("48.0 ms");
    expect(formatValue(0.7123, "ratio")).toBe("71.2%");
    expect(formatValue(1.234, "s")).toBe("1.23 s");
    expect(formatValue(0.456, "cores")).toBe("0.46 cores");
    expect(formatValue(12.34, "µs/event")).toBe("12.3 µs/event");
    expect(formatValue(1234.56, "µs")).toBe("1,234.6 µs");
    expect(formatValue(1999.5, "count")).toBe("2,000");
    expect(formatValue(8.456, "×")).toBe("8.46×");
  });

  it("shows a dash for a value that was not measured", () => {
    expect(formatValue(Number.NaN, "ms")).toBe("–");
  });
});

describe("target", () => {
  it("passes or fails against its threshold", () => {
    expect(target("ratio", 0.75, "ratio", ">=", 0.7)).toMatchObject({ pass: true, threshold: "≥ 70.0%" });
    expect(target("ratio", 0.65, "ratio", ">=", 0.7).pass).toBe(false);
    expect(target("p99", 49.9, "ms", "<", 50)).toMatchObject({ pass: true, threshold: "< 50.0 ms" });
    expect(target("p99", 50, "ms", "<", 50).pass).toBe(false);
  });

  it("fails when nothing was measured", () => {
    expect(target("p99", Number.NaN, "ms", "<", 50).pass).toBe(false);
  });
});

function sample(): BenchReport {
  return {
    startedAt: "2026-11-24T10:43:21.123Z",
    finishedAt: "2026-11-24T10:50:00.000Z",
    options: { quick: false, repetitions: 3 },
    machine: { cores: 2, loadavgBefore: [0.5, 0.4, 0.3], loadavgAfter: [1.25, 1, 1] },
    scenarios: [
      {
        id: "1",
        title: "single-hit ingest",
        figures: [
          figure("ingest POST /api/v1/hit", "req/s", [4000, 4200, 4100]),
          figure("ingest ÷ bare Hono", "ratio", [0.5, 0.55, Number.NaN]),
        ],
        notes: ["wrk | 64 connections"],
      },
    ],
    targets: [
      target("1: ingest ≥ 70% of bare Hono", 0.525, "ratio", ">=", 0.7),
      target("2: lag p99 < 5 s", 1.2, "s", "<", 5, "the run lasted 10 s"),
    ],
    notRun: [{ id: "4", title: "queries", reason: "the native query API is not there yet" }],
  };
}

describe("markdownReport", () => {
  const text = markdownReport(sample());

  it("has one row per figure with median, min and max", () => {
    expect(text).toContain("| scenario | measure | median | min | max |");
    expect(text).toContain("| 1 | ingest POST /api/v1/hit | 4,100 req/s | 4,000 req/s | 4,200 req/s |");
    expect(text).toContain("| 1 | ingest ÷ bare Hono | 52.5% | 50.0% | 55.0% |");
  });

  it("prints pass or fail per target, with its note", () => {
    expect(text).toContain("| 1: ingest ≥ 70% of bare Hono | 52.5% | ≥ 70.0% | FAIL |");
    expect(text).toContain("| 2: lag p99 < 5 s | 1.20 s | < 5.00 s | PASS (the run lasted 10 s) |");
  });

  it("says what was not run, and escapes pipes in cells and notes", () => {
    expect(text).toContain("Not run: scenario 4 (queries): the native query API is not there yet");
    expect(text).toContain("- 1: wrk | 64 connections");
    const rows = text.split("\n").filter((l) => l.startsWith("| 1 |"));
    for (const row of rows) expect(row.split(" | ")).toHaveLength(5);
  });

  it("says how busy the machine was", () => {
    expect(text).toContain("Machine: 2 cores shared by the services, the stack and the load generator; load average 0.50 at the start, 1.25 at the end.");
  });

  it("marks a quick run", () => {
    const quick = { ...sample(), options: { quick: true, repetitions: 1 } };
    expect(markdownReport(quick)).toContain("quick smoke run");
  });
});

describe("reportJson", () => {
  it("writes NaN as null and keeps every run", () => {
    const parsed = JSON.parse(reportJson(sample()));
    expect(parsed.scenarios[0].figures[1].runs).toEqual([0.5, 0.55, null]);
    expect(parsed.targets[0].pass).toBe(false);
  });
});

describe("fileStamp", () => {
  it("makes an ISO time usable as a file name", () => {
    expect(fileStamp("2026-11-24T10:43:21.123Z")).toBe("2026-11-24T10-43-21Z");
  });
});
